"""The daily trust-level job: what each level needs, what holds a member back,
and what the job costs however many members there are."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.roles import PEER_MODERATORS_GROUP
from moderation.models import (
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    MemberDay,
    ModerationAction,
)
from moderation.tasks import trust_levels_recompute as trust_levels_recompute_task
from moderation.trust import trust_levels_recompute
from peersite.celery import app
from tests.conftest import redis_reachable
from tests.factories import UserFactory, make_thread

# What the settings ask of each level, written out so the tests read as the rules.
LEVEL_ONE = {"threads_entered": 3, "posts_read": 15, "reading_seconds": 5 * 60}
LEVEL_TWO = {**LEVEL_ONE, "reply_threads": 3, "reactions_given": 1, "reactions_received": 1}
LEVEL_TWO_DAYS = 10
LEVEL_THREE = {**LEVEL_TWO, "reactions_received": 15}
LEVEL_THREE_DAYS = 30
RESTRICTIONS = [ActionKind.SILENCE, ActionKind.SUSPEND, ActionKind.COMMUNITY_SILENCE]


def record_days(member, *, days=1, newest_days_ago=0, **totals) -> None:
    """`days` visits in a row, the newest `newest_days_ago` days back; `totals`
    are that newest day's counters, the other days are plain visits."""
    newest = timezone.localdate() - timedelta(days=newest_days_ago)
    MemberDay.objects.create(user=member, day=newest, **totals)
    for back in range(1, days):
        MemberDay.objects.create(user=member, day=newest - timedelta(days=back))


def earn_level_three(member, *, newest_days_ago=0) -> None:
    record_days(member, days=LEVEL_THREE_DAYS, newest_days_ago=newest_days_ago, **LEVEL_THREE)


def restrict(member, kind=ActionKind.SILENCE, *, days_ago=10, reversed_=False) -> ModerationAction:
    action = ModerationAction.objects.create(
        action=kind, target_user=member, reason="Posting a dealer's contact details."
    )
    now = timezone.now()
    ModerationAction.objects.filter(pk=action.pk).update(
        created_at=now - timedelta(days=days_ago),
        reversed_at=now - timedelta(days=days_ago - 1) if reversed_ else None,
    )
    return action


def flag_member(member, count, *, resolution=FlagResolution.UPHELD, resolved_days_ago=5) -> None:
    """`count` flags from different members on a post `member` wrote. Writing it
    records a visit today, so tests that use this give their days from yesterday."""
    post = make_thread(author=member).posts.get(position=1)
    for _number in range(count):
        Flag.objects.create(
            content=post,
            flagger=UserFactory(),
            author=member,
            reason=FlagReason.HARASSMENT,
            resolution=resolution,
            resolved_at=timezone.now() - timedelta(days=resolved_days_ago),
        )


def level_after_recompute(member) -> int:
    trust_levels_recompute()
    member.refresh_from_db()
    return member.trust_level


# --- Level 1 --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_member_with_no_activity_stays_at_level_zero():
    member = UserFactory()

    assert trust_levels_recompute() == 0
    member.refresh_from_db()
    assert member.trust_level == 0


@pytest.mark.django_db
def test_entering_three_threads_and_reading_fifteen_posts_for_five_minutes_earns_level_one():
    member = UserFactory()
    MemberDay.objects.create(user=member, day=timezone.localdate(), **LEVEL_ONE)

    assert trust_levels_recompute() == 1
    member.refresh_from_db()
    assert member.trust_level == 1


@pytest.mark.django_db
def test_level_one_counts_activity_added_up_over_several_days():
    member = UserFactory()
    today = timezone.localdate()
    MemberDay.objects.create(user=member, day=today, threads_entered=1, posts_read=5)
    MemberDay.objects.create(
        user=member, day=today - timedelta(days=3), threads_entered=2, posts_read=10
    )
    MemberDay.objects.create(user=member, day=today - timedelta(days=7), reading_seconds=300)

    assert level_after_recompute(member) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "short",
    [{"threads_entered": 2}, {"posts_read": 14}, {"reading_seconds": 5 * 60 - 1}],
    ids=["two-threads", "fourteen-posts", "a-second-under-five-minutes"],
)
def test_one_short_of_any_level_one_threshold_earns_nothing(short):
    member = UserFactory()
    MemberDay.objects.create(user=member, day=timezone.localdate(), **{**LEVEL_ONE, **short})

    assert level_after_recompute(member) == 0


