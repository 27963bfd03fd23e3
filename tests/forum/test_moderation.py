"""How the forum works with moderation: screening, holds, limits, thread tools,
ignoring, and what members see."""

from datetime import timedelta

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Ignore
from forum.models import Post, Reaction
from forum.notifications import notify_about_post, notify_about_reaction
from forum.services.posting import post_create, thread_create
from forum.services.social import reaction_toggle
from forum.services.thread_tools import thread_lock, thread_move, thread_slow_mode
from moderation.activity import activity_flush
from moderation.models import ActionKind, MemberDay, ModerationAction, QueueItem, WatchedWord
from moderation.screening import Nudge
from moderation.services import appeal_create, appeal_decide
from notifications.models import Notification
from tests.factories import CategoryFactory, UserFactory, make_thread


@pytest.fixture
def thread(home):
    return make_thread(author=UserFactory(username="opener", trust_level=1))


def reply_url(thread):
    return reverse("forum:reply", kwargs={"pk": thread.pk})


def test_a_stigmatizing_word_nudges_before_posting_and_keeps_the_text(client, thread):
    client.force_login(UserFactory(trust_level=1))

    response = client.post(reply_url(thread), {"body": "My brother is an addict and I worry."})

    page = response.content.decode()
    assert "Before you post: a thought about words" in page
    assert "person who uses drugs" in page
    assert "My brother is an addict and I worry." in page
    assert thread.posts.count() == 1


def test_after_the_nudge_the_author_can_post_as_written(client, thread):
    client.force_login(UserFactory(trust_level=1))

    response = client.post(
        reply_url(thread),
        {"body": "My brother is an addict and I worry.", "nudge_acknowledged": "1"},
    )

    assert response.status_code == 302
    assert thread.posts.last().body_source == "My brother is an addict and I worry."


