"""A member thanks another by @handle; a reader follows the mention to their profile."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mention_in_a_reply_is_a_link_to_the_member(open_tab, site):
    thread = make_thread(title="Where do you all get naloxone?")
    UserFactory(username="NaloxoneNic")
    UserFactory(username="reader")
    reader = open_tab()

    log_in(reader, site, "reader", DEFAULT_PASSWORD)
    reader.goto(site + thread.get_absolute_url())
    reader.get_by_label("Your reply").fill("@naloxonenic showed me the syringe program.")
    reader.get_by_role("button", name="Post reply").click()
    reader.wait_for_url("**#post-2")

    reader.locator("#post-2").get_by_role("link", name="@NaloxoneNic").click()
    reader.wait_for_url("**/members/NaloxoneNic/")
    assert reader.get_by_role("heading", name="NaloxoneNic").is_visible()
