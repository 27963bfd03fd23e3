"""The member's side of email: the settings page, the page a link in an email
opens (signed out, and by a mail app's one-click unsubscribe), and the Email
setting peer moderators edit in the admin."""

import html
import json
import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from accounts.services import member_erase, member_export
from notifications.models import DigestSend, EmailPreference, EmailSettings
from notifications.preferences import preference_for, preferences_change, preferences_token
from tests.factories import UserFactory
from tests.html import visible_text

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/account/settings/email/"

# What the settings form sends when a member picks a daily digest at 8 pm in
# Central time and replies soon after.
CHOSEN = {
    "activity": "immediate",
    "digest": "daily",
    "digest_weekday": "4",
    "digest_hour": "20",
    "time_zone": "America/Chicago",
    "detailed": "False",
    "safety_alerts": "on",
}


def verified_address(member, email="river@example.org"):
    return EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)


def link_for(member) -> str:
    """The preferences link in the newest email the member could have had."""
    return reverse("email:preferences", args=[preferences_token(preference_for(member))])


def emails_on(member) -> str:
    """Give the member emails about replies and a daily digest, as an email
    that carries a link would find them."""
    preferences_change(member=member, activity="immediate", digest="daily")
    return link_for(member)


def text(response) -> str:
    return " ".join(html.unescape(visible_text(response.content.decode())).split())


def field_block(page: str, field: str) -> str:
    """The markup of one field (its fieldset or div), from the field's own
    wrapper to the next one."""
    start = page.index(f'id="id_{field}"')
    wrapper = max(page.rfind('<div class="field', 0, start), page.rfind("<fieldset", 0, start))
    following = [
        position
        for position in (
            page.find('<div class="field', start),
            page.find("<fieldset", start),
            page.find("</form>", start),
        )
        if position != -1
    ]
    return page[wrapper : min(following)]


# The settings page, signed in


def test_a_signed_out_visitor_is_sent_to_sign_in_from_email_choices(client, home):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/account/settings/email/" in response.url


def test_account_settings_link_to_email_choices(member_client, home):
    page = member_client.get(reverse("accounts:settings")).content.decode()

    assert f'href="{SETTINGS_URL}"' in page


def test_with_no_address_the_page_says_nothing_is_sent_and_how_to_add_one(member_client, home):
    page = text(member_client.get(SETTINGS_URL))

    assert "your notifications show replies, mentions and quotes whether or not" in page
    assert "You haven't added an email address, so we send nothing." in page
    assert "Add an email address" in page
    assert "Emails are off" not in page


def test_an_unconfirmed_address_gets_nothing_until_its_link_is_opened(member_client, member, home):
    EmailAddress.objects.create(user=member, email="river@example.org", verified=False)

    page = text(member_client.get(SETTINGS_URL))

    assert "Confirm your email address first" in page
    assert "We send nothing until you do." in page
    assert "Emails go to" not in page


def test_a_confirmed_address_is_named_and_emails_are_off_until_chosen(member_client, member, home):
    verified_address(member)

    page = text(member_client.get(SETTINGS_URL))

    assert "Emails go to river@example.org." in page
    assert "Emails are off: no emails about replies, and no digest." in page
    assert "Only urgent safety alerts are on." in page


def test_confirming_an_address_leads_back_to_email_choices_where_it_shows(
    member_client, member, home
):
    address = EmailAddress.objects.create(user=member, email="river@example.org", verified=False)
    key = EmailConfirmationHMAC(address).key

    confirm_page = text(member_client.get(reverse("account_confirm_email", args=[key])))
    response = member_client.post(reverse("account_confirm_email", args=[key]), follow=True)

    assert "Is river@example.org your address?" in confirm_page
    assert response.redirect_chain[-1][0] == SETTINGS_URL
    page = text(response)
    assert "You have confirmed river@example.org." in page
    assert "Emails go to river@example.org." in page


def test_with_every_email_off_the_page_says_it_sends_nothing(member_client, member, home):
    verified_address(member)
    preferences_change(member=member, safety_alerts=False)

    page = text(member_client.get(SETTINGS_URL))

    assert "Emails are off: we send you nothing." in page


