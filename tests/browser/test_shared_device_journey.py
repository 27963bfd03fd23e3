"""A member on a phone other people pick up: quick exit signs them out, page
titles give nothing away, and on a small screen the quick-exit button never
sits on top of what they're reading."""

import pytest

from forum.models import Category
from tests.browser.conftest import NEUTRAL_SITE, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_on_a_shared_phone(tab, site, handle):
    tab.goto(site + "/account/login/")
    tab.get_by_label("Handle").fill(handle)
    tab.get_by_label("Password").fill(DEFAULT_PASSWORD)
    tab.get_by_label("Other people use this phone or computer").check()
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(site + "/")


@pytest.mark.parametrize("javascript", [True, False], ids=["with script", "without script"])
def test_quick_exit_on_a_shared_phone_signs_out_and_titles_say_only_notes(
    open_tab, site, javascript
):
    category = Category.objects.create(name="Naloxone", slug="naloxone")
    member = UserFactory(username="sam")
    thread = make_thread(category=category, title="Where do you all get naloxone?")
    tab = open_tab(java_script_enabled=javascript)

    sign_in_on_a_shared_phone(tab, site, "sam")
    tab.get_by_role("link", name="sam").click()
    tab.wait_for_url("**/account/settings/")
    assert tab.get_by_label("Quick exit also signs me out").is_checked()
    tab.get_by_label("Call every page “Notes”").check()
    tab.get_by_role("button", name="Save these choices").click()
    tab.wait_for_url("**/account/settings/")

    tab.goto(site + thread.get_absolute_url())
    assert tab.title() == "Notes"
    assert tab.get_by_role("heading", name="Where do you all get naloxone?").is_visible()

    tab.get_by_role("link", name="Quick exit").click()
    tab.wait_for_url(NEUTRAL_SITE)
    assert "Weather today" in tab.content()

    tab.goto(site + "/")
    assert tab.get_by_role("link", name="Log in").first.is_visible()
    assert tab.get_by_role("link", name="sam").count() == 0
    assert tab.get_by_role("link", name="Notifications").count() == 0
    assert tab.title() != "Notes"
    member.refresh_from_db()
    assert member.quick_exit_signs_out and member.neutral_titles


def test_on_a_small_phone_the_quick_exit_button_never_covers_a_byline(open_tab, site):
    author = UserFactory(username="writer_with_a_long_handle")
    thread = make_thread(author=author, title="Tester shots", replies=6)
    UserFactory(username="reader")
    tab = open_tab(viewport={"width": 360, "height": 740})
    log_in(tab, site, "reader", DEFAULT_PASSWORD)

    tab.goto(site + thread.get_absolute_url())
    button = tab.get_by_role("link", name="Quick exit")
    bylines = tab.locator("article.post .post-meta")
    assert bylines.count() == 7

    for number in range(bylines.count()):
        byline = bylines.nth(number)
        byline.evaluate("element => element.scrollIntoView({block: 'start'})")
        assert tab.evaluate("window.scrollY") > 0
        assert not overlapping(button.bounding_box(), byline.bounding_box()), number
        assert button.is_visible()

    tab.goto(site + thread.get_absolute_url() + "#post-5")
    assert not overlapping(button.bounding_box(), bylines.nth(4).bounding_box())


def overlapping(one: dict, other: dict) -> bool:
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )
