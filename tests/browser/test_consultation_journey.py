"""A policy consultation from first draft to report back, in a real browser,
with several people acting in turn: an organization's staff paste their
draft into the editor and send it for the community check; a peer moderator
approves it there; a member responds on a phone to three sections with a
comment, who they speak as and consent to be quoted; another member agrees
with that comment where it shows as a statement; the closing job closes it;
results show shares with small numbers held back; the staff publish what
they heard, linking a change to the statement; and the first member follows
the notification to it. Every page is checked with axe as it opens."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from consultations.models import PolicyDraftPage
from consultations.tasks import drafts_close_due
from tests.browser.conftest import log_in
from tests.browser.test_draft_editor_journey import write_by_pasting_and_submit
from tests.consultations.factories import make_organization, make_response
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_peer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
TITLE = "New hours at the van"
PASTED = """We want to change when the van comes and who it serves.

# Opening hours

We open from 10 to 4 on weekdays.

# Exchange policy

Supplies are given out without a one-for-one exchange.

# Who can come

Anyone over 18 can use the program.
"""
COMMENT = "Evenings would help. I work days."
CHANGE = "We will stay open until 8 on Thursdays."


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def approve_in_the_editor(tab, site, title):
    tab.goto(site + "/admin/")
    tab.get_by_role("region", name="Awaiting your review").get_by_role("link", name=title).click()
    tab.wait_for_url("**/admin/pages/*/edit/")
    tab.get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Approve", exact=True).click()
    expect(tab.get_by_role("status")).to_contain_text(f"Approved. “{title}” is live now.")


def respond_to_three_sections(phone, site, draft):
    phone.goto(site + "/consultations/")
    phone.get_by_role("link", name=TITLE).click()
    phone.wait_for_url(f"**{draft.url}")
    phone.get_by_role("link", name="Respond").first.click()
    phone.get_by_role("link", name="Start").click()
    expect(phone.get_by_text("Section 1 of 3")).to_be_visible()
    phone.get_by_label("Agree", exact=True).check()
    phone.get_by_label("Your comment (optional)").fill(COMMENT)
    phone.get_by_role("button", name="Next", exact=True).click()
    expect(phone.get_by_text("Section 2 of 3")).to_be_visible()
    phone.get_by_label("Disagree").check()
    phone.get_by_role("button", name="Next", exact=True).click()
    expect(phone.get_by_text("Section 3 of 3")).to_be_visible()
    phone.get_by_label("Unsure").check()
    phone.get_by_role("button", name="Next: last screen").click()
    phone.get_by_label("I use drugs now").check()
    phone.get_by_label("Peer or outreach worker").check()
    phone.get_by_label("You may quote my comments publicly").check()
    assert page_width(phone) <= SMALL_PHONE["width"]
    phone.get_by_role("button", name="Submit my response").click()
    expect(phone.get_by_text("Thank you. Your response is in.")).to_be_visible()


def test_a_consultation_from_draft_to_what_we_heard(open_tab, site):
    organization = make_organization(staff=["casey_staff"])
    make_peer("jules", "Peer moderators")
    sol, wren = UserFactory(username="sol"), UserFactory(username="wren")

    staff = open_tab(viewport=DESK)
    log_in(staff, site, "casey_staff", DEFAULT_PASSWORD)
    write_by_pasting_and_submit(staff, site, organization, title=TITLE, pasted=PASTED)
    draft = PolicyDraftPage.objects.get(title=TITLE)

    moderator = open_tab(viewport=DESK)
    log_in(moderator, site, "jules", DEFAULT_PASSWORD)
    approve_in_the_editor(moderator, site, TITLE)
    draft.refresh_from_db()
    assert draft.live

    phone = open_tab(viewport=SMALL_PHONE)
    log_in(phone, site, "sol", DEFAULT_PASSWORD)
    respond_to_three_sections(phone, site, draft)

    other = open_tab(viewport=SMALL_PHONE)
    log_in(other, site, "wren", DEFAULT_PASSWORD)
    other.goto(site + draft.url)
    statement = other.locator(".statement", has_text=COMMENT)
    statement.get_by_role("button", name="Agree", exact=True).click()
    expect(other.locator(".statement", has_text=COMMENT)).to_contain_text("You marked: Agree")

    # Five more people answered; the last day passes and the closing job runs.
    for _ in range(5):
        make_response(draft, respondent=UserFactory(), stances=("agree", "agree", "disagree"))
    today = timezone.localdate()
    PolicyDraftPage.objects.filter(pk=draft.pk).update(
        opens_on=today - datetime.timedelta(days=15), closes_on=today - datetime.timedelta(days=1)
    )
    assert drafts_close_due() == 1

    phone.goto(site + draft.url + "results/")
    expect(phone.get_by_role("heading", name="Section 1: Opening hours")).to_be_visible()
    expect(phone.get_by_text("100%").first).to_be_visible()
    expect(phone.get_by_text("fewer than 5").first).to_be_visible()
    assert page_width(phone) <= SMALL_PHONE["width"]

    staff.goto(site + draft.url + "report/write/")
    staff.get_by_label("What we heard").fill("Most of you asked for evening hours.")
    staff.get_by_label("What changed in this section, and why").first.fill(CHANGE)
    staff.get_by_label(COMMENT).check()
    staff.get_by_role("button", name="Publish").click()
    expect(staff.get_by_text(CHANGE)).to_be_visible()

    phone.goto(site + "/notifications/")
    phone.get_by_role("button", name=re.compile("published what it heard")).click()
    phone.wait_for_url(f"**{draft.url}report/")
    expect(phone.get_by_text(CHANGE)).to_be_visible()
    phone.get_by_role("link", name=COMMENT).click()
    phone.wait_for_url(f"**{draft.url}#statement-*")
    assert sol.notifications.filter(read_at__isnull=False).exists()
    assert not wren.notifications.filter(url__endswith="report/").filter(read_at__isnull=False)
