"""Emails as a real mail server receives them: what their outside shows, what
they leave out, and that each goes out once, or not at all when it shouldn't.

Notifications come from the forum's own services, the way members cause them.
Celery runs eagerly here, so an activity email would go out the moment its
task is queued; tests about the 5-minute wait hold the task the way the broker
holds a task with an ETA, then let it run.
"""

import re
import socket
from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from forum.models import ContentWarning, FollowLevel
from forum.services.posting import post_create
from forum.services.social import following_set
from notifications.delivery import Mailer, TransientDeliveryError
from notifications.discretion import revealing_words_in
from notifications.emails import email_settings
from notifications.models import DigestSend, EmailPreference, Notification, NotificationKind
from notifications.preferences import next_digest_at, preferences_change
from notifications.sending import digest_batch_send, digests_due
from notifications.services import notify
from notifications.tasks import activity_email, digest_batch
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

URL = re.compile(r"""https?://[^\s"'<>]+""")


def address_of(member) -> str:
    return f"{member.username}@example.org"


def member_with_address(username: str, *, verified: bool = True, **choices):
    member = UserFactory(username=username)
    EmailAddress.objects.create(
        user=member, email=address_of(member), verified=verified, primary=True
    )
    if choices:
        preferences_change(member=member, **choices)
    return member


def digest_due_now(member) -> None:
    """Move the member's clock on to the time their digest is due."""
    EmailPreference.objects.filter(member=member).update(
        next_digest_at=timezone.now() - timedelta(minutes=1)
    )


def preference(member) -> EmailPreference:
    return EmailPreference.objects.get(member=member)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what a service queues for after its transaction commits (the forum's
    notification task, then the activity email it queues), as production does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def held_activity_emails(monkeypatch):
    """Activity email tasks wait, as the broker keeps a task until its ETA;
    each entry is (member id, when it is due). `release()` runs them."""
    held: list[tuple[int, datetime]] = []

    def hold(args, eta=None, **options):
        held.append((args[0], eta))

    monkeypatch.setattr(activity_email, "apply_async", hold)

    def release():
        for member_id, _due in list(held):
            activity_email.apply(args=[member_id]).get()
        held.clear()

    return held, release


def parts(message) -> tuple[str, str]:
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def assert_safe_outside(message, *, count: int) -> None:
    """What a lock screen, a shared inbox or a mail log would show."""
    sender = message["From"].addresses[0]
    assert sender.display_name == "WWA"
    assert sender.addr_spec == settings.DEFAULT_FROM_EMAIL
    noun = "notification" if count == 1 else "notifications"
    assert message["Subject"] == f"You have {count} new {noun}"
    site_names = {
        Site.objects.get(is_default_site=True).site_name.lower(),
        settings.WAGTAIL_SITE_NAME.lower(),
    }
    for name, value in message.items():
        assert revealing_words_in(str(value)) == [], name
        assert not any(site_name in str(value).lower() for site_name in site_names), name
    # A long header is folded onto a second line; unfolded, it is one link.
    unsubscribe = str(message["List-Unsubscribe"]).strip()
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/email/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def assert_safe_inside(message) -> None:
    text, html = parts(message)
    assert "<img" not in message.as_string().lower()
    assert "src=" not in html.lower()
    links = URL.findall(text) + URL.findall(html) + re.findall(r'href="([^"]*)"', html)
    assert links
    for link in links:
        assert link.startswith(f"{settings.SITE_URL}/"), link


# What arrives --------------------------------------------------------------------


