"""A reply offering to sell, from flags to a reversed appeal, in a real browser:
three members flag it, the community hides it, one peer moderator hides it,
its writer appeals, a second moderator reverses, and the public log tells
what happened without naming either moderator."""

import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from forum.models import Category
from forum.services.posting import post_create
from moderation.models import ActionKind
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

# After a decision the queue opens again at its message, never at the form's
# #decision anchor, which the queue page doesn't have.
BACK_TO_QUEUE = re.compile(r".*/moderation/queue/#main$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Vague enough that screening lets it through; members read it as an offer.
OFFER = "I can help anyone out tonight with whatever, just ask."
COMMUNITY_HIDDEN = "Hidden by the community, pending review: Sourcing or selling"
HIDE_REASON = "Offers to sell go against the sourcing guideline."
APPEAL = "I meant I could share my naloxone kit, not sell anything."
REVERSE_REASON = "Read in context, this was an offer of naloxone."
MODERATORS = ("rowan_mod", "kit_mod")


def open_queue(tab, site):
    tab.goto(site + "/")
    tab.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Review queue"
    ).click()
    tab.wait_for_url("**/moderation/queue/")
    expect(tab.get_by_role("heading", name="Review queue", level=1)).to_be_visible()


def flag_as_selling(tab, thread_url, tmp_path=None):
    tab.goto(thread_url)
    reply = tab.get_by_role("article").filter(has_text=OFFER)
    reply.get_by_role("link", name="Flag").click()
    tab.wait_for_url("**/moderation/flag/forum.post/**")
    expect(tab.get_by_role("heading", name="Flag for review")).to_be_visible()
    if tmp_path is not None:
        assert_accessible(tab, "flag-form", tmp_path)
    tab.get_by_role("radio", name="Sourcing or selling").check()
    tab.get_by_role("button", name="Send flag").click()
    tab.wait_for_url(thread_url + "#post-2")
    expect(tab.get_by_role("status")).to_contain_text("Thank you. Peers will look at it.")


