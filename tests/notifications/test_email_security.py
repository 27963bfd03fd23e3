"""What an email must never do, whoever tries: put anything but the chosen
words in its headers, say what the site is about on its outside or lock-screen
preview, show what the member shouldn't see, or leave an address in a log."""

import pytest
from allauth.account.models import EmailAddress

from django.core.exceptions import ValidationError
from django.test import override_settings

from notifications.emails import email_message, email_settings
from notifications.models import EmailSettings
from notifications.preferences import preference_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def outside_errors(**fields) -> dict:
    """The errors the Email setting's form would show, by field."""
    setting = EmailSettings(**{"sender_name": "WWA", **fields})
    try:
        setting.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def message_with(look: EmailSettings, *, count: int = 3):
    member = UserFactory()
    EmailAddress.objects.create(user=member, email="river@example.org", verified=True, primary=True)
    from notifications.emails import EmailSection

    return email_message(
        member=member,
        address="river@example.org",
        preference=preference_for(member),
        sections=[EmailSection(key="reply", count=count, phrase=f"{count} replies")],
        kind="activity",
        look=look,
    ).message()


# The subject's {count}


@pytest.mark.parametrize(
    "subject",
    [
        "{count.__class__}",
        "{count.__class__.__init__.__doc__}",
        "{count:>60}",
        "{count!r} new",
        "{count[0]}",
        "{0} new",
        "{{count}} new",
        "{count} new {",
    ],
)
def test_the_subject_takes_count_and_no_other_placeholder(subject):
    assert "subject_many" in outside_errors(subject_many=subject)


def test_a_subject_that_got_past_the_form_is_never_run_as_a_format():
    look = EmailSettings(subject_many="{count.__class__.__mro__} {count:>70}")

    subject = look.subject(3)

    assert "class" not in subject
    assert len(subject) < 60


def test_count_still_becomes_the_number():
    assert EmailSettings(subject_many="{count} new notes, {count} in all").subject(4) == (
        "4 new notes, 4 in all"
    )


# Line breaks and other characters that would break or extend a header


@pytest.mark.parametrize("field", ["sender_name", "subject_one", "subject_many"])
@pytest.mark.parametrize("odd", ["\r\nBcc: someone@example.org", "\n", "\u2028", "\x0b", "\x85"])
def test_a_line_break_or_control_character_is_refused_in_the_outside(field, odd):
    value = f"New {{count}}{odd} notes" if field == "subject_many" else f"New{odd} notes"

    assert field in outside_errors(**{field: value})


def test_a_line_break_saved_some_other_way_never_breaks_or_adds_a_header(home):
    look = EmailSettings(
        sender_name="WWA\r\nBcc: someone@example.org",
        subject_one="One",
        subject_many="You have {count} new\r\nBcc: someone@example.org",
    )

    message = message_with(look)

    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]
    assert "someone@example.org" not in str(message["To"])
    assert message["Subject"] == "You have 3 new Bcc: someone@example.org"
    assert message["From"] == '"WWA Bcc: someone@example.org" <no-reply@localhost>'


def test_the_default_setting_is_accepted_and_reads_plainly(home):
    assert outside_errors(**{f.name: f.default for f in EmailSettings._meta.fields[-3:]}) == {}
    message = message_with(email_settings())

    assert message["Subject"] == "You have 3 new notifications"
    assert message["From"] == '"WWA" <no-reply@localhost>'


def test_a_subject_with_an_index_is_refused_beside_its_field_not_with_a_server_error(
    client, peer_moderator
):
    from tests.notifications.test_email_pages import admin_field_errors, email_setting_url

    client.force_login(peer_moderator)

    response = client.post(
        email_setting_url(),
        {"sender_name": "WWA", "subject_one": "A new note", "subject_many": "{count[0]} notes"},
    )

    assert response.status_code == 200
    assert admin_field_errors(response.content.decode(), "subject_many") == (
        "Use {count} for the number, and no other curly brackets."
    )


# Revealing words, however they are spelled