def test_an_activity_email_arrives_discreet_with_both_parts_and_a_one_click_unsubscribe(
    mail_server, after_commit, client
):
    member = member_with_address("river", activity="immediate")
    thread = make_thread(author=member, title="Sunflower seeds in spring")

    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="Marigolds grow well beside them.")

    [received] = mail_server.to(address_of(member))
    assert received.recipients == (address_of(member),)
    assert_safe_outside(received.message, count=1)
    assert_safe_inside(received.message)
    text, html = parts(received.message)
    assert "1 reply" in text and "1 reply" in html
    for words in ("Sunflower", "Marigolds"):
        assert words not in text and words not in html
    assert Notification.objects.get(recipient=member).emailed_at is not None

    # The one-click POST a mail app makes stops these emails.
    unsubscribe = str(received.message["List-Unsubscribe"]).strip().strip("<>")
    response = client.post(
        unsubscribe.removeprefix(settings.SITE_URL), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert preference(member).activity == "off"


def test_a_digest_arrives_with_the_count_of_what_is_new(mail_server, after_commit):
    member = member_with_address("river", digest="daily")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    with after_commit():
        make_thread(category=category, title="Sunflower seeds in spring")
        make_thread(category=category, title="Planting by the moon")
    digest_due_now(member)

    assert digest_batch_send(member_ids=[member.pk]) == 1

    [received] = mail_server.to(address_of(member))
    assert_safe_outside(received.message, count=2)
    assert_safe_inside(received.message)
    text, html = parts(received.message)
    assert "2 new threads where you watch" in text
    assert "2 new threads where you watch" in html
    assert "daily digest" in text
    sent = DigestSend.objects.get(member=member)
    assert sent.items == 2 and sent.sent_at is not None


# What never shows ----------------------------------------------------------------

SAFE_TITLE, SAFE_WORDS = "Sunflower seeds in spring", "Marigolds grow well beside them"
SENSITIVE_TITLE, SENSITIVE_WORDS = "Lentil soup evenings", "Grandmother's cardamom jar"
WARNED_TITLE, WARNED_WORDS = "Harbor walk at dusk", "The lighthouse keeper waved"
HIDDEN_WORDS = ("Lentil", "cardamom", "Harbor", "lighthouse")


def threads_in_three_places(*, author=None, watcher=None) -> list:
    """A thread in an ordinary category, one in a sensitive category, and one
    with a content warning in the ordinary category. `watcher` watches both
    categories, so each new thread notifies them."""
    ordinary = CategoryFactory(slug="garden")
    sensitive = CategoryFactory(slug="sensitive-things", is_sensitive=True)
    if watcher is not None:
        following_set(user=watcher, level=FollowLevel.WATCH, category=ordinary)
        following_set(user=watcher, level=FollowLevel.WATCH, category=sensitive)
    author = author or UserFactory()
    return [
        make_thread(category=ordinary, author=author, title=SAFE_TITLE, body=SAFE_WORDS),
        make_thread(category=sensitive, author=author, title=SENSITIVE_TITLE, body=SENSITIVE_WORDS),
        make_thread(
            category=ordinary,
            author=author,
            title=WARNED_TITLE,
            body=WARNED_WORDS,
            content_warning=ContentWarning.DEATH_AND_GRIEF,
        ),
    ]


def assert_only_the_ordinary_thread_shown_when_detailed(message, *, detailed: bool) -> None:
    for part in parts(message):
        for words in HIDDEN_WORDS:
            assert words.lower() not in part.lower()
        assert (SAFE_TITLE in part) is detailed


@pytest.mark.parametrize("detailed", [False, True], ids=["discreet", "detailed"])
def test_a_digest_never_shows_a_sensitive_or_content_warned_thread(
    mail_server, after_commit, detailed
):
    member = member_with_address("river", digest="daily", detailed=detailed)
    with after_commit():
        threads_in_three_places(watcher=member)
    digest_due_now(member)

    digest_batch_send(member_ids=[member.pk])

    [received] = mail_server.to(address_of(member))
    assert_safe_outside(received.message, count=3)
    assert_safe_inside(received.message)
    assert_only_the_ordinary_thread_shown_when_detailed(received.message, detailed=detailed)
    assert (SAFE_WORDS in parts(received.message)[0]) is detailed


@pytest.mark.parametrize("detailed", [False, True], ids=["discreet", "detailed"])
def test_an_activity_email_never_shows_a_sensitive_or_content_warned_thread(
    mail_server, after_commit, held_activity_emails, detailed
):
    _held, release = held_activity_emails
    member = member_with_address("river", activity="immediate", detailed=detailed)
    threads = threads_in_three_places(author=member)
    replies = ("Tulips too", "More cardamom please", "The lighthouse again")
    with after_commit():
        for thread, words in zip(threads, replies, strict=True):
            post_create(thread=thread, author=UserFactory(), body=words)

    release()

    [received] = mail_server.to(address_of(member))
    assert_safe_outside(received.message, count=3)
    assert_safe_inside(received.message)
    assert_only_the_ordinary_thread_shown_when_detailed(received.message, detailed=detailed)
    assert ("Tulips too" in parts(received.message)[0]) is detailed


def test_each_email_s_last_line_goes_out_without_waiting_for_the_server(mail_server):
    # The final dot is a tiny write after the body: with Nagle's algorithm on,
    # it would wait up to 40 ms for the server's acknowledgment, on every email.
    message = EmailMessage(subject="Hello", body="Hi", to=["river@example.org"])
    with Mailer() as mailer:
        mailer.prepare(message)
        sock = mailer.backend.connection.sock
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        mailer.finish()

    assert [r.recipients for r in mail_server.received] == [("river@example.org",)]


# When the mail server says no ---------------------------------------------------


def test_an_address_refused_for_good_is_marked_and_never_tried_again(mail_server, after_commit):
    member = member_with_address("river", digest="daily", activity="immediate")
    mail_server.refuse(address_of(member), "550 5.1.1 No such mailbox here")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    with after_commit():
        make_thread(category=category)
    digest_due_now(member)
    before = timezone.now()

    assert digest_batch_send(member_ids=[member.pk]) == 0

    refused = preference(member)
    assert refused.undeliverable_address == address_of(member)
    assert before <= refused.undeliverable_at <= timezone.now()
    assert not DigestSend.objects.filter(member=member, sent_at__isnull=False).exists()
    assert mail_server.received == []

    # Later: new replies, another digest due. Nothing is even offered to that address.
    thread = make_thread(author=member)
    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="Are you still around?")
        make_thread(category=category, title="Another one")
    digest_due_now(member)
    digest_batch_send(member_ids=[member.pk])
    digest_due_now(member)
    digest_batch_send(member_ids=[member.pk])

    assert mail_server.rcpt_attempts == [address_of(member)]
    assert mail_server.received == []
    assert not Notification.objects.filter(recipient=member, emailed_at__isnull=False).exists()