# --- Level 2 --------------------------------------------------------------------------


@pytest.mark.django_db
def test_ten_days_replies_in_three_threads_and_a_reaction_each_way_earn_level_two():
    member = UserFactory(trust_level=1)
    record_days(member, days=LEVEL_TWO_DAYS, **LEVEL_TWO)

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "short"),
    [
        (LEVEL_TWO_DAYS - 1, {}),
        (LEVEL_TWO_DAYS, {"reply_threads": 2}),
        (LEVEL_TWO_DAYS, {"reactions_given": 0}),
        (LEVEL_TWO_DAYS, {"reactions_received": 0}),
    ],
    ids=["nine-days", "replies-in-two-threads", "no-reaction-given", "no-reaction-received"],
)
def test_one_short_of_any_level_two_threshold_stops_at_level_one(days, short):
    member = UserFactory()
    record_days(member, days=days, **{**LEVEL_TWO, **short})

    assert level_after_recompute(member) == 1


@pytest.mark.django_db
def test_a_day_when_only_others_reacted_to_a_members_posts_is_not_a_day_visited():
    # A reaction adds to the author's day whether or not they came by that day.
    member = UserFactory(trust_level=1)
    MemberDay.objects.create(user=member, day=timezone.localdate(), **LEVEL_TWO)
    for back in range(1, LEVEL_TWO_DAYS):
        MemberDay.objects.create(
            user=member,
            day=timezone.localdate() - timedelta(days=back),
            reactions_received=1,
            visited=False,
        )

    assert level_after_recompute(member) == 1


# --- Level 3 --------------------------------------------------------------------------


@pytest.mark.django_db
def test_thirty_days_and_fifteen_reactions_in_the_last_100_days_earn_level_three():
    member = UserFactory(trust_level=2)
    record_days(member, days=LEVEL_THREE_DAYS, newest_days_ago=40, **LEVEL_THREE)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "short"),
    [(LEVEL_THREE_DAYS - 1, {}), (LEVEL_THREE_DAYS, {"reactions_received": 14})],
    ids=["twenty-nine-days", "fourteen-reactions"],
)
def test_one_short_of_a_level_three_threshold_stops_at_level_two(days, short):
    member = UserFactory(trust_level=2)
    record_days(member, days=days, **{**LEVEL_THREE, **short})

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
def test_days_visited_more_than_100_days_ago_do_not_count_toward_level_three():
    member = UserFactory(trust_level=2)
    record_days(member, days=20, **LEVEL_THREE)
    record_days(member, days=20, newest_days_ago=101)

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
def test_reactions_received_more_than_100_days_ago_do_not_count_toward_level_three():
    member = UserFactory(trust_level=2)
    record_days(member, days=LEVEL_THREE_DAYS, **{**LEVEL_THREE, "reactions_received": 5})
    MemberDay.objects.create(
        user=member, day=timezone.localdate() - timedelta(days=101), reactions_received=40
    )

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
def test_two_upheld_flags_in_the_last_100_days_still_allow_level_three():
    member = UserFactory(trust_level=3)
    flag_member(member, 2)
    earn_level_three(member, newest_days_ago=1)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
def test_a_third_upheld_flag_drops_a_level_three_member_to_two():
    member = UserFactory(trust_level=3)
    flag_member(member, 3)
    earn_level_three(member, newest_days_ago=1)

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("resolution", "resolved_days_ago"),
    [(FlagResolution.DISMISSED, 5), (FlagResolution.OPEN, 5), (FlagResolution.UPHELD, 101)],
    ids=["dismissed", "still-open", "upheld-over-100-days-ago"],
)
def test_flags_that_were_not_upheld_recently_do_not_cost_level_three(resolution, resolved_days_ago):
    member = UserFactory(trust_level=3)
    flag_member(member, 3, resolution=resolution, resolved_days_ago=resolved_days_ago)
    earn_level_three(member, newest_days_ago=1)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