@pytest.mark.parametrize(
    "disguised",
    [
        "Dr\u200bugs",  # a zero-width space inside the word
        "Ｄｒｕｇｓ",  # full-width letters
        "Drùgs",  # an accent
        "Drug\u0455",  # Cyrillic "ѕ"
        "МЕТН",  # all Cyrillic capitals
        "Νarcan",  # a Greek capital Nu
        "Harm-reduction",
        "Harm  reduction",
        "HarmReduction",
        "WhereWereAt",
        "Addicts",
        "Injecting",
        "Overdosed",
        "=?utf-8?q?drugs?=",  # an encoded word, which mail apps decode
        "=?utf-8?b?ZHJ1Z3M=?=",
    ],
)
@pytest.mark.parametrize("field", ["sender_name", "subject_one", "subject_many"])
def test_a_revealing_word_is_refused_however_it_is_disguised(field, disguised):
    assert field in outside_errors(**{field: f"{disguised} news"})


@pytest.mark.parametrize(
    "plain", ["WWA", "Notes", "You have {count} new notes", "Café updates", "Neighbors"]
)
def test_plain_words_are_still_accepted(plain):
    assert outside_errors(sender_name=plain[:40], subject_one=plain, subject_many=plain) == {}


def test_the_moderator_reads_which_word_or_character_to_take_out():
    assert outside_errors(subject_one="Drùgs news")["subject_one"] == [
        "Leave out “drugs”. This shows on lock screens and in shared inboxes, "
        "so it must not say what this site is about."
    ]
    assert "(U+0455)" in outside_errors(subject_one="Drug\u0455 news")["subject_one"][0]
    assert outside_errors(subject_one="=?utf-8?b?ZHJ1Z3M=?=")["subject_one"] == [
        "Leave out “=?”: mail apps read what follows it as coded text, which could say anything."
    ]


# The rest of the outside: the address it comes from and the message's id


@override_settings(DEFAULT_FROM_EMAIL="Where We're At <hello@wwa.example>")
def test_the_sender_name_replaces_any_name_in_the_site_address(home):
    message = message_with(email_settings())

    assert message["From"] == '"WWA" <hello@wwa.example>'


@override_settings(DEFAULT_FROM_EMAIL="Where We're At <hello@wwa.example>")
def test_with_no_sender_name_the_email_comes_from_the_bare_address(home):
    message = message_with(EmailSettings(sender_name='""', subject_many="{count} notes"))

    assert message["From"] == "hello@wwa.example"


@override_settings(DEFAULT_FROM_EMAIL="hello@wwa.example")
def test_the_message_id_names_the_senders_domain_not_the_servers(home, monkeypatch):
    monkeypatch.setattr(
        "django.core.mail.message.DNS_NAME", "worker-2.harm-reduction-site.internal"
    )

    message = message_with(email_settings())

    assert message["Message-ID"].endswith("@wwa.example>")
    assert "harm-reduction" not in message.as_string()


# Logs hold no addresses


class MailServer:
    """Stands in for an SMTP connection: answers each command as told."""

    def __init__(self, *, rcpt=(250, b"2.1.5 OK"), end=(250, b"2.0.0 OK")):
        self.rcpt_reply, self.end_reply = rcpt, end
        self.data = b""

    def ehlo_or_helo_if_needed(self):
        pass

    def mail(self, sender):
        return 250, b"2.1.0 OK"

    def rcpt(self, recipient):
        return self.rcpt_reply

    def docmd(self, command):
        return 354, b"Go ahead"

    def send(self, data):
        self.data += data

    def getreply(self):
        return self.end_reply

    def rset(self):
        return 250, b"OK"

    def close(self):
        pass

    def quit(self):
        pass


def smtp_answering(monkeypatch, server: MailServer) -> None:
    from django.core.mail.backends.smtp import EmailBackend

    def connection():
        backend = EmailBackend(host="127.0.0.1", port=25)
        backend.connection = server
        return backend

    monkeypatch.setattr("notifications.delivery.get_connection", connection)


def an_activity_email_waiting(address="river@example.org"):
    from django.utils import timezone

    from notifications.models import EmailPreference, Notification

    member = UserFactory()
    EmailAddress.objects.create(user=member, email=address, verified=True, primary=True)
    EmailPreference.objects.create(
        member=member, activity="immediate", activity_email_due_at=timezone.now()
    )
    Notification.objects.create(recipient=member, kind="reply", summary="A reply")
    return member


