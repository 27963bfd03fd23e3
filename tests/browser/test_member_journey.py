"""A newcomer's first visit, in a real browser: join, keep the recovery code,
log out and back in, find overdose help, and leave in a hurry."""

import pytest

from wagtail.models import Page

from tests.browser.conftest import NEUTRAL_SITE, PASSWORD, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_back_does_not_return(page, site):
    """Back from the neutral site must not show this site again, even for a moment
    long enough to read: the page it lands on sends the browser straight back out."""
    page.go_back()
    page.wait_for_url(NEUTRAL_SITE)
    page.wait_for_load_state()
    assert page.url == NEUTRAL_SITE
    assert "Weather today" in page.content()


def test_a_newcomer_joins_keeps_their_code_and_finds_help(page, site, tmp_path):
    page.goto(site + "/")
    assert_accessible(page, "home", tmp_path)

    page.get_by_role("link", name="Join", exact=True).click()
    page.wait_for_url("**/account/signup/")
    assert_accessible(page, "signup", tmp_path)
    page.get_by_label("Handle").fill("river_test")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()

    page.wait_for_url("**/account/recovery-code/")
    code = page.get_by_test_id("recovery-code").inner_text().strip()
    assert len(code) == 23 and code.count("-") == 3
    page.screenshot(path=tmp_path / "recovery-code.png")
    page.get_by_role("button", name="I've saved my code").click()
    page.wait_for_url(site + "/")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(site + "/")
    assert page.get_by_role("link", name="Log in").first.is_visible()

    page.get_by_role("link", name="Log in").first.click()
    page.wait_for_url("**/account/login/")
    assert_accessible(page, "login", tmp_path)
    page.get_by_label("Handle").fill("river_test")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site + "/")
    assert page.get_by_role("link", name="river_test").is_visible()

    page.get_by_role("link", name="Overdose? What to do").click()
    page.wait_for_url("**/overdose/")
    assert page.get_by_role("link", name="Call 911 now").is_visible()
    assert_accessible(page, "overdose", tmp_path)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")

    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL_SITE)
    assert_back_does_not_return(page, site)


def test_three_presses_of_escape_leave_the_site(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Privacy promise").click()
    page.wait_for_url("**/privacy/")

    for _ in range(3):
        page.keyboard.press("Escape")

    page.wait_for_url(NEUTRAL_SITE)
    assert_back_does_not_return(page, site)


def test_the_site_works_again_when_someone_comes_back_on_purpose(page, site):
    page.goto(site + "/about/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL_SITE)

    page.goto(site + "/about/")

    assert page.url == site + "/about/"
    assert page.get_by_role("heading", name="About Where We're At").is_visible()


def test_a_peer_moderator_previews_a_page_in_the_admin_without_policy_errors(page, site):
    from django.contrib.auth.models import Group

    from tests.factories import DEFAULT_PASSWORD, UserFactory

    moderator = UserFactory(username="jules")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    overdose = Page.objects.get(slug="overdose")
    problems = []
    page.on("console", lambda message: problems.append(message.text))

    page.goto(site + f"/admin/pages/{overdose.pk}/edit/")
    page.get_by_label("Handle").fill("jules")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/admin/pages/{overdose.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", name="Overdose? What to do").wait_for()

    blocked = [text for text in problems if "Content Security Policy" in text]
    assert blocked == []
