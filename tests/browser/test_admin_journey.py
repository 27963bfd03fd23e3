"""The Wagtail admin, in a real browser: a member without a role there is told
so in plain words, and a peer author in the admin has the site's quick exit
and overdose link."""

import pytest

from tests.browser.conftest import NEUTRAL_SITE, log_in
from tests.browser.test_member_journey import assert_back_does_not_return
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_peer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_who_opens_the_admin_is_told_it_is_for_peer_authors(page, site):
    UserFactory(username="river")
    log_in(page, site, "river", DEFAULT_PASSWORD)

    response = page.goto(site + "/admin/")

    assert response.status == 403
    assert page.url == site + "/admin/"
    heading = page.get_by_role("heading", name="This area is for peer authors and moderators")
    assert heading.is_visible()
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(site + "/")


def test_a_peer_author_leaves_the_editor_with_quick_exit(page, site, tmp_path):
    make_peer("ash", "Peer authors")
    log_in(page, site, "ash", DEFAULT_PASSWORD)
    page.goto(site + "/admin/")
    page.screenshot(path=tmp_path / "admin-dashboard.png")

    overdose = page.get_by_role("link", name="Overdose? What to do")
    assert overdose.is_visible()
    assert overdose.get_attribute("href") == "/overdose/"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")

    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL_SITE)
    assert_back_does_not_return(page, site)