def test_a_blocked_word_refuses_the_post_with_the_text_kept(
    client, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.create(
            pattern="kill yourself",
            action="block",
            explanation="We don't allow telling people to die",
        )
    client.force_login(UserFactory(trust_level=1))

    response = client.post(reply_url(thread), {"body": "just kill yourself lol"})

    page = response.content.decode()
    assert "This can&#x27;t be posted" in page
    assert "just kill yourself lol" in page
    assert thread.posts.count() == 1


def test_a_held_reply_is_seen_by_its_author_and_moderators_only(client, thread, peer_moderator):
    author = UserFactory(trust_level=1)
    post = post_create(thread=thread, author=author, body="Text me on 312-555-0199")

    assert post.is_held
    assert QueueItem.objects.get(kind="held").subject == post
    pages = {}
    for viewer in (author, peer_moderator, UserFactory()):
        client.force_login(viewer)
        pages[viewer.username] = client.get(thread.get_absolute_url()).content.decode()
    assert "Only you can see this for now" in pages[author.username]
    assert "Held for review" in pages[peer_moderator.username]
    assert "312-555-0199" not in pages[list(pages)[2]]
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_held_thread_is_released_with_its_opening_post(thread, peer_moderator):
    from moderation.services import content_decide

    held = thread_create(
        category=thread.category,
        author=UserFactory(trust_level=1),
        title="Selling",
        body="Email me at someone@example.org",
    )
    assert held.is_held and held.posts.get().is_held

    item = QueueItem.objects.get(kind="held")
    content_decide(item=item, moderator=peer_moderator, decision="keep", reason="A help line")

    held.refresh_from_db()
    assert held.is_visible and held.posts.get().is_visible


def test_a_watched_flag_word_posts_and_puts_the_post_in_the_queue(
    thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        WatchedWord.objects.create(pattern="giveaway", action="flag", explanation="Might be a scam")

    post = post_create(thread=thread, author=UserFactory(trust_level=1), body="Join my giveaway!")

    assert post.is_visible
    assert QueueItem.objects.get(kind="flagged").subject == post


def test_a_new_members_replies_stop_at_their_daily_limit_with_a_time(client, thread):
    newcomer = UserFactory(trust_level=0)
    for number in range(10):
        post_create(thread=thread, author=newcomer, body=f"Reply {number}")
    client.force_login(newcomer)

    response = client.post(reply_url(thread), {"body": "One more"})

    page = response.content.decode()
    assert "At your trust level you can write 10 replies a day." in page
    assert "Limits go up as you read and take part." in page
    assert "One more" in page
    assert thread.posts.filter(author=newcomer).count() == 10


def test_a_member_at_level_one_has_the_normal_limit(thread):
    member = UserFactory(trust_level=1)
    for number in range(11):
        post_create(thread=thread, author=member, body=f"Reply {number}")

    assert thread.posts.filter(author=member).count() == 11


def test_a_new_member_starts_three_threads_on_their_first_day(home):
    newcomer = UserFactory(trust_level=0)
    category = CategoryFactory()
    for number in range(3):
        thread_create(category=category, author=newcomer, title=f"T{number}", body="Hello")

    with pytest.raises(ValidationError, match="start 3 threads a day"):
        thread_create(category=category, author=newcomer, title="Fourth", body="Hello")


def test_slow_mode_allows_one_post_per_member_per_window(thread, peer_moderator):
    thread_slow_mode(thread=thread, moderator=peer_moderator, minutes=15, reason="Heated")
    member = UserFactory(trust_level=1)
    post_create(thread=thread, author=member, body="First")

    with pytest.raises(ValidationError, match="slow mode"):
        post_create(thread=thread, author=member, body="Second")
    post_create(thread=thread, author=UserFactory(trust_level=1), body="Someone else")
    Post.objects.filter(author=member).update(created_at=timezone.now() - timedelta(minutes=16))
    post_create(thread=thread, author=member, body="Later")


def test_a_silenced_member_cannot_post_or_react(thread):
    silenced = UserFactory(trust_level=2, silenced_until=timezone.now() + timedelta(days=1))

    with pytest.raises(ValidationError, match="read-only"):
        post_create(thread=thread, author=silenced, body="Hi")
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        reaction_toggle(post=thread.posts.get(), user=silenced, kind="support")


def test_locking_moving_and_slow_mode_are_logged_with_reasons(thread, peer_moderator):
    elsewhere = CategoryFactory()

    thread_lock(thread=thread, moderator=peer_moderator, locked=True, reason="Going in circles")
    thread_move(thread=thread, moderator=peer_moderator, category=elsewhere, reason="Fits better")
    thread_slow_mode(thread=thread, moderator=peer_moderator, minutes=30, reason="Cool down")

    thread.refresh_from_db()
    assert thread.is_locked and thread.category == elsewhere and thread.slow_mode_minutes == 30
    logged = list(ModerationAction.objects.order_by("pk").values_list("action", "reason"))
    assert logged == [
        (ActionKind.LOCK, "Going in circles"),
        (ActionKind.MOVE, "Fits better"),
        (ActionKind.SLOW_MODE, "Cool down"),
    ]


def test_reversing_a_move_on_appeal_puts_the_thread_back(thread, peer_moderator, home):
    from django.contrib.auth.models import Group

    other = UserFactory(username="kai")
    other.groups.add(Group.objects.get(name="Peer moderators"))
    original = thread.category
    move = thread_move(
        thread=thread, moderator=peer_moderator, category=CategoryFactory(), reason="Off topic"
    )
    appeal = appeal_create(action=move, appellant=thread.author, message="It was on topic")

    appeal_decide(appeal=appeal, moderator=other, reverse=True, reason="It was")

    thread.refresh_from_db()
    assert thread.category == original


def test_the_thread_tools_page_locks_with_a_reason(client, thread, peer_moderator):
    client.force_login(peer_moderator)
    url = reverse("forum:thread_moderate", kwargs={"pk": thread.pk})

    missing = client.post(url, {"tool": "lock", "lock-reason": ""})
    done = client.post(url, {"tool": "lock", "lock-reason": "Resolved"})

    assert missing.status_code == 400
    assert "Write a short reason. It goes in the public log." in missing.content.decode()
    assert done.status_code == 302
    thread.refresh_from_db()
    assert thread.is_locked


def test_the_thread_tools_page_moves_a_thread_and_sets_slow_mode(client, thread, peer_moderator):
    client.force_login(peer_moderator)
    url = reverse("forum:thread_moderate", kwargs={"pk": thread.pk})
    elsewhere = CategoryFactory(name="Stimulants")

    moved = client.post(
        url, {"tool": "move", "move-category": elsewhere.pk, "move-reason": "Off topic here"}
    )
    slowed = client.post(url, {"tool": "slow", "slow-minutes": "15", "slow-reason": "Heated"})
    unchanged = client.post(url, {"tool": "slow", "slow-minutes": "7", "slow-reason": "Heated"})

    assert moved.status_code == slowed.status_code == 302
    thread.refresh_from_db()
    assert thread.category == elsewhere
    assert thread.slow_mode_minutes == 15
    assert unchanged.status_code == 400
    assert "Select a valid choice." in unchanged.content.decode()


def test_only_peer_moderators_use_the_thread_tools(client, thread):
    client.force_login(UserFactory(trust_level=4))
    url = reverse("forum:thread_moderate", kwargs={"pk": thread.pk})

    for tool in ("lock", "move", "slow", "something else"):
        response = client.post(url, {"tool": tool, f"{tool}-reason": "Because"})
        assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.is_locked


def test_an_unknown_tool_goes_back_to_the_thread_tools(client, thread, peer_moderator):
    client.force_login(peer_moderator)
    url = reverse("forum:thread_moderate", kwargs={"pk": thread.pk})

    response = client.post(url, {"tool": "delete", "delete-reason": "Because"})

    assert response.status_code == 302
    assert response.url == url


def test_a_member_at_level_two_can_edit_tags_on_any_thread(client, thread):
    client.force_login(UserFactory(trust_level=2))
    url = reverse("forum:thread_tags", kwargs={"pk": thread.pk})

    response = client.post(url, {"tags": "Naloxone, test strips"})

    assert response.status_code == 302
    assert sorted(thread.tags.names()) == ["naloxone", "test strips"]


def test_a_member_below_level_two_cannot_edit_someone_elses_tags(client, thread):
    client.force_login(UserFactory(trust_level=1))

    response = client.get(reverse("forum:thread_tags", kwargs={"pk": thread.pk}))

    assert response.status_code == 403


def test_posts_by_an_ignored_member_are_folded_away(client, thread):
    reader = UserFactory(trust_level=1)
    loud = UserFactory(username="loud_one", trust_level=1)
    post_create(thread=thread, author=loud, body="Something you'd rather not read")
    Ignore.objects.create(user=reader, ignored=loud)
    client.force_login(reader)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "You're ignoring loud_one. Show this post." in page
    assert '<details class="ignored-post">' in page


def test_an_ignored_member_no_longer_notifies(home):
    reader = UserFactory(username="reader", trust_level=1)
    loud = UserFactory(username="loud_one", trust_level=1)
    thread = make_thread(author=reader)
    Ignore.objects.create(user=reader, ignored=loud)

    # The notification task runs after commit; here it is called directly.
    reply = post_create(thread=thread, author=loud, body="@reader look at this")
    assert notify_about_post(reply) == 0
    assert not Notification.objects.filter(recipient=reader).exists()
    Reaction.objects.create(post=thread.posts.get(position=1), user=loud, kind="support")
    assert notify_about_reaction(thread.posts.get(position=1)) is None


def test_ignoring_from_a_profile_needs_trust_level_one(client, home):
    newcomer = UserFactory(trust_level=0)
    other = UserFactory(username="someone")
    client.force_login(newcomer)

    url = reverse("accounts:ignore", kwargs={"handle": "someone"})
    refused = client.post(url, {"ignore": "1"})
    newcomer.trust_level = 1
    newcomer.save()
    accepted = client.post(url, {"ignore": "1"})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert Ignore.objects.filter(user=newcomer, ignored=other).exists()


def test_reading_replying_and_reactions_count_toward_trust(client, thread):
    reader = UserFactory(trust_level=0)
    client.force_login(reader)

    client.get(thread.get_absolute_url())
    post_create(thread=thread, author=reader, body="Thanks for this")
    reaction_toggle(post=thread.posts.get(position=1), user=reader, kind="helpful")
    activity_flush()  # reading is buffered until the periodic flush

    day = MemberDay.objects.get(user=reader)
    assert day.visited and day.threads_entered == 1 and day.posts_read >= 1
    assert day.reply_threads == 1 and day.reactions_given == 1
    assert MemberDay.objects.get(user=thread.author).reactions_received == 1


def test_erasing_an_account_removes_text_a_moderator_removed(thread, peer_moderator):
    from accounts.services import member_erase
    from moderation.services import content_decide, flag_create

    author = UserFactory(trust_level=1)
    post = post_create(thread=thread, author=author, body="Something removed")
    flag_create(content=post, flagger=UserFactory(trust_level=1), reason="harassment")
    content_decide(
        item=QueueItem.objects.get(kind="flagged"),
        moderator=peer_moderator,
        decision="delete",
        reason="Harassment",
    )

    member_erase(user=author)

    post.refresh_from_db()
    assert post.body_source == "" and post.body_html == ""


def test_nudge_is_raised_to_the_service_caller(thread):
    with pytest.raises(Nudge) as raised:
        post_create(thread=thread, author=UserFactory(trust_level=1), body="stop being a junkie")

    assert raised.value.screening.nudges[0].suggestion


def test_a_thread_hidden_by_flags_keeps_its_address_as_a_placeholder(client, thread):
    from moderation.services import flag_create

    for _ in range(3):
        flag_create(content=thread, flagger=UserFactory(trust_level=1), reason="identifies")

    response = client.get(thread.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hidden by the community, pending review: Identifies someone" in page
    assert thread.title not in page
    assert (
        client.get(reverse("forum:category", kwargs={"slug": thread.category.slug}))
        .content.decode()
        .count(thread.title)
        == 0
    )


def test_a_discussion_that_fails_validation_shows_no_experience_report_errors(client, home):
    category = CategoryFactory()
    client.force_login(UserFactory(trust_level=1))

    response = client.post(
        reverse("forum:thread_create"),
        {
            "category": category.pk,
            "title": "",
            "kind": "discussion",
            "body": "Kept text",
            "doses-TOTAL_FORMS": "1",
            "doses-INITIAL_FORMS": "0",
        },
    )

    page = response.content.decode()
    assert "Give your thread a title." in page
    assert "Add at least one substance" not in page
    assert "Kept text" in page


def test_after_a_failed_reply_the_pages_links_point_at_the_thread(client, thread):
    client.force_login(UserFactory(trust_level=1))

    page = client.post(reply_url(thread), {"body": ""}).content.decode()

    assert "Write something before posting." in page
    assert f'href="/forum/t/{thread.pk}/?page=1&amp;quote=' in page
    # The page's buttons come back to the thread, not to the reply address.
    assert f'name="next" value="{thread.get_absolute_url()}"' in page
    assert f'name="next" value="/forum/t/{thread.pk}/reply/' not in page
    assert f'action="/forum/t/{thread.pk}/reply/#reply"' in page


def test_tags_with_contact_details_are_refused(client, thread):
    from forum.services.thread_tools import thread_tags_set

    with pytest.raises(ValidationError) as error:
        thread_tags_set(
            thread=thread, editor=UserFactory(trust_level=2), tags=["text 312-555-0199"]
        )

    assert "tags" in error.value.message_dict
    assert list(thread.tags.names()) == []


def test_a_new_thread_with_contact_details_in_its_tags_is_held(home):
    held = thread_create(
        category=CategoryFactory(),
        author=UserFactory(trust_level=1),
        title="Hello",
        body="Just saying hi",
        tags=["wickr jdoe"],
    )

    assert held.is_held


def test_a_silenced_member_is_not_offered_flag_links(client, thread):
    silenced = UserFactory(trust_level=2, silenced_until=timezone.now() + timedelta(days=1))
    client.force_login(silenced)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert "/moderation/flag/" not in page
    assert "Your account is read-only for" in page


def test_a_moderator_removing_a_post_takes_its_words_out_of_replies_that_quote_it(
    thread, peer_moderator
):
    from moderation.services import content_decide, flag_create

    post = post_create(thread=thread, author=UserFactory(), body="Her real name is Dana Reyes")
    quoting = post_create(
        thread=thread,
        author=UserFactory(),
        body="> Her real name is Dana Reyes\n\nPlease don't post that.",
        quoted_post=post,
    )
    flag_create(content=post, flagger=UserFactory(trust_level=1), reason="identifies")

    content_decide(
        item=QueueItem.objects.get(kind="flagged"),
        moderator=peer_moderator,
        decision="delete",
        reason="Identifies someone",
    )

    quoting.refresh_from_db()
    assert "Dana" not in quoting.body_source and "Dana" not in quoting.body_html
    assert "Please don't post that." in quoting.body_source
