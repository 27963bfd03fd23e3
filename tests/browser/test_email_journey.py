"""A member with a confirmed address chooses emails on a small phone, gets one
about a reply, and later stops them from the link in it without signing in."""

import re

import pytest
from allauth.account.models import EmailAddress

from django.core import mail

from forum.services.posting import post_create
from notifications.models import EmailPreference
from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}


def fits_the_screen(tab) -> bool:
    """No sideways scrolling: nothing is wider than the phone's screen."""
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["with script", "without script"])
def test_a_member_chooses_emails_gets_one_and_stops_them_from_its_link(
    open_tab, site, settings, javascript
):
    settings.SITE_URL = site
    member = UserFactory(username="river")
    EmailAddress.objects.create(user=member, email="river@example.org", verified=True, primary=True)
    thread = make_thread(author=member, title="Tester shots")
    tab = open_tab(viewport=SMALL_PHONE, java_script_enabled=javascript)

    log_in(tab, site, "river", DEFAULT_PASSWORD)
    tab.get_by_role("link", name="river").click()
    tab.wait_for_url("**/account/settings/")
    tab.get_by_role("link", name="Email choices").click()
    tab.wait_for_url("**/account/settings/email/")
    assert tab.get_by_text("Emails go to river@example.org.").is_visible()
    assert tab.get_by_text("Emails are off").is_visible()
    assert fits_the_screen(tab)

    tab.get_by_label("Email me soon after").check()
    tab.get_by_role("group", name="Digest: a summary of what's new").get_by_label(
        "Once a day"
    ).check()
    tab.get_by_role("button", name="Save email choices").click()
    tab.wait_for_url("**/account/settings/email/#main")
    saved = tab.get_by_role("status")
    assert "Saved." in saved.inner_text()
    assert "Digest: No digest → Once a day" in saved.inner_text()
    assert tab.get_by_label("Once a day").is_checked()
    assert tab.get_by_text("Emails are off").count() == 0
    assert fits_the_screen(tab)

    post_create(thread=thread, author=UserFactory(username="sky"), body="Start with a quarter.")

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["river@example.org"]
    assert "Tester shots" not in email.subject + email.body
    links = re.findall(rf"{re.escape(site)}/email/\S+/", email.body)
    assert len(links) == 1 and f"<{links[0]}>" == email.extra_headers["List-Unsubscribe"]
    link = links[0]

    stranger = open_tab(viewport=SMALL_PHONE, java_script_enabled=javascript)
    stranger.goto(link)
    assert stranger.get_by_role("heading", name="Email choices").is_visible()
    assert "river" not in stranger.content()
    assert fits_the_screen(stranger)
    stranger.get_by_role("button", name="Stop these emails").click()
    changed = stranger.locator("#what-changed")
    changed.wait_for()
    assert "Done. Here's what changed:" in changed.inner_text()
    assert "Digest: Once a day → No digest" in changed.inner_text()
    assert "→ Don't email me" in changed.inner_text()
    assert stranger.get_by_text("Emails are off").is_visible()
    assert fits_the_screen(stranger)
    preference = EmailPreference.objects.get(member=member)
    assert (preference.activity, preference.digest) == ("off", "off")

    stranger.goto(link)
    assert stranger.get_by_role("heading", name="This link doesn't work anymore").is_visible()
    assert stranger.get_by_text("Your email choices changed after this email was sent").is_visible()
    assert fits_the_screen(stranger)