def test_a_digest_the_server_cannot_take_now_is_retried_and_arrives_once(mail_server, after_commit):
    member = member_with_address("river", digest="daily")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    with after_commit():
        make_thread(category=category)
    digest_due_now(member)
    due = preference(member).next_digest_at
    mail_server.refuse(address_of(member), "451 4.3.0 Try again later", times=1)

    with pytest.raises(TransientDeliveryError):
        digest_batch([member.pk])

    assert not DigestSend.objects.filter(member=member).exists()
    assert preference(member).next_digest_at == due
    assert mail_server.received == []

    assert digest_batch([member.pk]) == 1
    assert digest_batch([member.pk]) == 0
    assert len(mail_server.to(address_of(member))) == 1
    assert DigestSend.objects.get(member=member).sent_at is not None


def test_celery_retries_a_refused_digest_until_the_server_takes_it(mail_server, after_commit):
    member = member_with_address("river", digest="daily")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    with after_commit():
        make_thread(category=category)
    digest_due_now(member)
    mail_server.refuse(address_of(member), "451 4.7.1 Greylisted, come back later", times=1)

    # throw=False: the first try's error goes to Celery's retry, not to this test.
    result = digest_batch.apply(args=[[member.pk]], throw=False)

    assert result.get() == 1
    assert mail_server.rcpt_attempts == [address_of(member)] * 2
    assert len(mail_server.to(address_of(member))) == 1


def test_an_activity_email_the_server_cannot_take_now_is_retried_and_arrives_once(
    mail_server, after_commit, held_activity_emails
):
    held, _release = held_activity_emails
    member = member_with_address("river", activity="immediate")
    thread = make_thread(author=member)
    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="Welcome back")
    [(member_id, _due)] = held
    mail_server.refuse(address_of(member), "451 4.3.0 Try again later", times=1)

    with pytest.raises(TransientDeliveryError):
        activity_email(member_id)

    assert Notification.objects.get(recipient=member).emailed_at is None
    assert preference(member).activity_email_due_at is not None
    assert mail_server.received == []

    assert activity_email(member_id) is True
    assert activity_email(member_id) is False
    assert len(mail_server.to(address_of(member))) == 1
    assert Notification.objects.get(recipient=member).emailed_at is not None