def test_losing_activity_drops_a_level_three_member_to_two():
    member = UserFactory(trust_level=3)
    earn_level_three(member, newest_days_ago=110)

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
def test_a_level_three_member_with_no_activity_at_all_never_drops_below_two():
    member = UserFactory(trust_level=3)

    assert level_after_recompute(member) == 2


# --- Levels 1 and 2 are kept ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("level", [1, 2])
def test_levels_one_and_two_are_never_lost_even_with_no_activity(level):
    member = UserFactory(trust_level=level)

    assert trust_levels_recompute() == 0
    member.refresh_from_db()
    assert member.trust_level == level


# --- Silences and suspensions -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_a_recent_silence_or_suspension_keeps_a_member_from_rising(kind):
    member = UserFactory(trust_level=1)
    earn_level_three(member)
    restrict(member, kind)

    assert level_after_recompute(member) == 1


@pytest.mark.django_db
def test_a_recent_silence_keeps_a_new_member_at_level_zero():
    member = UserFactory()
    MemberDay.objects.create(user=member, day=timezone.localdate(), **LEVEL_ONE)
    restrict(member)

    assert level_after_recompute(member) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_a_recent_silence_or_suspension_removes_level_three(kind):
    member = UserFactory(trust_level=3)
    earn_level_three(member)
    restrict(member, kind, days_ago=179)

    assert level_after_recompute(member) == 2


@pytest.mark.django_db
def test_a_reversed_silence_does_not_hold_a_member_back():
    member = UserFactory(trust_level=1)
    earn_level_three(member)
    restrict(member, reversed_=True)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
def test_a_silence_more_than_180_days_ago_does_not_hold_a_member_back():
    member = UserFactory(trust_level=1)
    earn_level_three(member)
    restrict(member, days_ago=181)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
def test_a_warning_does_not_hold_a_member_back():
    member = UserFactory(trust_level=1)
    earn_level_three(member)
    restrict(member, ActionKind.WARN)

    assert level_after_recompute(member) == 3


@pytest.mark.django_db
def test_a_silence_holds_back_only_the_member_it_was_about():
    silenced, neighbour = UserFactory(), UserFactory()
    for member in (silenced, neighbour):
        MemberDay.objects.create(user=member, day=timezone.localdate(), **LEVEL_ONE)
    restrict(silenced)

    assert trust_levels_recompute() == 1
    silenced.refresh_from_db()
    neighbour.refresh_from_db()
    assert (silenced.trust_level, neighbour.trust_level) == (0, 1)


# --- Peer moderators --------------------------------------------------------------------


def test_peer_moderators_get_level_four(peer_moderator):
    assert level_after_recompute(peer_moderator) == 4


def test_a_member_who_leaves_the_peer_moderators_falls_back_to_level_two(peer_moderator):
    assert level_after_recompute(peer_moderator) == 4
    peer_moderator.groups.clear()

    assert level_after_recompute(peer_moderator) == 2


def test_a_member_who_leaves_the_peer_moderators_keeps_what_their_activity_earns(
    peer_moderator,
):
    earn_level_three(peer_moderator)
    assert level_after_recompute(peer_moderator) == 4
    peer_moderator.groups.clear()

    assert level_after_recompute(peer_moderator) == 3


# --- The job ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_running_the_job_a_second_time_changes_nothing():
    newcomer, reader, regular = UserFactory(), UserFactory(), UserFactory()
    MemberDay.objects.create(user=reader, day=timezone.localdate(), **LEVEL_ONE)
    earn_level_three(regular)

    assert trust_levels_recompute() == 2
    assert trust_levels_recompute() == 0
    levels = {member.pk: member for member in (newcomer, reader, regular)}
    for member in levels.values():
        member.refresh_from_db()
    assert [levels[pk].trust_level for pk in sorted(levels)] == [0, 1, 3]


