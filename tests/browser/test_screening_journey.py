"""A brand-new member in a real browser: an offer to buy waits for a peer
moderator and its writer is told why, kindly; a member describing themselves
gets no nudge; a phone number in their bio is refused beside the bio with the
text kept."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASKING_TO_BUY = "Anyone got bars near the bus station? DM me, can pay cash tonight."
WHY_IT_WAITS = (
    "Why: Posts that could be about buying or selling drugs wait for a peer moderator, "
    "because the guidelines don't allow arranging sales here."
)
OWN_WORDS = "I was a junkie for ten years. Now I hand out naloxone."
BIO_WITH_A_NUMBER = "Outreach on Tuesdays. Text me at 312-555-0147."


def test_a_new_members_offer_waits_and_their_own_words_and_bio_are_screened_kindly(
    open_tab, site, tmp_path
):
    thread = make_thread(
        author=UserFactory(username="opener", trust_level=1),
        title="Where do you all get naloxone?",
        body="My pharmacy wants a prescription.",
    )
    UserFactory(username="new_here", trust_level=0)
    UserFactory(username="reader", trust_level=1)
    newcomer, reader = open_tab(), open_tab()
    log_in(newcomer, site, "new_here", DEFAULT_PASSWORD)
    log_in(reader, site, "reader", DEFAULT_PASSWORD)
    thread_url = site + thread.get_absolute_url()

    newcomer.goto(thread_url)
    newcomer.get_by_label("Your reply").fill(ASKING_TO_BUY)
    newcomer.get_by_role("button", name="Post reply").click()
    newcomer.wait_for_url("**#post-2")
    expect(newcomer.get_by_role("status")).to_contain_text("A peer moderator will look at it")
    expect(newcomer.get_by_text(WHY_IT_WAITS)).to_be_visible()
    newcomer.reload()  # the thread page as it stays, without the one-time message
    expect(newcomer.get_by_text(WHY_IT_WAITS)).to_be_visible()
    assert_accessible(newcomer, "held-reply", tmp_path)
    reader.goto(thread_url)
    expect(reader.get_by_text(ASKING_TO_BUY)).to_have_count(0)

    newcomer.get_by_label("Your reply").fill(OWN_WORDS)
    newcomer.get_by_role("button", name="Post reply").click()
    newcomer.wait_for_url("**#post-3")
    expect(newcomer.get_by_text("Before you post: a thought about words")).to_have_count(0)
    reader.goto(thread_url)
    expect(reader.get_by_text(OWN_WORDS)).to_be_visible()

    newcomer.goto(site + "/account/settings/")
    newcomer.get_by_label("About you").fill(BIO_WITH_A_NUMBER)
    newcomer.get_by_role("button", name="Save profile").click()
    bio = newcomer.get_by_label("About you")
    expect(bio).to_have_value(BIO_WITH_A_NUMBER)
    expect(newcomer.locator(".field-has-error")).to_contain_text(
        "Posts with a phone number wait for a peer moderator"
    )
    assert_accessible(newcomer, "bio-refused", tmp_path)