# Who gets nothing -----------------------------------------------------------------


def test_a_member_who_turned_emails_off_gets_none(mail_server, after_commit):
    member = member_with_address("river", activity="off", digest="off")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    thread = make_thread(author=member, category=category)
    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="Hello")
        make_thread(category=category, title="Something new")

    assert list(digests_due(now=timezone.now() + timedelta(days=8))) == []
    assert preference(member).activity_email_due_at is None
    assert mail_server.rcpt_attempts == []


def silence(member):
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()


def suspend(member):
    member.suspended_until = timezone.now() + timedelta(days=3)
    member.save()


def unverify(member):
    EmailAddress.objects.filter(user=member).update(verified=False)


def deactivate(member):
    member.is_active = False
    member.save()


@pytest.mark.parametrize("restrict", [silence, suspend, unverify, deactivate])
def test_a_restricted_member_or_unverified_address_gets_no_email(
    mail_server, after_commit, held_activity_emails, restrict
):
    held, release = held_activity_emails
    member = member_with_address("river", activity="immediate", digest="daily")
    category = CategoryFactory()
    following_set(user=member, level=FollowLevel.WATCH, category=category)
    thread = make_thread(author=member, category=category)
    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="Hello")
        make_thread(category=category, title="Something new")
    assert held
    digest_due_now(member)
    restrict(member)

    release()
    digest_batch_send(member_ids=[member.pk])

    assert mail_server.rcpt_attempts == []
    assert not DigestSend.objects.filter(member=member, sent_at__isnull=False).exists()
    assert not Notification.objects.filter(recipient=member, emailed_at__isnull=False).exists()


def test_a_notification_read_in_the_site_before_the_email_goes_is_left_out(
    mail_server, after_commit, held_activity_emails, client
):
    _held, release = held_activity_emails
    member = member_with_address("river", activity="immediate")
    thread = make_thread(author=member)
    with after_commit():
        post_create(thread=thread, author=UserFactory(), body="First reply")
        post_create(thread=thread, author=UserFactory(), body="Second reply")
    client.force_login(member)
    seen = Notification.objects.filter(recipient=member).order_by("created_at").first()
    client.post(reverse("notification_open", kwargs={"pk": seen.pk}))

    release()

    [received] = mail_server.to(address_of(member))
    assert received.message["Subject"] == "You have 1 new notification"
    seen.refresh_from_db()
    assert seen.emailed_at is None


def test_a_busy_thread_sends_one_email_for_everything_in_the_window(
    mail_server, after_commit, held_activity_emails
):
    held, release = held_activity_emails
    member = member_with_address("river", activity="immediate")
    thread = make_thread(author=member)
    started = timezone.now()
    with after_commit():
        for number in range(5):
            post_create(thread=thread, author=UserFactory(), body=f"Reply number {number}")

    [(member_id, due)] = held
    assert member_id == member.pk
    window = timedelta(seconds=settings.ACTIVITY_EMAIL_WINDOW_SECONDS)
    assert started + window <= due <= timezone.now() + window
    release()

    [received] = mail_server.to(address_of(member))
    assert received.message["Subject"] == "You have 5 new notifications"
    assert "5 replies" in parts(received.message)[0]


def test_sending_a_period_s_digests_twice_sends_each_once(mail_server, after_commit):
    members = [member_with_address(name, digest="daily") for name in ("river", "sky", "lake")]
    category = CategoryFactory()
    for member in members:
        following_set(user=member, level=FollowLevel.WATCH, category=category)
        digest_due_now(member)
    with after_commit():
        make_thread(category=category)
    ids = [member.pk for member in members]
    now = timezone.now()

    assert digest_batch_send(member_ids=ids, now=now) == 3
    assert digest_batch_send(member_ids=ids, now=now) == 0
    assert digest_batch_send(member_ids=ids) == 0

    assert sorted(mail_server.delivered_recipients()) == sorted(map(address_of, members))
    assert DigestSend.objects.filter(sent_at__isnull=False).count() == 3