def test_a_refused_address_is_explained_and_can_be_tried_again(member_client, member, home):
    verified_address(member)
    preferences_change(member=member, digest="weekly")
    EmailPreference.objects.filter(member=member).update(
        undeliverable_address="River@example.org",
        undeliverable_at=datetime(2026, 11, 3, 15, tzinfo=UTC),
    )

    page = text(member_client.get(SETTINGS_URL))
    assert "Emails to river@example.org couldn't be delivered on November 3." in page
    assert "we stopped sending to it" in page
    assert "Emails go to" not in page

    response = member_client.post(reverse("email:address_retry"), follow=True)

    preference = EmailPreference.objects.get(member=member)
    assert (preference.undeliverable_address, preference.undeliverable_at) == ("", None)
    after = text(response)
    assert "We'll try your address again with the next email." in after
    assert "Emails go to river@example.org." in after
    assert "couldn't be delivered" not in after


def test_trying_an_address_again_needs_a_post(member_client, member, home):
    preferences_change(member=member, digest="weekly")
    EmailPreference.objects.filter(member=member).update(
        undeliverable_address="river@example.org", undeliverable_at=timezone.now()
    )

    response = member_client.get(reverse("email:address_retry"))

    assert response.status_code == 302
    assert EmailPreference.objects.get(member=member).undeliverable_address == "river@example.org"


def test_saving_stores_the_choices_and_says_what_changed(member_client, member, home):
    verified_address(member)

    response = member_client.post(SETTINGS_URL, CHOSEN, follow=True)

    preference = EmailPreference.objects.get(member=member)
    assert (preference.activity, preference.digest, preference.digest_hour) == (
        "immediate",
        "daily",
        20,
    )
    assert (preference.time_zone, preference.digest_weekday) == ("America/Chicago", 4)
    assert preference.version == 2
    page = text(response)
    assert "Saved. Replies, mentions and quotes: Don't email me → Email me soon after" in page
    assert "Digest: No digest → Once a day" in page
    assert "Digest time: 8 am → 8 pm" in page
    assert "Time zone: Eastern time (New York, Toronto) → Central time (Chicago, Winnipeg)" in page
    assert "Emails are off" not in page
    assert 'value="immediate" required id="id_activity_1" checked' in response.content.decode()


def test_a_daily_digest_at_8_in_chicago_is_due_at_14_utc_in_winter(
    member_client, member, home, monkeypatch
):
    winter_night = datetime(2027, 1, 12, 3, 30, tzinfo=UTC)  # 9:30 pm the day before in Chicago
    monkeypatch.setattr(
        "notifications.preferences.timezone", SimpleNamespace(now=lambda: winter_night)
    )

    member_client.post(SETTINGS_URL, {**CHOSEN, "digest_hour": "8"})

    assert EmailPreference.objects.get(member=member).next_digest_at == datetime(
        2027, 1, 12, 14, tzinfo=UTC
    )


def test_saving_the_same_choices_again_changes_nothing(member_client, member, home):
    member_client.post(SETTINGS_URL, CHOSEN)

    response = member_client.post(SETTINGS_URL, CHOSEN, follow=True)

    assert "Nothing changed: your choices were already like that." in text(response)
    assert EmailPreference.objects.get(member=member).version == 2


HOSTILE = "<script>alert('x')</script>"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Mars/Olympus_Mons"),
        ("digest_hour", "25"),
        ("digest_weekday", "9"),
        ("activity", "sometimes"),
        ("digest", HOSTILE),
        ("detailed", "<b>yes</b>"),
        ("time_zone", "Europe/" + "x" * 10_240),
    ],
    ids=["unknown zone", "hour 25", "weekday 9", "choice not listed", "script", "html", "10 KB"],
)
def test_a_value_not_offered_is_refused_beside_its_field_and_saves_nothing(
    member_client, member, home, field, value
):
    response = member_client.post(SETTINGS_URL, {**CHOSEN, field: value})

    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('class="errorlist"') == 1
    assert "Choose one of the options in the list." in field_block(page, field)
    assert "Some choices need a fix" in page
    # What was sent is not shown back: it could be anything.
    assert f'value="{value}"' not in field_block(page, field)
    assert HOSTILE not in page and "<b>yes" not in page and "x" * 100 not in page
    assert not EmailPreference.objects.filter(member=member).exists()
    # What else was typed is still chosen.
    kept = {
        "digest": 'value="daily" required id="id_digest_1" checked',
        "digest_hour": '<option value="20" selected>8 pm</option>',
        "time_zone": '<option value="America/Chicago" selected>',
    }
    for other, shown in kept.items():
        if other != field:
            assert shown in page, other