@pytest.mark.django_db
def test_members_whose_accounts_are_closed_are_skipped():
    member = UserFactory(is_active=False)
    earn_level_three(member)

    assert level_after_recompute(member) == 0


# --- What the job costs ---------------------------------------------------------------

# Who the members are, in turn: a newcomer, levels 1, 2 and 3, and a level-1
# member with level-3 activity who was silenced. Every batch of 5 or more ends up
# moving members to the same three levels.
EXPECTED_MOVES_PER_FIVE = 3
# Once: the peer moderators, and the empty page that ends the walk.
QUERIES_PER_RUN = 2
# Each batch: its members, their days, upheld flags and restrictions, and one
# update for each level members move to (1, 2 and 3).
QUERIES_PER_BATCH = 1 + 3 + 3


def seed_members(count: int) -> None:
    today = timezone.localdate()
    days = []
    for number in range(count):
        pattern = number % 5
        member = UserFactory(trust_level=1 if pattern == 4 else 0)
        visited, totals = {
            0: (0, {}),
            1: (1, LEVEL_ONE),
            2: (LEVEL_TWO_DAYS, LEVEL_TWO),
            3: (LEVEL_THREE_DAYS, LEVEL_THREE),
            4: (LEVEL_THREE_DAYS, LEVEL_THREE),
        }[pattern]
        days += [
            MemberDay(user=member, day=today - timedelta(days=back), **(totals if not back else {}))
            for back in range(visited)
        ]
        if pattern == 4:
            restrict(member)
    MemberDay.objects.bulk_create(days)


@pytest.mark.django_db
@pytest.mark.parametrize("members", [5, 50])
def test_one_batch_costs_the_same_queries_for_5_and_for_50_members(
    members, settings, django_assert_num_queries
):
    settings.TRUST_JOB_BATCH_SIZE = 100
    seed_members(members)

    with django_assert_num_queries(QUERIES_PER_RUN + QUERIES_PER_BATCH):
        changed = trust_levels_recompute()

    assert changed == members // 5 * EXPECTED_MOVES_PER_FIVE


@pytest.mark.django_db
@pytest.mark.parametrize(("members", "batches"), [(10, 1), (30, 3)])
def test_each_batch_costs_a_fixed_number_of_queries(
    members, batches, settings, django_assert_num_queries
):
    settings.TRUST_JOB_BATCH_SIZE = 10
    seed_members(members)

    with django_assert_num_queries(QUERIES_PER_RUN + batches * QUERIES_PER_BATCH):
        changed = trust_levels_recompute()

    assert changed == members // 5 * EXPECTED_MOVES_PER_FIVE


@pytest.mark.django_db
def test_the_second_run_costs_no_updates(settings, django_assert_num_queries):
    settings.TRUST_JOB_BATCH_SIZE = 10
    seed_members(30)
    trust_levels_recompute()

    with django_assert_num_queries(QUERIES_PER_RUN + 3 * (QUERIES_PER_BATCH - 3)):
        assert trust_levels_recompute() == 0


# --- Through a real worker ------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down")
def test_the_daily_task_recomputes_levels_through_redis_on_a_real_worker():
    from celery.contrib.testing.worker import start_worker

    newcomer, reader, regular = UserFactory(), UserFactory(), UserFactory(trust_level=1)
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get_or_create(name=PEER_MODERATORS_GROUP)[0])
    MemberDay.objects.create(user=reader, day=timezone.localdate(), **LEVEL_ONE)
    earn_level_three(regular)

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = trust_levels_recompute_task.delay()
            assert result.get(timeout=30) == 3
    finally:
        app.conf.task_always_eager = True

    assert app.conf.broker_url.startswith("redis://")
    levels = {
        member.pk: member.trust_level
        for member in type(newcomer).objects.filter(
            pk__in=[newcomer.pk, reader.pk, regular.pk, moderator.pk]
        )
    }
    assert levels == {newcomer.pk: 0, reader.pk: 1, regular.pk: 3, moderator.pk: 4}
