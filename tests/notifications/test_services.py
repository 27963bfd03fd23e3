import inspect

import pytest

from django.urls import reverse

from forum.services.posting import post_create
from moderation.models import FlagReason, ModerationState, QueueItem
from moderation.services import flag_create, member_warn
from moderation.services.records import content_state_set
from notifications import services
from notifications.models import Notification, NotificationKind
from notifications.services import (
    notification_open,
    notifications_mark_all_read,
    notify,
    unread_count,
)
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_notify_tells_each_recipient_once_and_never_the_actor(member):
    actor, other = UserFactory(), UserFactory()

    created = notify(
        recipients=[member, other.pk, member, actor],
        kind=NotificationKind.MODERATION,
        summary="Something new is waiting in the review queue.",
        url="/moderation/",
        sensitive=False,
        actor=actor,
    )

    assert len(created) == 2
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [member.pk, other.pk]
    )
    stored = Notification.objects.get(recipient=member)
    assert (stored.summary, stored.url, stored.sensitive, stored.actor) == (
        "Something new is waiting in the review queue.",
        "/moderation/",
        False,
        actor,
    )
    assert stored.read_at is None and stored.emailed_at is None


def test_a_notification_is_sensitive_unless_the_sender_says_otherwise(member):
    notify(recipients=[member], kind=NotificationKind.MODERATION, summary="Hello")

    assert Notification.objects.get(recipient=member).sensitive is True


def test_notifying_twice_about_the_same_post_notifies_once(member):
    thread = make_thread()
    post = thread.posts.get()
    for _ in range(2):
        notify(
            recipients=[member],
            kind=NotificationKind.MENTION,
            summary="sky mentioned you",
            thread=thread,
            post=post,
        )

    assert Notification.objects.filter(recipient=member, post=post).count() == 1


def test_a_long_summary_is_fitted_to_what_the_field_holds_at_a_word(member):
    notify(recipients=[member], kind=NotificationKind.MODERATION, summary="word " * 200)

    summary = Notification.objects.get(recipient=member).summary
    assert len(summary) <= 300
    assert summary.endswith("word…")


def test_opening_and_reading_all_count_down_the_unread(member):
    for number in range(3):
        notify(recipients=[member], kind=NotificationKind.MODERATION, summary=f"Note {number}")
    assert unread_count(user=member) == 3

    notification_open(notification=Notification.objects.filter(recipient=member).first())
    assert unread_count(user=member) == 2

    assert notifications_mark_all_read(user=member) == 2
    assert unread_count(user=member) == 0


def test_the_unread_count_leaves_out_notifications_about_hidden_threads(
    member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(thread=thread, author=UserFactory(), body="Hi @river")
    assert unread_count(user=member) == 1

    content_state_set(thread, ModerationState.HIDDEN, "Hidden for review")

    assert unread_count(user=member) == 0


def test_a_moderation_decision_reaches_the_inbox_without_the_forum(
    member, peer_moderator, monkeypatch
):
    callers = []
    notify_as_written = services.notify

    def notify_and_remember_who_asked(**kwargs):
        callers.extend(frame.frame.f_globals.get("__name__", "") for frame in inspect.stack())
        return notify_as_written(**kwargs)

    monkeypatch.setattr("moderation.services.records.inbox.notify", notify_and_remember_who_asked)

    record = member_warn(member=member, moderator=peer_moderator, reason="Please be kind.")

    notice = Notification.objects.get(recipient=member)
    assert notice.kind == NotificationKind.MODERATION
    assert notice.moderation_action == record
    assert notice.summary == record.member_message
    assert notice.url == reverse("moderation:decision", kwargs={"pk": record.pk})
    assert notice.sensitive is False
    assert "moderation.services.records" in callers
    assert not [name for name in callers if name.startswith("forum")]


def test_moderation_sends_no_signal_for_the_forum_to_pass_on():
    import moderation.signals

    assert not hasattr(moderation.signals, "member_notice")


def test_someone_in_danger_is_a_sensitive_notification_for_moderators(member, peer_moderator):
    post = make_thread(author=member).posts.get()

    flag_create(content=post, flagger=UserFactory(), reason=FlagReason.DANGER, note="scared")

    notice = Notification.objects.get(recipient=peer_moderator)
    care = QueueItem.objects.get(kind="care")
    assert notice.queue_item == care
    assert notice.sensitive is True
    assert notice.summary == "Someone may need care. See the review queue."
    assert notice.url == care.get_absolute_url()
    assert "scared" not in notice.summary


def test_a_mention_is_sensitive_because_it_carries_a_thread_title(
    member, django_capture_on_commit_callbacks
):
    thread = make_thread(title="Night out")
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_create(thread=thread, author=UserFactory(username="sky"), body="Hey @river")

    notice = Notification.objects.get(recipient=member)
    assert notice.sensitive is True
    assert notice.summary == "sky mentioned you in “Night out”"
    assert notice.url == reply.get_absolute_url()
