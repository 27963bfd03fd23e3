"""A member responds to a policy draft on a 360-pixel phone with scripts off:
a section per screen, save and finish later, come back, submit; nothing
pushes the page sideways, and every screen passes axe (checked in a tab with
scripts on, which shows the same pages)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_violations
from tests.consultations.factories import (
    make_draft,
    make_organization,
    make_outreach_worker,
    respond_url,
)
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def test_a_member_responds_section_by_section_on_a_small_phone_without_scripts(open_tab, site):
    draft = make_draft(make_organization())
    UserFactory(username="sol")
    phone = open_tab(viewport=SMALL_PHONE, java_script_enabled=False)
    log_in(phone, site, "sol", DEFAULT_PASSWORD)

    phone.goto(site + respond_url(draft))
    expect(phone.get_by_text("Not started yet.")).to_be_visible()
    phone.get_by_role("link", name="Start").click()
    expect(phone.get_by_text("Section 1 of 3")).to_be_visible()
    assert page_width(phone) <= SMALL_PHONE["width"]
    phone.get_by_label("Disagree").check()
    phone.get_by_label("Your comment (optional)").fill(
        "Mornings are the only time I can get there before work."
    )
    phone.get_by_role("button", name="Next", exact=True).click()

    expect(phone.get_by_text("Section 2 of 3")).to_be_visible()
    phone.get_by_label("Agree", exact=True).check()
    phone.get_by_label("Why?").fill("Fewer trips to the van.")
    assert page_width(phone) <= SMALL_PHONE["width"]
    phone.get_by_role("button", name="Save and finish later").click()

    expect(phone.get_by_text("Started, not submitted yet.")).to_be_visible()
    expect(phone.get_by_text("You've answered 2 of 3 sections.")).to_be_visible()
    phone.get_by_role("link", name="Continue").click()
    expect(phone.get_by_text("Section 3 of 3")).to_be_visible()
    phone.get_by_role("button", name="Back").click()
    expect(phone.get_by_label("Why?")).to_have_value("Fewer trips to the van.")
    phone.get_by_role("button", name="Next", exact=True).click()
    phone.get_by_label("Skip").check()
    phone.get_by_role("button", name="Next: last screen").click()

    expect(phone.get_by_role("heading", name="Anything else")).to_be_visible()
    expect(phone.get_by_label("You may quote my comments publicly")).not_to_be_checked()
    phone.get_by_label("I use drugs now").check()
    phone.get_by_label("You may quote my comments publicly").check()
    assert page_width(phone) <= SMALL_PHONE["width"]
    phone.get_by_role("button", name="Submit my response").click()

    expect(phone.get_by_text("Thank you. Your response is in.")).to_be_visible()
    expect(phone.get_by_text("Mornings are the only time")).to_be_visible()
    assert page_width(phone) <= SMALL_PHONE["width"]

    checked = open_tab(viewport=SMALL_PHONE)
    log_in(checked, site, "sol", DEFAULT_PASSWORD)
    # The screens share one address, so the fixture's check (once per address)
    # would see only the first: each is checked here.
    for step in (None, 1, 2, "finish"):
        checked.goto(site + respond_url(draft, step))
        assert serious_violations(checked) == [], f"axe on step {step}"


def test_an_outreach_worker_enters_a_paper_response_on_a_small_phone(open_tab, site):
    draft = make_draft(make_organization())
    make_outreach_worker("dana")
    tab = open_tab(viewport=SMALL_PHONE)
    log_in(tab, site, "dana", DEFAULT_PASSWORD)

    tab.goto(site + f"{draft.url}respond/outreach/")
    assert page_width(tab) <= SMALL_PHONE["width"]
    tab.locator("#id_section_1_stance_1").check()
    tab.locator("#id_section_1_comment").fill("Evenings are better for me.")
    tab.get_by_label("The person agreed to share this").check()
    tab.get_by_role("button", name="Enter this response").click()

    expect(tab.get_by_text("Entered. Thank you. Enter another?")).to_be_visible()
    expect(tab.locator("#id_section_1_comment")).to_have_value("")
    assert serious_violations(tab) == []
