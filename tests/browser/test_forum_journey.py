"""Two members in two browsers: an experience report, a careful reader, a reply,
a reaction, and the notification that brings the writer back."""

import pytest

from forum.models import Category
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_experience_report_is_read_with_care_answered_and_found(open_tab, site, tmp_path):
    Category.objects.create(name="Opioids", slug="opioids")
    UserFactory(username="writer")
    UserFactory(username="reader")
    writer, reader = open_tab(), open_tab()

    log_in(writer, site, "writer", DEFAULT_PASSWORD)
    writer.goto(site + "/forum/new/?category=opioids")
    writer.get_by_label("Title").fill("My first time smoking instead of injecting")
    writer.get_by_label("What kind of thread?").select_option("experience")
    writer.get_by_label("Content warning").select_option("overdose")
    writer.get_by_label("Tags (optional)").fill("smoking, routes")
    writer.get_by_label("Your post").fill("I went slow and had a friend with me.")
    writer.get_by_text("Experience report details (only for experience reports)").click()
    writer.get_by_label("Test result").select_option("negative")
    writer.get_by_label("How it was tested").fill("fentanyl strip")
    writer.locator("#id_doses-0-substance").fill("heroin")
    writer.locator("#id_doses-0-amount").fill("10")
    writer.locator("#id_doses-0-unit").select_option("mg")
    writer.locator("#id_doses-0-route").select_option("smoked")
    writer.get_by_role("button", name="Post thread").click()
    writer.wait_for_url("**/forum/t/**")
    thread_url = writer.url
    substance = writer.get_by_role("cell", name="heroin")
    assert not substance.is_visible()
    writer.get_by_text("Content warning: Overdose. Open to read the report.").click()
    assert substance.is_visible()

    log_in(reader, site, "reader", DEFAULT_PASSWORD)
    reader.goto(thread_url)
    story = reader.get_by_text("I went slow and had a friend with me.")
    dose = reader.get_by_role("cell", name="heroin")
    assert not story.is_visible() and not dose.is_visible()
    reader.get_by_text("Content warning: Overdose. Open to read the report.").click()
    assert story.is_visible() and dose.is_visible()
    assert_accessible(reader, "thread", tmp_path)

    reader.get_by_role("button", name="Support").first.click()
    reader.wait_for_selector(".reactions button[aria-pressed='true']")
    assert reader.url == thread_url  # no page load: the script did it
    reader.get_by_role("link", name="Quote").first.click()
    reply_box = reader.get_by_label("Your reply")
    assert reply_box.input_value().startswith("> I went slow")
    reply_box.fill(reply_box.input_value() + "Smoking changed things for me too.")
    reader.get_by_role("button", name="Post reply").click()
    reader.wait_for_url("**#post-2")

    writer.goto(site + "/")
    count = writer.locator("header .count")
    assert count.inner_text() == "2"
    writer.get_by_role("link", name="Notifications").click()
    writer.get_by_role("button", name="reader quoted you in").click()
    writer.wait_for_url("**#post-2")
    writer.locator("#post-2 summary").click()
    assert writer.get_by_text("Smoking changed things for me too.").is_visible()

    writer.goto(site + "/search/?q=smoking")
    writer.get_by_role("link", name="My first time smoking instead of injecting").click()
    writer.wait_for_url(thread_url.split("#")[0])