def test_a_flagged_reply_is_hidden_appealed_and_restored_in_the_open(open_tab, site, tmp_path):
    category = Category.objects.create(name="Stimulants", slug="stimulants")
    thread = make_thread(
        category=category,
        author=UserFactory(username="opener"),
        title="Going to a festival this weekend",
        body="Any tips for staying safe over three days?",
    )
    sam = UserFactory(username="sam")
    post_create(thread=thread, author=sam, body=OFFER)
    flaggers = [UserFactory(username=f"flagger_{n}", trust_level=1) for n in (1, 2, 3)]
    peer_moderators = Group.objects.get(name="Peer moderators")
    for handle in MODERATORS:
        UserFactory(username=handle).groups.add(peer_moderators)
    thread_url = site + thread.get_absolute_url()

    # Three members flag it, each from their own browser; the third flag hides it.
    for number, flagger in enumerate(flaggers):
        tab = open_tab()
        log_in(tab, site, flagger.username, DEFAULT_PASSWORD)
        flag_as_selling(tab, thread_url, tmp_path if number == 0 else None)
        if number < 2:
            expect(tab.get_by_text(OFFER)).to_be_visible()
    expect(tab.get_by_text(COMMUNITY_HIDDEN)).to_be_visible()
    expect(tab.get_by_text(OFFER)).to_have_count(0)

    visitor = open_tab()
    visitor.goto(thread_url)
    expect(visitor.get_by_text(COMMUNITY_HIDDEN)).to_be_visible()
    expect(visitor.get_by_text(OFFER)).to_have_count(0)

    # The first peer moderator hides it for good, with a reason.
    first = open_tab()
    log_in(first, site, MODERATORS[0], DEFAULT_PASSWORD)
    open_queue(first, site)
    flagged = first.get_by_role("link", name="Post #2 in “Going to a festival this weekend”")
    expect(flagged).to_be_visible()
    assert_accessible(first, "queue", tmp_path)
    flagged.click()
    first.wait_for_url("**/moderation/queue/*/")
    expect(first.get_by_text("Sourcing or selling: 3")).to_be_visible()
    assert_accessible(first, "queue-item", tmp_path)
    first.get_by_role("radio", name="Hide it").check()
    first.get_by_label("Reason", exact=True).fill(HIDE_REASON)
    first.get_by_role("button", name="Save decision").click()
    first.wait_for_url(BACK_TO_QUEUE)
    expect(first.get_by_role("status")).to_contain_text("Decision saved and logged.")
    expect(first.get_by_text("The queue is empty.")).to_be_visible()

    # Sam hears about it, reads why, and appeals.
    writer = open_tab()
    log_in(writer, site, "sam", DEFAULT_PASSWORD)
    notifications = writer.get_by_role("navigation", name="Your account").get_by_role(
        "link", name=re.compile(r"^Notifications")
    )
    expect(notifications).to_have_accessible_name("Notifications 2 unread")
    notifications.click()
    writer.wait_for_url("**/notifications/")
    writer.get_by_role("button", name="A peer moderator hid something you wrote.").click()
    writer.wait_for_url("**/moderation/decisions/*/")
    expect(
        writer.get_by_role("heading", name="A peer moderator hid something you wrote.")
    ).to_be_visible()
    expect(writer.get_by_text(HIDE_REASON)).to_be_visible()
    expect(writer.get_by_text(MODERATORS[0])).to_have_count(0)
    assert_accessible(writer, "decision", tmp_path)
    writer.get_by_label("Why should a moderator look again?").fill(APPEAL)
    writer.get_by_role("button", name="Send appeal").click()
    expect(writer.get_by_role("status")).to_contain_text(
        "Your appeal is sent. A different moderator will look at it."
    )
    expect(writer.get_by_text("Appeal status: Waiting for a moderator.")).to_be_visible()

    # The moderator who hid it can read the appeal but not decide it.
    open_queue(first, site)
    first.get_by_role("link", name="Appeals (1)").click()
    first.get_by_role("link", name="sam appeals: Hid content").click()
    first.wait_for_url("**/moderation/queue/*/")
    expect(first.get_by_text(APPEAL)).to_be_visible()
    expect(
        first.get_by_text(
            "You made the decision being appealed, so a different moderator must decide"
        )
    ).to_be_visible()
    expect(first.get_by_role("radio")).to_have_count(0)
    expect(first.get_by_role("button", name="Save outcome")).to_have_count(0)

    # A second moderator reverses it, and the reply is back for everyone.
    second = open_tab()
    log_in(second, site, MODERATORS[1], DEFAULT_PASSWORD)
    open_queue(second, site)
    second.get_by_role("link", name="sam appeals: Hid content").click()
    second.wait_for_url("**/moderation/queue/*/")
    expect(second.get_by_text(APPEAL)).to_be_visible()
    assert_accessible(second, "appeal-item", tmp_path)
    second.get_by_role("radio", name="Reverse").check()
    second.get_by_label("Reason", exact=True).fill(REVERSE_REASON)
    second.get_by_role("button", name="Save outcome").click()
    second.wait_for_url(BACK_TO_QUEUE)
    expect(second.get_by_role("status")).to_contain_text("Appeal decided. The member is told.")

    visitor.goto(thread_url)
    expect(visitor.get_by_text(OFFER)).to_be_visible()
    expect(visitor.get_by_text("Hidden by")).to_have_count(0)

    # The public log tells what was done and why, never by whom.
    visitor.get_by_role("contentinfo").get_by_role("link", name="Moderation log").click()
    visitor.wait_for_url("**/moderation/log/")
    rows = visitor.get_by_role("table").get_by_role("row")
    reversal = rows.filter(has_text=str(ActionKind.APPEAL_REVERSED.label))
    hide = rows.filter(has_text=str(ActionKind.HIDE.label))
    community = rows.filter(has_text=str(ActionKind.COMMUNITY_HIDE.label))
    expect(reversal).to_contain_text(REVERSE_REASON)
    expect(reversal).to_contain_text("by a moderator")
    expect(hide).to_contain_text(HIDE_REASON)
    expect(hide).to_contain_text("Reversed on appeal")
    expect(hide).to_contain_text("by a moderator")
    expect(community).to_contain_text("by the community")
    page_source = visitor.content()
    for handle in MODERATORS:
        assert handle not in page_source
    assert_accessible(visitor, "log", tmp_path)
