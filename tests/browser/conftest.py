import os
import re
import shutil
import threading
import time
import warnings
from urllib.parse import urlsplit

import pytest

from wagtail.models import Site

from peerkb.models import SafetySettings
from peerkb.services import site_setup
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
    site_setup()
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

    axe_checks = AxeChecks(site)
    checked_tabs = []

    def open_one(**context_options):
        context_options.setdefault("viewport", {"width": 390, "height": 844})
        context = browser.new_context(**context_options)
        context.route("**/*", route)
        contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        # axe is a script: a tab with scripts turned off shows the same pages,
        # which the tabs with scripts check.
        if context_options.get("java_script_enabled", True):
            checked_tabs.append(CheckedTab(tab, axe_checks))
        return tab

    yield open_one
    inaccessible = []
    for checked_tab in checked_tabs:
        try:
            checked_tab.check_what_was_left_unchecked()
        except Exception as error:  # noqa: BLE001 - reported below, after cleaning up
            inaccessible.append(f"{type(error).__name__}: {error}")
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
    assert inaccessible == []


def path_shape(url: str) -> str:
    """The kind of page a URL shows: numbers stand in for ids, and the query and
    fragment don't count, so each kind of page is checked once per test."""
    return re.sub(r"\d+", "<n>", urlsplit(url).path)


class AxeChecks:
    """axe-core on every kind of page a test visits on this site: no serious or
    critical violation anywhere."""

    def __init__(self, site: str):
        self.site = site
        self.checked: set[str] = set()

    def wants(self, url: str) -> bool:
        return url.startswith(self.site) and path_shape(url) not in self.checked

    def check(self, tab) -> None:
        if not self.wants(tab.url):
            return
        self.checked.add(path_shape(tab.url))
        violations = serious_violations(tab)
        if urlsplit(tab.url).path.startswith("/admin/"):
            # The Wagtail admin's markup is Wagtail's own (its rich-text editor
            # among it): what axe finds there is reported, not ours to fail on.
            for violation in violations:
                warnings.warn(f"axe on the Wagtail admin, {tab.url}: {violation}", stacklevel=2)
            return
        assert violations == [], f"axe on {tab.url}"


class CheckedTab:
    """Runs axe on a Playwright page after each navigation a test waits for,
    and, when the test ends, on every other kind of page it showed. The page
    stays a real Playwright page (tests hand it to `expect`); only its
    navigation methods are wrapped."""

    NAVIGATIONS = ("goto", "wait_for_url", "go_back", "go_forward", "reload")

    def __init__(self, page, axe_checks: AxeChecks):
        self.page = page
        self._axe_checks = axe_checks
        self._shown: dict[str, str] = {}
        page.on("load", lambda loaded: self._shown.setdefault(path_shape(loaded.url), loaded.url))
        for name in self.NAVIGATIONS:
            setattr(page, name, self._checking(getattr(page, name)))

    def _checking(self, navigate):
        def navigate_then_check(*args, **kwargs):
            result = navigate(*args, **kwargs)
            self._axe_checks.check(self.page)
            return result

        return navigate_then_check

    def check_what_was_left_unchecked(self) -> None:
        """The page the test ended on, then pages it passed through without
        waiting for them (a click that loaded a page the test read at once),
        loaded again as this person."""
        if self.page.is_closed():
            return
        self.page.wait_for_load_state()
        self._axe_checks.check(self.page)
        for url in self._shown.values():
            if self._axe_checks.wants(url):
                self.page.goto(url)


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


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} places: "
        f"{', '.join(str(node['target'][0]) for node in violation['nodes'][:3])})"
        for violation in violations
        if violation["impact"] in SERIOUS
    ]


def assert_accessible(page, name, tmp_path):
    page.screenshot(path=tmp_path / f"{name}.png", full_page=True)
    assert serious_violations(page) == [], name