def test_a_member_with_nothing_new_gets_no_digest_and_waits_for_the_next_period(mail_server):
    member = member_with_address("river", digest="daily")
    digest_due_now(member)
    due = preference(member).next_digest_at

    assert digest_batch_send(member_ids=[member.pk]) == 0

    assert mail_server.rcpt_attempts == []
    quiet = DigestSend.objects.get(member=member)
    assert quiet.sent_at is None and quiet.items == 0
    next_due = preference(member).next_digest_at
    assert next_due > timezone.now()
    assert list(digests_due(now=next_due - timedelta(seconds=1))) == []
    assert list(digests_due(now=next_due)) == [[member.pk]]
    assert due < next_due <= due + timedelta(days=1, minutes=1)


# When a digest is due --------------------------------------------------------------


@pytest.mark.parametrize(("month", "due_hour_utc"), [(1, 13), (7, 12)], ids=["january", "july"])
def test_a_daily_digest_at_8_am_in_new_york_is_due_at_13_utc_in_winter_and_12_in_summer(
    month, due_hour_utc
):
    member = member_with_address(
        "river", digest="daily", digest_hour=8, time_zone="America/New_York"
    )
    evening_before = datetime(2027, month, 11, 23, 0, tzinfo=UTC)

    due = next_digest_at(preference(member), after=evening_before)

    assert due == datetime(2027, month, 12, due_hour_utc, 0, tzinfo=UTC)
    EmailPreference.objects.filter(member=member).update(next_digest_at=due)
    assert list(digests_due(now=due - timedelta(seconds=1))) == []
    assert list(digests_due(now=due)) == [[member.pk]]


def test_the_digest_after_the_clocks_go_forward_still_comes_at_8_am(mail_server):
    member = member_with_address(
        "river", digest="daily", digest_hour=8, time_zone="America/New_York"
    )
    saturday_8_am = datetime(2027, 3, 13, 13, 0, tzinfo=UTC)
    EmailPreference.objects.filter(member=member).update(next_digest_at=saturday_8_am)

    digest_batch_send(member_ids=[member.pk], now=saturday_8_am)

    # Daylight saving time starts that night: Sunday's 8 am is an hour earlier in UTC.
    assert preference(member).next_digest_at == datetime(2027, 3, 14, 12, 0, tzinfo=UTC)
    assert DigestSend.objects.get(member=member).period == "daily 2027-03-13"


# What it costs ----------------------------------------------------------------------


# Once per batch: its members, their addresses, the site and its Email setting.
BATCH_QUERIES = 4
# For each member, in the savepoint that records their digest: lock their
# preferences, move their next digest on, look for this period's record and
# the last one, read their notifications and what the forum may show of them,
# write the record; and two for each section other apps add (knowledge-base
# topics they follow, consultations closing soon: the private pages, then the
# pages). (Two more, SAVEPOINT and RELEASE, exist only because each test runs
# in a transaction.)
MEMBER_QUERIES = 13


@pytest.mark.parametrize("size", [5, 25])
def test_a_digest_batch_costs_the_same_queries_for_each_member_whatever_its_size(
    mail_server, django_assert_num_queries, size
):
    threads = [make_thread(title=f"Garden thread {number}") for number in range(3)]
    members = [
        member_with_address(f"member{number}", digest="daily", detailed=True)
        for number in range(size)
    ]
    for thread in threads:
        notify(
            recipients=members,
            kind=NotificationKind.NEW_THREAD,
            summary="A new thread where you watch",
            thread=thread,
            post=thread.posts.get(position=1),
        )
    for member in members:
        digest_due_now(member)
    email_settings()  # saved once, the first time anything reads it

    with django_assert_num_queries(BATCH_QUERIES + MEMBER_QUERIES * size):
        assert digest_batch_send(member_ids=[member.pk for member in members]) == size

    assert len(mail_server.received) == size
    assert all("Garden thread" in parts(r.message)[0] for r in mail_server.received)
