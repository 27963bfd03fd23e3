"""A member writes a reply, is signed out in another tab, and presses Post:
after signing in again the reply is still in the box, ready to post."""

import re

import pytest

from forum.models import Category, Post
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPLY = "I carry two kits now. The pharmacy gave me the second one without asking why."


def test_a_reply_written_before_signing_out_elsewhere_survives_signing_in_again(open_tab, site):
    UserFactory(username="river")
    thread = make_thread(
        category=Category.objects.create(name="Naloxone", slug="naloxone"),
        title="Where do you all get naloxone?",
    )
    tab = open_tab()
    tab.goto(site + "/account/login/")
    tab.get_by_label("Handle").fill("river")
    tab.get_by_label("Password").fill(DEFAULT_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(site + "/")
    tab.goto(site + thread.get_absolute_url())
    tab.get_by_label("Your reply").fill(REPLY)

    other_tab = tab.context.new_page()
    other_tab.goto(site + "/")
    other_tab.get_by_role("button", name="Log out").click()
    other_tab.wait_for_load_state()
    other_tab.close()

    tab.get_by_role("button", name="Post reply").click()
    tab.wait_for_url("**/account/login/**")
    tab.get_by_label("Handle").fill("river")
    tab.get_by_label("Password").fill(DEFAULT_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(re.escape(site + thread.get_absolute_url()) + r"(\?.*)?$"))

    assert tab.get_by_label("Your reply").input_value() == REPLY
    assert tab.get_by_text("You were signed out, so we didn't post that yet.").is_visible()
    assert not Post.objects.filter(body_source=REPLY).exists()

    tab.get_by_role("button", name="Post reply").click()
    tab.wait_for_url("**#post-2")
    assert tab.get_by_text(REPLY).is_visible()
    assert Post.objects.filter(body_source=REPLY, author__username="river").exists()


def test_a_reaction_tapped_after_signing_out_elsewhere_goes_to_sign_in_and_back(open_tab, site):
    UserFactory(username="river")
    thread = make_thread(
        category=Category.objects.create(name="Naloxone", slug="naloxone"),
        title="Where do you all get naloxone?",
    )
    tab = open_tab()
    tab.goto(site + "/account/login/")
    tab.get_by_label("Handle").fill("river")
    tab.get_by_label("Password").fill(DEFAULT_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(site + "/")
    tab.goto(site + thread.get_absolute_url())

    other_tab = tab.context.new_page()
    other_tab.goto(site + "/")
    other_tab.get_by_role("button", name="Log out").click()
    other_tab.wait_for_load_state()
    other_tab.close()

    tab.get_by_role("button", name="Support").first.click()
    tab.wait_for_url("**/account/login/**")
    assert tab.get_by_text("You were signed out. Sign in to carry on").is_visible()
    tab.get_by_label("Handle").fill("river")
    tab.get_by_label("Password").fill(DEFAULT_PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(re.escape(site + thread.get_absolute_url()) + r"(\?.*)?$"))