def test_a_missing_choice_is_asked_for_beside_its_field(member_client, member, home):
    choices = {key: value for key, value in CHOSEN.items() if key != "activity"}

    page = member_client.post(SETTINGS_URL, choices).content.decode()

    assert "Choose one of the options." in field_block(page, "activity")
    assert not EmailPreference.objects.filter(member=member).exists()


def test_replies_in_a_digest_that_is_off_are_refused_beside_the_choice(member_client, member, home):
    response = member_client.post(SETTINGS_URL, {**CHOSEN, "activity": "digest", "digest": "off"})

    assert response.status_code == 400
    assert "Your digest is off, so these would never reach you." in field_block(
        response.content.decode(), "activity"
    )
    assert not EmailPreference.objects.filter(member=member).exists()


def test_the_settings_page_refuses_a_save_without_its_security_token(member, home):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(SETTINGS_URL, CHOSEN).status_code == 403
    assert client.post(reverse("email:address_retry")).status_code == 403
    assert not EmailPreference.objects.filter(member=member).exists()


def test_the_email_pages_cost_a_few_queries_whatever_the_address_state(
    member_client, member, home, page_costs
):
    link = emails_on(member)
    EmailAddress.objects.create(user=member, email="new@example.org", verified=False)
    unverified_cost, link_cost = page_costs(member_client, [SETTINGS_URL, link])
    verified_address(member)
    EmailPreference.objects.filter(member=member).update(
        undeliverable_address="river@example.org", undeliverable_at=timezone.now()
    )
    (bounced_cost,) = page_costs(member_client, [SETTINGS_URL])

    assert unverified_cost <= 11
    assert bounced_cost <= 10
    assert link_cost <= 7


# The page a link in an email opens, signed out


def test_the_link_opens_the_choices_signed_out_and_looking_changes_nothing(client, member, home):
    verified_address(member)
    link = emails_on(member)
    before = EmailPreference.objects.get(member=member)

    first = client.get(link)
    second = client.get(link)

    assert first.status_code == second.status_code == 200
    page = first.content.decode()
    assert "Stop these emails" in page
    assert 'value="daily" required id="id_digest_1" checked' in page
    after = EmailPreference.objects.get(member=member)
    assert (after.version, after.activity, after.digest) == (
        before.version,
        before.activity,
        before.digest,
    )


def test_the_link_page_is_never_stored_or_indexed_and_names_nobody(client, member, home):
    verified_address(member)
    link = emails_on(member)

    response = client.get(link)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert "river" not in page.lower()
    assert "example.org" not in page
    assert client.get(tampered(link))["X-Robots-Tag"] == "noindex, nofollow"
    assert "Disallow: /email/" in client.get("/robots.txt").content.decode()


def test_stop_these_emails_turns_off_replies_and_the_digest_and_says_what_changed(
    client, member, home
):
    link = emails_on(member)

    response = client.post(link, {"stop": "1"})

    assert response.status_code == 200
    preference = EmailPreference.objects.get(member=member)
    assert (preference.activity, preference.digest) == ("off", "off")
    assert preference.safety_alerts is True
    assert preference.next_digest_at is None
    page = text(response)
    assert "Done. Here's what changed:" in page
    assert "Replies, mentions and quotes: Email me soon after" in page
    assert "→ Don't email me" in page
    assert "Digest: Once a day → No digest" in page
    assert "Emails are off: no emails about replies, and no digest." in page
    assert "Stop these emails" not in page
    assert "no-store" in response["Cache-Control"]
    # The page carries a new link, which works for what comes next.
    new_link = re.search(r'action="(/email/[^"]+/)"', response.content.decode()).group(1)
    assert new_link != link
    assert client.get(new_link).status_code == 200


