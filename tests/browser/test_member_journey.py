"""A newcomer's first visit, in a real browser: join, keep the recovery code,
log out and back in, find overdose help, and leave in a hurry."""

import pytest

from wagtail.models import Locale, Page, Site

from peerkb.models import SafetySettings
from peerkb.services import peer_moderators_group_ensure, site_pages_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_SITE = "https://neutral.example/"
PASSWORD = "a-long-pass-phrase"
SERIOUS = {"serious", "critical"}


def restore_what_migrations_create():
    """Transactional tests empty every table afterwards, including the Wagtail
    root page and default locale that migrations create on a real install."""
    Locale.objects.get_or_create(language_code="en-us")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def site(live_server):
    restore_what_migrations_create()
    home = site_pages_ensure()
    peer_moderators_group_ensure(home=home)
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = NEUTRAL_SITE
    safety.save()
    return live_server.url


@pytest.fixture
def page(browser, site):
    """A fresh browser tab that may reach only this site, plus a stand-in neutral site."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    elsewhere = []

    def route(route):
        url = route.request.url
        if url.startswith(site):
            route.continue_()
        elif url.startswith(NEUTRAL_SITE):
            route.fulfill(status=200, content_type="text/html", body="<h1>Weather today</h1>")
        else:
            elsewhere.append(url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.requests_elsewhere = elsewhere
    yield tab
    context.close()
    assert elsewhere == [], "a page tried to load something from another origin"


def assert_accessible(page, name, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    page.screenshot(path=tmp_path / f"{name}.png", full_page=True)
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} places)"
        for violation in violations
        if violation["impact"] in SERIOUS
    ]
    assert serious == [], name


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
