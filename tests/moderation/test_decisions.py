from datetime import timedelta

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from moderation.models import ActionKind, Flag, FlagReason, ModerationAction, QueueItem
from moderation.services import (
    care_close,
    content_decide,
    flag_create,
    flag_weight,
    member_lift,
    member_silence,
    member_suspend,
    member_warn,
    queue_escalate,
    vote_cast,
)
from notifications.models import Notification, NotificationKind


def refreshed(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def flagged(post, make_member):
    """The post with two flags on it: waiting in the queue, still visible."""
    flaggers = [make_member(level=1), make_member(level=0)]
    flag_create(content=post, flagger=flaggers[0], reason=FlagReason.SOURCING)
    flag_create(content=post, flagger=flaggers[1], reason=FlagReason.SPAM)
    return QueueItem.objects.get(kind="flagged", object_id=post.pk)


def test_keeping_dismisses_the_flags_and_lowers_the_flaggers_accuracy(
    flagged, post, peer_moderator
):
    flagger = Flag.objects.filter(object_id=post.pk).first().flagger
    before = flag_weight(flagger)

    content_decide(
        item=flagged, moderator=peer_moderator, decision="keep", reason="Harm-reduction advice"
    )

    assert refreshed(flagged).status == "resolved"
    assert set(Flag.objects.values_list("resolution", flat=True)) == {"dismissed"}
    assert flag_weight(flagger) < before
    action = ModerationAction.objects.get(action=ActionKind.KEEP)
    assert action.actor == peer_moderator and action.reason == "Harm-reduction advice"
    # Nobody is told about flags that came to nothing.
    assert not Notification.objects.filter(recipient=post.author).exists()


def test_hiding_upholds_the_flags_and_tells_the_author(flagged, post, peer_moderator):
    content_decide(item=flagged, moderator=peer_moderator, decision="hide", reason="Offers to sell")

    post = refreshed(post)
    assert post.is_hidden
    assert post.moderation_reason == "Hidden by a peer moderator: Offers to sell"
    assert set(Flag.objects.values_list("resolution", flat=True)) == {"upheld"}
    notice = Notification.objects.get(recipient=post.author, kind=NotificationKind.MODERATION)
    assert notice.moderation_action.action == ActionKind.HIDE


def test_deleting_keeps_the_words_for_an_appeal_but_shows_a_placeholder(
    client, flagged, post, peer_moderator
):
    content_decide(item=flagged, moderator=peer_moderator, decision="delete", reason="Sourcing")

    post = refreshed(post)
    assert post.is_deleted and post.body_source == "Anyone around tonight?"
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Removed by a peer moderator: Sourcing" in page
    assert "Anyone around tonight?" not in page


def test_editing_with_a_reason_makes_a_revision(flagged, post, peer_moderator):
    content_decide(
        item=flagged,
        moderator=peer_moderator,
        decision="edit",
        reason="Took out a phone number",
        text="Anyone around tonight? [number removed]",
    )

    post = refreshed(post)
    assert post.body_source == "Anyone around tonight? [number removed]"
    assert post.revisions.get().body_source == "Anyone around tonight?"
    assert ModerationAction.objects.filter(action=ActionKind.EDIT).exists()


def test_every_decision_needs_a_reason(flagged, peer_moderator):
    with pytest.raises(ValidationError) as error:
        content_decide(item=flagged, moderator=peer_moderator, decision="hide", reason="  ")
    assert "reason" in error.value.message_dict
    assert refreshed(flagged).is_open


def test_a_decided_item_cannot_be_decided_again(flagged, peer_moderator, second_moderator):
    content_decide(item=flagged, moderator=peer_moderator, decision="keep", reason="Fine")

    with pytest.raises(ValidationError, match="already dealt with"):
        content_decide(item=flagged, moderator=second_moderator, decision="hide", reason="No")


def test_members_cannot_decide(flagged, make_member):
    with pytest.raises(PermissionDenied):
        content_decide(item=flagged, moderator=make_member(level=3), decision="hide", reason="x")


def test_three_concordant_trusted_votes_decide(flagged, post, make_member):
    voters = [make_member(level=3) for _ in range(3)]
    vote_cast(item=flagged, voter=voters[0], choice="hide")
    vote_cast(item=flagged, voter=voters[1], choice="keep")
    vote_cast(item=flagged, voter=voters[2], choice="hide")
    assert refreshed(flagged).is_open

    vote_cast(item=flagged, voter=make_member(level=3), choice="hide")

    assert refreshed(flagged).status == "resolved"
    assert refreshed(post).is_hidden
    action = ModerationAction.objects.get(action=ActionKind.VOTE_HIDE)
    assert action.actor is None and action.actor_role == "community"


def test_a_trusted_member_votes_once_and_lower_levels_cannot_vote(flagged, make_member):
    voter = make_member(level=3)
    vote_cast(item=flagged, voter=voter, choice="keep")

    with pytest.raises(ValidationError, match="already voted"):
        vote_cast(item=flagged, voter=voter, choice="hide")
    with pytest.raises(PermissionDenied):
        vote_cast(item=flagged, voter=make_member(level=2), choice="hide")


def test_a_moderators_single_decision_overrides_votes(flagged, post, make_member, peer_moderator):
    vote_cast(item=flagged, voter=make_member(level=3), choice="hide")
    vote_cast(item=flagged, voter=make_member(level=3), choice="hide")

    content_decide(item=flagged, moderator=peer_moderator, decision="keep", reason="It's advice")

    assert refreshed(post).is_visible
    with pytest.raises(ValidationError):
        vote_cast(item=flagged, voter=make_member(level=3), choice="hide")


def test_a_silence_makes_a_member_read_only_for_the_chosen_days(post, peer_moderator, client):
    member_silence(member=post.author, moderator=peer_moderator, days=3, reason="Repeated sourcing")

    author = refreshed(post.author)
    assert author.is_silenced
    assert timedelta(days=2, hours=23) < author.silenced_until - timezone.now() <= timedelta(days=3)
    client.force_login(author)
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Your account is read-only for 2\xa0days more." in page
    assert 'id="reply"' not in page


def test_silence_lengths_come_from_the_list(post, peer_moderator):
    with pytest.raises(ValidationError):
        member_silence(member=post.author, moderator=peer_moderator, days=2, reason="x")


def test_a_suspended_member_cannot_sign_in_and_sees_how_to_appeal(
    client, post, peer_moderator, password
):
    member_suspend(member=post.author, moderator=peer_moderator, days=7, reason="Doxxing")

    response = client.post("/account/login/", {"login": post.author.username, "password": password})

    assert response.status_code == 403
    page = response.content.decode()
    assert "Your account is suspended" in page and "Doxxing" in page
    assert "ask a different moderator to look again" in page
    assert "_auth_user_id" not in client.session


def test_a_suspension_ends_an_open_session(client, post, peer_moderator):
    client.force_login(post.author)
    member_suspend(member=post.author, moderator=peer_moderator, days=None, reason="Threats")

    response = client.get("/forum/")

    assert response.status_code == 403
    assert "until they lift it" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_suspended_member_can_appeal_through_the_signed_link(
    client, post, peer_moderator, password
):
    from moderation.models import Appeal
    from moderation.suspension import appeal_link

    action = member_suspend(member=post.author, moderator=peer_moderator, days=30, reason="Threats")
    link = appeal_link(action)

    response = client.post(link, {"message": "That wasn't me, my account was shared."})

    assert response.status_code == 200
    assert Appeal.objects.get().appellant == post.author
    assert client.get(link[:-5] + "xxxx/").status_code == 404


def test_lifting_ends_a_silence_early(post, peer_moderator):
    member_silence(member=post.author, moderator=peer_moderator, days=30, reason="Spam")

    member_lift(member=post.author, moderator=peer_moderator, reason="Talked it through")

    assert not refreshed(post.author).is_silenced


def test_a_warning_carries_a_private_note_the_public_log_never_shows(client, post, peer_moderator):
    member_warn(
        member=post.author,
        moderator=peer_moderator,
        reason="Judging someone's use",
        note="Please keep it kind; people here are at every stage.",
    )
    client.force_login(post.author)
    decision = ModerationAction.objects.get(action=ActionKind.WARN)

    own_view = client.get(f"/moderation/decisions/{decision.pk}/").content.decode()
    client.logout()
    public_log = client.get("/moderation/log/").content.decode()

    assert "people here are at every stage" in own_view
    assert "Judging someone&#x27;s use" in public_log
    assert "people here are at every stage" not in public_log


def test_moderators_cannot_act_on_other_moderators(peer_moderator, second_moderator):
    with pytest.raises(PermissionDenied):
        member_silence(member=second_moderator, moderator=peer_moderator, days=1, reason="x")


def test_care_items_close_privately(post, make_member, peer_moderator):
    flag_create(content=post, flagger=make_member(), reason=FlagReason.DANGER)
    care = QueueItem.objects.get(kind="care")

    action = care_close(item=care, moderator=peer_moderator, note="Replied with the crisis lines")

    assert refreshed(care).status == "resolved"
    assert action.is_public is False
    assert not ModerationAction.objects.public().filter(action=ActionKind.CARE).exists()


def test_items_waiting_48_hours_are_escalated_to_every_moderator_once(
    flagged, peer_moderator, second_moderator
):
    QueueItem.objects.filter(pk=flagged.pk).update(created_at=timezone.now() - timedelta(hours=49))

    assert queue_escalate() == 1
    assert queue_escalate() == 0

    escalated = refreshed(flagged)
    assert escalated.escalated_at is not None
    for moderator in (peer_moderator, second_moderator):
        assert Notification.objects.filter(recipient=moderator, queue_item=escalated).count() == 1


def test_items_younger_than_48_hours_are_not_escalated(flagged, peer_moderator):
    QueueItem.objects.filter(pk=flagged.pk).update(created_at=timezone.now() - timedelta(hours=47))

    assert queue_escalate() == 0


def test_a_care_follow_up_never_counts_against_the_person_at_risk(
    client, post, make_member, peer_moderator
):
    from moderation.trust import activity_for

    flag_create(content=post, flagger=make_member(), reason=FlagReason.DANGER)
    care_close(
        item=QueueItem.objects.get(kind="care"), moderator=peer_moderator, note="Replied kindly"
    )

    assert Flag.objects.get().resolution == "cared_for"
    assert activity_for([post.author.pk])[post.author.pk].recent_flags_upheld == 0
    client.force_login(peer_moderator)
    page = client.get(f"/moderation/members/{post.author.username}/").content.decode()
    assert "Flags on their writing" not in page


def test_a_held_post_that_may_identify_someone_is_for_moderators_only(
    client, thread, make_member, peer_moderator
):
    from forum.services.posting import post_create

    held = post_create(thread=thread, author=make_member(), body="She lives at 12 Oak Street")
    item = QueueItem.objects.get(kind="held")
    trusted = make_member(level=3)

    client.force_login(trusted)
    queue_page = client.get("/moderation/queue/").content.decode()
    item_status = client.get(item.get_absolute_url()).status_code
    with pytest.raises(PermissionDenied):
        vote_cast(item=item, voter=trusted, choice="keep")
    client.force_login(peer_moderator)

    assert held.is_held and item.moderators_only
    assert "Oak Street" not in queue_page and item_status == 404
    assert "Oak Street" in client.get(item.get_absolute_url()).content.decode()


def test_thread_housekeeping_is_not_held_against_the_thread_starter(thread, peer_moderator):
    from forum.services.thread_tools import thread_lock, thread_slow_mode

    thread_slow_mode(thread=thread, moderator=peer_moderator, minutes=15, reason="Busy")
    thread_lock(thread=thread, moderator=peer_moderator, locked=True, reason="Resolved")

    starter = thread.author
    assert not ModerationAction.objects.record_of(starter).exists()
    notices = Notification.objects.filter(recipient=starter, kind=NotificationKind.MODERATION)
    assert [notice.moderation_action.action for notice in notices] == [ActionKind.LOCK]


def test_the_suspended_page_shows_how_the_appeal_went(
    client, post, peer_moderator, second_moderator, password
):
    from moderation.services import appeal_create, appeal_decide

    action = member_suspend(
        member=post.author, moderator=peer_moderator, days=None, reason="Threats"
    )
    appeal = appeal_create(action=action, appellant=post.author, message="Not me")
    appeal_decide(
        appeal=appeal, moderator=second_moderator, reverse=False, reason="Ask again in a month"
    )

    page = client.post(
        "/account/login/", {"login": post.author.username, "password": password}
    ).content.decode()

    assert "Your appeal: Decision upheld." in page
    assert "Ask again in a month" in page
    assert "ask a different moderator to look again" not in page
