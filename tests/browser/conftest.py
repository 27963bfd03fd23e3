import os
import shutil
import threading
import time

import pytest

from wagtail.models import Site

from peerkb.models import SafetySettings
from peerkb.services import peer_groups_ensure, site_pages_ensure
from tests.conftest import restore_what_migrations_create

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, for the tests of one module.

    Playwright's sync API keeps an event loop running in this thread while the
    browser is open, so Django's async-safety guard is lifted for exactly that
    long: the ORM calls the tests make between browser steps are synchronous.
    """
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (CI installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


NEUTRAL_SITE = "https://neutral.example/"
PASSWORD = "a-long-pass-phrase"
SERIOUS = {"serious", "critical"}


@pytest.fixture
def site(live_server):
    restore_what_migrations_create()
    home = site_pages_ensure()
    peer_groups_ensure(home=home)
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = NEUTRAL_SITE
    safety.save()
    return live_server.url


@pytest.fixture
def open_tab(browser, site):
    """Open fresh browser sessions (one per person) that may reach only this site,
    plus a stand-in neutral site for quick exit."""
    contexts, elsewhere = [], []

    def route(route):
        url = route.request.url
        if url.startswith(site):
            route.continue_()
        elif url.startswith(NEUTRAL_SITE):
            route.fulfill(status=200, content_type="text/html", body="<h1>Weather today</h1>")
        else:
            elsewhere.append(url)
            route.abort()

    def open_one():
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route("**/*", route)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    yield open_one
    # A page sends beacons as it hides (Wagtail's editor releases its editing
    # session), on its own and past Playwright's routing. Leave each page first,
    # then let the site finish answering, so no request holds a lock while the
    # database is flushed after the test.
    for context in contexts:
        for tab in context.pages:
            tab.goto("about:blank")
    editing_sessions_released()
    for context in contexts:
        context.close()
    live_server_settle()
    assert elsewhere == [], "a page tried to load something from another origin"


def editing_sessions_released(timeout: float = 5.0) -> None:
    """Wait for the beacons of editor pages that were left to release their sessions."""
    from wagtail.admin.models import EditingSession

    deadline = time.monotonic() + timeout
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def live_server_settle(quiet: float = 0.3, timeout: float = 5.0) -> None:
    """Wait until the live server has had no request in flight for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if any(
            "process_request_thread" in thread.name and thread.is_alive()
            for thread in threading.enumerate()
        ):
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        time.sleep(0.02)


@pytest.fixture
def page(open_tab):
    return open_tab()


def log_in(tab, site, handle, password):
    tab.goto(site + "/account/login/")
    tab.get_by_label("Handle").fill(handle)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(site + "/")


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
