"""`manage.py send_emails` (the digest job, for runs without Celery beat) and
the demo member's email set-up (notifications/demo.py), which `make run`
relies on to print emails in its console."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from forum.models import Thread
from forum.services.posting import post_create
from notifications.models import EmailPreference, Notification, NotificationKind
from notifications.preferences import preferences_change
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def send_emails() -> str:
    out = StringIO()
    call_command("send_emails", stdout=out)
    return " ".join(out.getvalue().split())


def with_address(member, address="river@example.org"):
    EmailAddress.objects.create(user=member, email=address, verified=True, primary=True)
    return member


def unread_reply(member):
    return Notification.objects.create(
        recipient=member,
        kind=NotificationKind.REPLY,
        summary="Someone replied",
        url="/forum/",
        sensitive=True,
    )


def test_send_emails_sends_the_digests_due_once_and_says_how_many(member):
    with_address(member)
    preferences_change(member=member, digest="daily", activity="digest")
    EmailPreference.objects.filter(member=member).update(
        next_digest_at=timezone.now() - timedelta(minutes=5)
    )
    quiet = with_address(UserFactory(username="quiet"), "quiet@example.org")
    preferences_change(member=quiet, digest="daily")
    EmailPreference.objects.filter(member=quiet).update(
        next_digest_at=timezone.now() - timedelta(minutes=5)
    )
    unread_reply(member)

    output = send_emails()

    assert "Digests due for 2 members, queued in 1 batch." in output
    assert "Sent 1 digest and 0 activity emails." in output
    assert [email.to for email in mail.outbox] == [["river@example.org"]]
    assert "1 reply" in mail.outbox[0].body

    output = send_emails()

    assert "Digests due for 0 members, queued in 0 batches." in output
    assert len(mail.outbox) == 1
    next_due = EmailPreference.objects.order_by("next_digest_at").first().next_digest_at
    assert f"The next digest is due at {next_due:%Y-%m-%d %H:%M} UTC." in output


def test_send_emails_says_so_when_nobody_has_a_digest(member):
    with_address(member)
    preferences_change(member=member, activity="immediate")

    output = send_emails()

    assert "Digests due for 0 members, queued in 0 batches." in output
    assert "Nobody has a digest turned on." in output


def test_send_emails_sends_an_activity_email_whose_task_was_lost(member):
    with_address(member)
    preferences_change(member=member, activity="immediate")
    unread_reply(member)
    EmailPreference.objects.filter(member=member).update(
        activity_email_due_at=timezone.now() - timedelta(hours=1)
    )

    output = send_emails()

    assert "Queued again after their task was lost: 1 activity email." in output
    assert "Sent 0 digests and 1 activity email." in output
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["river@example.org"]


@pytest.mark.django_db(transaction=True)
def test_the_demo_member_gets_reply_emails_and_a_daily_digest_and_repeating_keeps_it_so():
    """Committed for real, as in `make run`: work queued on commit runs at once."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    sam = User.objects.get(username="sam_demo")
    version = EmailPreference.objects.get(member=sam).version
    call_command("load_demo", stdout=out)

    assert list(EmailAddress.objects.filter(user=sam).values_list("email", "verified")) == [
        ("sam@example.org", True)
    ]
    preference = EmailPreference.objects.get(member=sam)
    assert (preference.activity, preference.digest) == ("immediate", "daily")
    assert preference.next_digest_at is not None and preference.version == version
    printed = " ".join(out.getvalue().split())
    assert "sam_demo gets an email soon after each reply, and a daily digest" in printed
    assert not mail.outbox, "loading the demo printed emails"

    thread = Thread.objects.filter(author=sam).first()
    post_create(thread=thread, author=UserFactory(), body="Same here, thanks for asking.")

    assert [email.to for email in mail.outbox] == [["sam@example.org"]]
    # One email for every unread reply no email mentioned yet, the demo's own included.
    replies = Notification.objects.filter(recipient=sam, kind=NotificationKind.REPLY)
    assert replies.filter(emailed_at__isnull=True).count() == 0
    assert f"{replies.count()} replies" in mail.outbox[0].body


def test_loading_the_demo_again_keeps_the_email_choices_the_demo_member_changed():
    call_command("load_demo", stdout=StringIO())
    sam = User.objects.get(username="sam_demo")
    preferences_change(member=sam, digest="off")

    call_command("load_demo", stdout=StringIO())

    assert EmailPreference.objects.get(member=sam).digest == "off"