@pytest.mark.parametrize(
    "server",
    [
        MailServer(rcpt=(452, b"4.2.2 <river@example.org>: Mailbox full")),
        MailServer(end=(451, b"4.7.1 Try again later, river@example.org")),
    ],
    ids=["refused for now", "refused at the end"],
)
def test_a_mail_servers_reply_is_kept_without_the_address_it_names(home, monkeypatch, server):
    """The error's message is what Celery logs on a retry ("Task ... retry:
    Retry in 60s: TransientDeliveryError(...)") and keeps with the task's result."""
    from celery.exceptions import Retry

    from notifications.delivery import TransientDeliveryError
    from notifications.sending import activity_email_send

    member = an_activity_email_waiting()
    smtp_answering(monkeypatch, server)

    with pytest.raises(TransientDeliveryError) as raised:
        activity_email_send(member_id=member.pk)

    error = raised.value
    assert error.code in (451, 452)
    assert "Mailbox full" in error.reply or "Try again later" in error.reply
    for logged in (str(error), repr(error), str(Retry(exc=error, when=60))):
        assert "river@example.org" not in logged


# What a detailed email shows


def a_reply_for(member, *, title="Our walking group", body="See you all on Sunday.", author=None):
    """A thread `member` started, a reply to it from `author`, and the
    notification it brings; returns the reply."""
    from forum.notifications import notify_about_post
    from forum.services.posting import post_create
    from tests.factories import make_thread

    thread = make_thread(author=member, title=title)
    reply = post_create(thread=thread, author=author or UserFactory(), body=body)
    notify_about_post(reply)
    return reply


def detailed_member(address="river@example.org"):
    from notifications.preferences import preferences_change

    member = UserFactory()
    EmailAddress.objects.create(user=member, email=address, verified=True, primary=True)
    preferences_change(member=member, activity="immediate", detailed=True)
    return member


def activity_email_text(member) -> str:
    """Both parts of the activity email the member gets now, or "" for none."""
    from django.core import mail
    from django.utils import timezone

    from notifications.models import EmailPreference
    from notifications.sending import activity_email_send

    EmailPreference.objects.filter(member=member).update(activity_email_due_at=timezone.now())
    mail.outbox.clear()
    if not activity_email_send(member_id=member.pk):
        return ""
    (message,) = mail.outbox
    return message.body + "\n" + message.alternatives[0][0]


def test_a_detailed_email_shows_a_safe_threads_title_and_a_few_words(home):
    member = detailed_member()
    a_reply_for(member, title="Our walking group", body="See you all on Sunday.")

    email = activity_email_text(member)

    assert "Our walking group" in email
    assert "See you all on Sunday." in email


def test_a_detailed_email_leaves_out_what_a_member_the_recipient_ignores_wrote(home):
    from accounts.models import Ignore

    member = detailed_member()
    other = UserFactory()
    a_reply_for(member, title="Our walking group", body="Words from someone ignored.", author=other)
    Ignore.objects.create(user=member, ignored=other)

    email = activity_email_text(member)

    assert "1 reply" in email
    assert "Words from someone ignored." not in email
    assert "Our walking group" not in email


@pytest.mark.parametrize(
    "change",
    ["thread hidden", "post hidden", "post held", "post deleted", "moved to sensitive", "warned"],
)
def test_a_detailed_email_never_shows_what_changed_after_the_notification(home, change):
    from forum.models import Post, Thread
    from moderation.models import ModerationState
    from tests.factories import CategoryFactory

    member = detailed_member()
    reply = a_reply_for(member, title="Our walking group", body="See you all on Sunday.")
    threads = Thread.objects.filter(pk=reply.thread_id)
    posts = Post.objects.filter(pk=reply.pk)
    if change == "thread hidden":
        threads.update(moderation_state=ModerationState.HIDDEN)
    elif change == "post hidden":
        posts.update(moderation_state=ModerationState.HIDDEN)
    elif change == "post held":
        posts.update(moderation_state=ModerationState.HELD)
    elif change == "post deleted":
        posts.update(moderation_state=ModerationState.DELETED)
    elif change == "moved to sensitive":
        threads.update(category=CategoryFactory(is_sensitive=True))
    else:
        threads.update(content_warning="overdose")

    email = activity_email_text(member)

    assert "Our walking group" not in email
    assert "See you all on Sunday." not in email


def test_a_detailed_email_shows_a_post_as_it_reads_now(home):
    from forum.models import Post

    member = detailed_member()
    reply = a_reply_for(member, body="First words.")
    Post.objects.filter(pk=reply.pk).update(body_html="<p>Edited words.</p>")

    email = activity_email_text(member)

    assert "Edited words." in email
    assert "First words." not in email


# However much there is, an email stays short