def test_the_link_page_saves_every_choice_and_says_what_changed(client, member, home):
    preferences_change(member=member, detailed=True)
    link = emails_on(member)

    response = client.post(link, {**CHOSEN, "digest": "weekly", "detailed": "False"})

    preference = EmailPreference.objects.get(member=member)
    assert (preference.digest, preference.digest_weekday, preference.detailed) == (
        "weekly",
        4,
        False,
    )
    page = text(response)
    assert "Digest: Once a day → Once a week" in page
    assert "What emails show: detailed → discreet" in page


def test_the_link_page_can_make_emails_say_less_never_more(client, member, home):
    # Whoever holds an old email's link (a shared phone's history) hasn't
    # signed in: they may quiet emails, not have titles and posts put in them.
    link = emails_on(member)
    version = EmailPreference.objects.get(member=member).version

    response = client.post(link, {**CHOSEN, "digest": "weekly", "detailed": "True"})

    assert response.status_code == 400
    assert "sign in and open Settings, then Email" in field_block(
        response.content.decode(), "detailed"
    )
    preference = EmailPreference.objects.get(member=member)
    assert (preference.detailed, preference.digest, preference.version) == (
        False,
        "daily",
        version,
    )


def test_a_mistake_on_the_link_page_is_shown_beside_the_field_and_saves_nothing(
    client, member, home
):
    link = emails_on(member)
    version = EmailPreference.objects.get(member=member).version

    response = client.post(link, {**CHOSEN, "digest_hour": "25", "digest": "weekly"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the options in the list." in field_block(page, "digest_hour")
    assert 'value="weekly" required id="id_digest_2" checked' in page
    assert EmailPreference.objects.get(member=member).version == version
    # Nothing was saved, so the link still works.
    assert client.get(link).status_code == 200
    assert "Emails are off" not in text(response)


def one_click(link, **extra):
    """What a mail app sends for RFC 8058 one-click unsubscribe: no cookies,
    no security token, just this body."""
    return Client(enforce_csrf_checks=True).post(
        link,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
        **extra,
    )


def test_a_mail_apps_one_click_unsubscribe_works_with_no_cookie(member, home):
    link = emails_on(member)

    response = one_click(link)

    assert response.status_code == 200
    # Said in full, so a translation's curly quotes reach a mail app intact.
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "You won't get these emails anymore."
    preference = EmailPreference.objects.get(member=member)
    assert (preference.activity, preference.digest) == ("off", "off")


def test_one_click_unsubscribe_works_from_an_email_older_than_the_last_change(member, home):
    old_link = emails_on(member)
    preferences_change(member=member, digest_hour=6)

    assert one_click(old_link).status_code == 200
    preference = EmailPreference.objects.get(member=member)
    assert (preference.activity, preference.digest, preference.digest_hour) == ("off", "off", 6)


def tampered(link: str) -> str:
    last = link[-2]
    return link[:-2] + ("A" if last != "A" else "B") + "/"


def test_a_tampered_link_gets_a_clear_page_and_changes_nothing(client, member, home):
    link = emails_on(member)
    other = UserFactory(username="sky")
    emails_on(other)
    payload, signature = link.removeprefix("/email/").removesuffix("/").split(":", 1)
    someone_elses = link_for(other).split(":", 1)[0] + ":" + signature + "/"

    for bad_link in (tampered(link), someone_elses, "/email/not-a-link/"):
        for response in (
            client.get(bad_link),
            client.post(bad_link, {"stop": "1"}),
            one_click(bad_link),
        ):
            assert response.status_code == 400, bad_link
            page = text(response)
            assert "This link doesn't work anymore" in page
            assert "This link isn't one of ours, or part of it is missing." in page
    for person in (member, other):
        preference = EmailPreference.objects.get(member=person)
        assert (preference.activity, preference.digest, preference.version) == (
            "immediate",
            "daily",
            2,
        )


def test_a_link_used_once_gets_a_clear_page_after_the_change(client, member, home):
    link = emails_on(member)
    client.post(link, {"stop": "1"})
    preferences_change(member=member, digest="weekly")
    version = EmailPreference.objects.get(member=member).version

    for response in (client.get(link), client.post(link, {**CHOSEN, "digest": "off"})):
        assert response.status_code == 410
        page = text(response)
        assert "This link doesn't work anymore" in page
        assert "Your email choices changed after this email was sent" in page
        assert "We didn't change anything this time." in page
        assert "no-store" in response["Cache-Control"]
    preference = EmailPreference.objects.get(member=member)
    assert (preference.digest, preference.version) == ("weekly", version)


def test_a_link_for_an_erased_member_is_refused(client, member, home):
    link = emails_on(member)
    member_erase(user=member)

    assert client.get(link).status_code == 400
    assert client.post(link, {"stop": "1"}).status_code == 400
    assert one_click(link).status_code == 400
    assert not EmailPreference.objects.exists()


def test_a_link_for_a_deactivated_account_is_refused(client, member, home):
    link = emails_on(member)
    member.is_active = False
    member.save(update_fields=["is_active"])

    assert client.get(link).status_code == 400


# The Email setting, in the admin


def email_setting_url() -> str:
    site = Site.objects.get(is_default_site=True)
    return f"/admin/settings/notifications/emailsettings/{site.pk}/"


def test_a_peer_moderator_changes_the_email_setting_in_the_admin(client, peer_moderator):
    client.force_login(peer_moderator)

    assert client.get(email_setting_url()).status_code == 200
    response = client.post(
        email_setting_url(),
        {
            "sender_name": "Notes",
            "subject_one": "A new note",
            "subject_many": "{count} new notes",
        },
    )

    assert response.status_code == 302
    saved = EmailSettings.for_site(Site.objects.get(is_default_site=True))
    assert (saved.sender_name, saved.subject(1), saved.subject(4)) == (
        "Notes",
        "A new note",
        "4 new notes",
    )


def admin_field_errors(page: str, field: str) -> str:
    """The text of the errors Wagtail's admin shows beside one field."""
    found = re.search(rf'id="panel-child-{field}-errors">(.*?)</div>', page, re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).split()) if found else ""


def test_a_revealing_subject_is_refused_beside_its_field(client, peer_moderator):
    client.force_login(peer_moderator)

    response = client.post(
        email_setting_url(),
        {"sender_name": "WWA", "subject_one": "A new note", "subject_many": "Overdose alerts"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert admin_field_errors(page, "subject_many") == (
        "Leave out “overdose”. This shows on lock screens and in shared inboxes, so it "
        "must not say what this site is about."
    )
    assert admin_field_errors(page, "subject_one") == ""
    assert 'name="subject_many" value="Overdose alerts"' in page
    assert not EmailSettings.objects.filter(subject_many="Overdose alerts").exists()


def test_plurals_and_hyphenated_phrases_are_refused_too(client, peer_moderator):
    client.force_login(peer_moderator)

    response = client.post(
        email_setting_url(),
        {
            "sender_name": "Harm-Reduction Notes",
            "subject_one": "Where We’re At: a new note",
            "subject_many": "{count} overdoses nearby",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert admin_field_errors(page, "sender_name").startswith("Leave out “harm-reduction”.")
    assert admin_field_errors(page, "subject_one").startswith("Leave out “where we're at”.")
    assert admin_field_errors(page, "subject_many").startswith("Leave out “overdoses”.")
    assert not EmailSettings.objects.filter(sender_name="Harm-Reduction Notes").exists()


def test_a_member_who_is_not_a_moderator_cannot_open_the_email_setting(member_client, home):
    response = member_client.get(email_setting_url())

    assert response.status_code == 403
    assert 'name="subject_many"' not in response.content.decode()


# The data download


def test_the_data_download_has_the_email_choices_and_the_digests_sent(member, home):
    preferences_change(member=member, digest="weekly", digest_weekday=2, detailed=True)
    now = timezone.now()
    DigestSend.objects.create(
        member=member, period="weekly 2026-12-02", covered_from=now, covered_until=now, items=3
    )

    exported = json.loads(json.dumps(member_export(user=member)))

    choices = exported["email_choices"]
    assert (choices["digest"], choices["digest_day"], choices["detailed"]) == (
        "weekly",
        "Wednesday",
        True,
    )
    assert exported["digests_sent"] == [{"period": "weekly 2026-12-02", "items": 3, "sent": False}]
