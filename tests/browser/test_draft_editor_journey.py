"""A policy draft from the Wagtail editor to a reader's phone, in a real
browser: staff of an organization paste their draft as Markdown and send it
for the community check, a peer moderator approves it, and a reader finds it
in the list and reads it, on paper too; after it closes the staff start a
revised version, and readers see what changed."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from consultations.models import PolicyDraftPage
from consultations.services.organizations import space_of
from tests.browser.conftest import log_in
from tests.consultations.factories import make_organization
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_peer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
TITLE = "Changing our hours"
PASTED = """We want to change when the program is open.

# Opening hours

We open from 10 to 4 on weekdays.

# Exchange policy

Supplies are given out **without** a one-for-one exchange.
"""


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def wait_until_autosaved(tab):
    """The first autosave creates the draft and moves the form to its address;
    pressing a button before then would post a second new draft."""
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(tab.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )


def write_by_pasting_and_submit(tab, site, organization, *, title=TITLE, pasted=PASTED):
    tab.goto(site + f"/admin/pages/add/consultations/policydraftpage/{space_of(organization).pk}/")
    form = tab.locator("#page-edit-form")
    expect(form).to_have_attribute("data-w-unsaved-has-edits-value", "false")
    today = timezone.localdate()
    tab.get_by_role("textbox", name="Title*").fill(title)
    tab.get_by_role("textbox", name="Plain-language summary*").fill(
        "We might change our hours. Tell us what works for you."
    )
    tab.get_by_role("textbox", name="Who it affects*").fill("People who use the program")
    tab.get_by_role("textbox", name="Opens on*").fill(str(today))
    tab.get_by_role("textbox", name="Closes on*").fill(str(today + datetime.timedelta(days=14)))
    tab.get_by_role("textbox", name="How your input will be used*").fill(
        "Our staff read every response before we decide."
    )
    tab.get_by_role("textbox", name="Who will read the responses*").fill(
        "Our program manager and two peer staff."
    )
    tab.get_by_role("textbox", name="When you'll hear back*").fill(
        str(today + datetime.timedelta(days=45))
    )
    # The date fields open a calendar; clicking the next field closes it.
    tab.get_by_role("textbox", name="Paste the draft").click()
    tab.get_by_role("textbox", name="Paste the draft").fill(pasted)
    wait_until_autosaved(tab)
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Submit to Community check").click()
    expect(tab.get_by_role("status")).to_contain_text("waiting for the community check")


def test_a_pasted_draft_is_checked_read_on_a_phone_and_revised(open_tab, site):
    organization = make_organization(staff=["casey_staff"])
    make_peer("jules", "Peer moderators")
    UserFactory(username="river")

    staff = open_tab(viewport=DESK)
    log_in(staff, site, "casey_staff", DEFAULT_PASSWORD)
    write_by_pasting_and_submit(staff, site, organization)
    draft = PolicyDraftPage.objects.get(title=TITLE)
    sections = list(draft.get_latest_revision_as_object().sections.all())
    assert [section.heading for section in sections] == ["Opening hours", "Exchange policy"]
    assert not draft.live

    moderator = open_tab(viewport=DESK)
    log_in(moderator, site, "jules", DEFAULT_PASSWORD)
    moderator.goto(site + "/admin/")
    moderator.get_by_role("region", name="Awaiting your review").get_by_role(
        "link", name=TITLE
    ).click()
    moderator.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    expect(moderator.get_by_role("heading", name="Plain language check")).to_be_visible()
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve", exact=True).click()
    expect(moderator.get_by_role("status")).to_contain_text(f"Approved. “{TITLE}” is live now.")

    reader = open_tab(viewport=SMALL_PHONE)
    reader.goto(site + "/consultations/")
    reader.get_by_role("link", name=TITLE).click()
    reader.wait_for_url(f"**{draft.url}")
    expect(reader.get_by_role("heading", name="Opening hours")).to_be_visible()
    expect(reader.get_by_text("without a one-for-one exchange")).to_be_visible()
    expect(reader.get_by_role("link", name="Respond").first).to_be_visible()
    assert page_width(reader) <= SMALL_PHONE["width"]
    reader.get_by_role("link", name="Printable version").click()
    reader.wait_for_url(f"**{draft.url}print/")
    reader.emulate_media(media="print")
    expect(reader.get_by_role("link", name="Overdose? What to do")).to_be_hidden()
    expect(reader.get_by_text("Where do you stand on this section?").first).to_be_visible()
    reader.emulate_media(media="screen")

    # The consultation closes; the staff start a revised version from its page.
    today = timezone.localdate()
    PolicyDraftPage.objects.filter(pk=draft.pk).update(
        opens_on=today - datetime.timedelta(days=20), closes_on=today - datetime.timedelta(days=1)
    )
    staff.goto(site + draft.url)
    staff.get_by_role("button", name="Start a revised version").click()
    staff.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(staff.get_by_role("status")).to_contain_text("This is version 2")
    second = PolicyDraftPage.objects.get(revises=draft)
    revision = second.get_latest_revision_as_object()
    changed = list(revision.sections.all())
    changed[0].text = "We open from 9 to 5 on weekdays."
    revision.sections = changed
    revision.save_revision().publish()

    reader.goto(site + second.url)
    reader.get_by_role("link", name="Version 2 of this draft: see what changed").click()
    reader.wait_for_url(f"**{second.url}changes/")
    expect(reader.get_by_text("Text changed in 1 section")).to_be_visible()
    expect(reader.locator("del").first).to_contain_text("10")
    expect(reader.locator("ins").first).to_contain_text("9")
    assert page_width(reader) <= SMALL_PHONE["width"]
