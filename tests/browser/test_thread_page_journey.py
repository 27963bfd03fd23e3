"""The thread page's one form, on a small phone: two members reacting,
bookmarking and watching at once, one of them with scripts turned off."""

import pytest

from forum.models import Bookmark, Following, Reaction
from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_two_members_use_the_page_buttons_with_and_without_scripts(open_tab, site):
    thread = make_thread(title="Strips from the van", replies=2)
    UserFactory(username="noscript", trust_level=1)
    UserFactory(username="scripted", trust_level=1)
    plain = open_tab(viewport=PHONE, java_script_enabled=False)
    scripted = open_tab(viewport=PHONE)
    log_in(plain, site, "noscript", DEFAULT_PASSWORD)
    log_in(scripted, site, "scripted", DEFAULT_PASSWORD)
    plain.goto(site + thread.get_absolute_url())
    scripted.goto(site + thread.get_absolute_url())

    second = plain.locator("#post-2")
    second.get_by_role("button", name="Helpful").click()
    plain.wait_for_url("**#post-2")
    second.get_by_role("button", name="Bookmark").click()
    plain.wait_for_url("**#post-2")
    assert plain.get_by_text("Bookmarked.").is_visible()
    plain.get_by_role("button", name="Watch").click()
    assert plain.get_by_text("You're watching this.").is_visible()

    scripted.locator("#post-2").get_by_role("button", name="Helpful").click()
    scripted.wait_for_selector("#post-2 .reactions button[aria-pressed='true']")
    pressed = scripted.locator("#post-2 .reactions button[aria-pressed='true'] span")
    assert pressed.inner_text() == "2"

    plain.reload()
    helpful = plain.locator("#post-2").get_by_role("button", name="Helpful")
    assert helpful.get_attribute("aria-pressed") == "true"
    assert helpful.locator("span").inner_text() == "2"
    assert plain.locator("#post-2").get_by_role("button", name="Remove bookmark").is_visible()
    # Nothing on the page is wider than the phone.
    width = plain.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert Reaction.objects.filter(kind="helpful").count() == 2
    assert Bookmark.objects.filter(user__username="noscript").count() == 1
    assert Following.objects.filter(user__username="noscript", thread=thread).exists()
