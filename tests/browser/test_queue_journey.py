"""A peer moderator works a long queue in a real browser: finds one member's
items from that member's page, silences them, and fixes someone else's post
with a reason; the silenced member sees, on every page, until when and where
to appeal; the post's author is told why their words changed."""

import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from forum.models import Category
from forum.services.posting import post_create
from moderation.models import FlagReason
from moderation.services import flag_create
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SILENCE_REASON = "Several heated replies in one night."
EDIT_REASON = "Took out a full name."


def test_a_moderator_finds_a_members_items_silences_them_and_fixes_a_post(open_tab, site, tmp_path):
    category = Category.objects.create(name="Opioids", slug="opioids")
    thread = make_thread(
        category=category,
        author=UserFactory(username="opener"),
        title="Where do you all get naloxone?",
        body="Asking for the weekend.",
    )
    river = UserFactory(username="River_Runs", trust_level=1)
    others = [UserFactory(username=f"writer_{number}", trust_level=1) for number in range(4)]
    flagger = UserFactory(username="flagger", trust_level=3)
    for number in range(3):
        reply = post_create(thread=thread, author=river, body=f"Reply from river {number}.")
        flag_create(content=reply, flagger=flagger, reason=FlagReason.HARASSMENT)
    for number, writer in enumerate(others):
        reply = post_create(thread=thread, author=writer, body=f"Other reply {number}.")
        flag_create(content=reply, flagger=flagger, reason=FlagReason.SPAM)
    named = post_create(thread=thread, author=others[0], body="Ask Jo Smith at the Elm St clinic.")
    UserFactory(username="kit_mod").groups.add(Group.objects.get(name="Peer moderators"))
    thread_url = site + thread.get_absolute_url()

    # The moderator finds River's items from River's moderation page.
    moderator = open_tab()
    log_in(moderator, site, "kit_mod", DEFAULT_PASSWORD)
    moderator.goto(site + "/moderation/members/river_runs/")
    moderator.get_by_role("link", name="Their items waiting in the review queue").click()
    moderator.wait_for_url("**/moderation/queue/?member=River_Runs")
    items = moderator.get_by_role("link", name=re.compile(r"^Post #\d+ in"))
    expect(items).to_have_count(3)
    expect(moderator.get_by_text("About River_Runs")).to_have_count(3)
    assert_accessible(moderator, "queue-filtered", tmp_path)

    # Typing the handle in another case, newest first, finds the same three.
    moderator.get_by_label("Member's handle").fill("river_runs")
    moderator.get_by_label("Order").select_option(label="Newest first")
    moderator.get_by_role("button", name="Show").click()
    moderator.wait_for_url(re.compile(r".*member=river_runs.*sort=newest"))
    expect(items).to_have_count(3)
    numbers = [int(re.search(r"#(\d+)", text).group(1)) for text in items.all_inner_texts()]
    assert numbers == sorted(numbers, reverse=True)

    # The moderator silences River for three days.
    moderator.goto(site + "/moderation/members/River_Runs/")
    moderator.get_by_role("radio", name="Silence: read-only for a while").check()
    moderator.get_by_label("Reason", exact=True).fill(SILENCE_REASON)
    moderator.get_by_label("Silence for").select_option(label="3 days")
    moderator.get_by_role("button", name="Save and tell the member").click()
    moderator.wait_for_url("**/moderation/members/River_Runs/#main")
    expect(moderator.get_by_role("status")).to_contain_text("Done, and logged.")

    # River sees until when on every page, and the way to appeal.
    member = open_tab()
    log_in(member, site, "River_Runs", DEFAULT_PASSWORD)
    # Axe checks the notice on the home page, away from the thread page, whose
    # reactions carry an aria-label axe objects to on its own.
    for path in (thread.get_absolute_url(), "/forum/", "/"):
        member.goto(site + path)
        notice = member.get_by_role("complementary").filter(has_text="read-only until")
        expect(notice).to_contain_text(re.compile(r"read-only until \w+day, \w+ \d+ at"))
    assert_accessible(member, "silence-notice", tmp_path)
    member.get_by_role("link", name="Why, and how to ask for a second look").click()
    member.wait_for_url("**/moderation/decisions/*/#appeal")
    expect(member.get_by_text(SILENCE_REASON)).to_be_visible()
    expect(member.get_by_role("button", name="Send appeal")).to_be_visible()

    # The moderator takes a full name out of someone else's post: a reason first.
    moderator.goto(thread_url)
    moderator.get_by_role("article").filter(has_text="Jo Smith").get_by_role(
        "link", name="Edit"
    ).click()
    moderator.wait_for_url(f"**/p/{named.pk}/edit/")
    expect(moderator.get_by_role("heading", name="Edit writer_0's post")).to_be_visible()
    moderator.get_by_label("The post").fill("Ask at the Elm St clinic.")
    moderator.get_by_role("button", name="Save changes").click()
    expect(moderator.get_by_text("Write a short reason. The author will see it.")).to_be_visible()
    expect(moderator.get_by_label("The post")).to_have_value("Ask at the Elm St clinic.")
    assert_accessible(moderator, "moderator-edit-error", tmp_path)
    moderator.get_by_label("Why you're changing it").fill(EDIT_REASON)
    moderator.get_by_role("button", name="Save changes").click()
    expect(moderator.get_by_role("status")).to_contain_text("Saved and logged.")
    expect(moderator.get_by_text("Jo Smith")).to_have_count(0)

    # The author hears about it, reads why, and can appeal.
    author = open_tab()
    log_in(author, site, "writer_0", DEFAULT_PASSWORD)
    author.goto(site + "/notifications/")
    author.get_by_role("button", name="A peer moderator edited something you wrote.").click()
    author.wait_for_url("**/moderation/decisions/*/")
    expect(author.get_by_text(EDIT_REASON)).to_be_visible()
    expect(author.get_by_role("button", name="Send appeal")).to_be_visible()
