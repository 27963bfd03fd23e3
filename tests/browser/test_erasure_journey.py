"""A member leaves: their experience report, their words quoted by someone else
and their handle go with them."""

import pytest
from playwright.sync_api import expect

from forum.models import Category
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_who_erases_their_account_leaves_no_words_facts_or_name(open_tab, site, tmp_path):
    Category.objects.create(name="Opioids", slug="opioids")
    UserFactory(username="leaving")
    UserFactory(username="reader")
    leaving, reader, newcomer = open_tab(), open_tab(), open_tab()

    log_in(leaving, site, "leaving", DEFAULT_PASSWORD)
    leaving.goto(site + "/forum/new/?category=opioids")
    leaving.get_by_label("Title").fill("A night I won't forget")
    leaving.get_by_label("What kind of thread?").select_option("experience")
    leaving.get_by_label("Your post").fill("My cousin Dana found me and gave me naloxone twice.")
    leaving.get_by_text("Experience report details (only for experience reports)").click()
    leaving.get_by_label("Test result").select_option("positive")
    leaving.get_by_label("Naloxone needed?").select_option("yes")
    leaving.locator("#id_doses-0-substance").fill("heroin")
    leaving.get_by_role("button", name="Post thread").click()
    leaving.wait_for_url("**/forum/t/**")
    thread_url = leaving.url

    log_in(reader, site, "reader", DEFAULT_PASSWORD)
    reader.goto(thread_url)
    reader.get_by_role("link", name="Quote").first.click()
    reply_box = reader.get_by_label("Your reply")
    assert "cousin Dana" in reply_box.input_value()
    reply_box.fill(reply_box.input_value() + "So glad you're OK.")
    reader.get_by_role("button", name="Post reply").click()
    reader.wait_for_url("**#post-2")

    leaving.goto(site + "/account/export/")
    assert_accessible(leaving, "export", tmp_path)
    leaving.goto(site + "/account/delete/")
    assert_accessible(leaving, "erase", tmp_path)
    leaving.get_by_label("Your password").fill(DEFAULT_PASSWORD)
    leaving.get_by_role("button", name="Delete my account").click()
    leaving.wait_for_url(site + "/")

    reader.goto(thread_url)
    page = reader.locator("main").inner_text()
    assert "Dana" not in page
    assert "So glad you're OK." in page
    assert "Quoting a post that was removed" in page
    assert "Naloxone needed" not in page and "Positive" not in page
    assert "A thread by a former member" in page

    newcomer.goto(site + "/account/signup/")
    newcomer.get_by_label("Handle").fill("Leaving")
    newcomer.get_by_label("Password", exact=True).fill("a-long-pass-phrase")
    newcomer.get_by_label("Password again").fill("a-long-pass-phrase")
    newcomer.get_by_role("button", name="Join").click()
    # Wait for the refused form to come back: the click doesn't wait for the page.
    field_error = newcomer.get_by_text("That handle belonged to someone who has left.")
    expect(field_error).to_be_visible()
    assert newcomer.get_by_label("Handle").input_value() == "Leaving"