def many_replies(member, how_many: int) -> None:
    from notifications.models import Notification

    Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind="reply",
            summary=f"Reply number {number}",
            url=f"/somewhere/{number}/",
            sensitive=False,
        )
        for number in range(how_many)
    )


def test_a_detailed_email_lists_a_few_and_says_how_many_more(home):
    member = detailed_member()
    many_replies(member, 300)

    email = activity_email_text(member)

    text_part, html_part = email.split("\n<!DOCTYPE html>")
    for part in (text_part, html_part):
        assert "300 replies" in part
        assert part.count("Reply number") == 5
        assert "and 295 more" in part
    assert len(email) < 8000


def test_an_email_costs_the_same_queries_for_ten_notifications_or_three_hundred(home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    # The first email reads the site and its Email setting into the cache.
    for how_many in (1, 10, 300):
        member = detailed_member(f"member{how_many}@example.org")
        many_replies(member, how_many)
        with CaptureQueriesContext(connection) as queries:
            assert activity_email_text(member)
        counts.append(len(queries))

    assert counts[1] == counts[2]


# The opening lines: what a lock screen or an inbox list shows

# Characters of an email's opening a phone or inbox shows before it is opened,
# taken generously, with runs of spaces and line breaks counted as one.
PREVIEW_LENGTH = 200


def openings(email: str) -> list[str]:
    """The opening of the email's plain-text part and of its HTML part's text."""
    import html

    from tests.html import visible_text

    text_part, html_part = email.split("\n<!DOCTYPE html>")
    html_text = html.unescape(visible_text("<body" + html_part.split("<body", 1)[1]))
    return [" ".join(part.split())[:PREVIEW_LENGTH] for part in (text_part, html_text)]


def test_the_opening_of_a_detailed_email_shows_counts_but_no_title_or_words(home):
    member = detailed_member()
    a_reply_for(member, title="Our walking group", body="See you all on Sunday.")

    email = activity_email_text(member)

    assert "Our walking group" in email
    for opening in openings(email):
        assert "1 reply" in opening
        assert "walking" not in opening
        assert "Sunday" not in opening


# Only ever to the member's own verified address


def test_an_email_goes_to_the_primary_verified_address_only(home):
    from django.core import mail

    member = an_activity_email_waiting(address="primary@example.org")
    EmailAddress.objects.create(user=member, email="second@example.org", verified=True)
    EmailAddress.objects.create(user=member, email="unconfirmed@example.org", verified=False)

    assert activity_email_text(member)
    assert mail.outbox[0].to == ["primary@example.org"]
    assert mail.outbox[0].recipients() == ["primary@example.org"]


def test_a_refused_address_gets_nothing_but_the_one_that_replaces_it_does(home):
    from django.core import mail

    from notifications.models import EmailPreference, Notification

    member = an_activity_email_waiting(address="old@example.org")
    EmailPreference.objects.filter(member=member).update(undeliverable_address="Old@example.org")

    assert activity_email_text(member) == ""

    EmailAddress.objects.filter(user=member).delete()
    EmailAddress.objects.create(user=member, email="new@example.org", verified=True, primary=True)
    Notification.objects.create(recipient=member, kind="reply", summary="Another reply")

    assert activity_email_text(member)
    assert mail.outbox[0].to == ["new@example.org"]


def test_a_detailed_email_links_to_this_site_only_even_when_a_post_has_links(home):
    member = detailed_member()
    friend = UserFactory(username="sam_s")
    # Links from a brand-new account wait for a moderator; this author has been around.
    a_reply_for(
        member,
        author=UserFactory(trust_level=2),
        body="Read https://elsewhere.example/page and [this](https://other.example/) "
        "or see elsewhere.org, @sam_s said.",
    )

    email = activity_email_text(member)

    assert "Read (link) and (link) or see (link), @sam_s said." in email
    assert "elsewhere.example" not in email
    assert "other.example" not in email
    assert "elsewhere.org" not in email
    assert friend.username in email


def test_a_detailed_email_shows_a_posts_ampersands_and_brackets_as_written(home):
    member = detailed_member()
    a_reply_for(member, body="Tom & Jerry <3")

    email = activity_email_text(member)

    text_part, html_part = email.split("\n<!DOCTYPE html>")
    assert '"Tom & Jerry <3"' in text_part
    assert "“Tom &amp; Jerry &lt;3”" in html_part
