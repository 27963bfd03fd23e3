"""A new knowledge-base article, from the Wagtail editor to a reader's
suggestion, in a real browser: a peer author writes it and sends it for peer
review, two other peers approve it, it goes live only with the second approval,
and a member's suggested update reaches the review queue."""

import re

import pytest
from playwright.sync_api import expect

from peerkb.models import ArticlePage, KnowledgeBaseIndexPage
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_peer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Reading a test strip"
SUMMARY = "What the lines on a fentanyl test strip mean."
SECTION = "Reading the lines"
PARAGRAPH = "One line means the strip found fentanyl. Two lines mean it did not."
SUGGESTION = "Please add that a faint second line still counts as two lines."
AUTHOR = "ash_author"
REVIEWERS = ("rio_reviewer", "kit_reviewer")
MEMBER = "sam"


def open_action_menu(tab):
    tab.get_by_role("button", name="More actions").click()


def insert_block(tab, label):
    """Add a block at the end of the article body; returns its text box."""
    tab.get_by_role("button", name="Insert a block").last.click()
    tab.get_by_role("option", name=label).click()
    return tab.get_by_role("region", name=label).last.get_by_role("textbox")


def wait_until_autosaved(tab):
    """Wagtail autosaves the editor while the author types. The first autosave
    creates the draft, and only when it answers does the form move to the
    draft's address: a submit sent before then would post a second new article.
    So the author waits for “Saved”, as a person would."""
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(tab.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    expect(tab.locator("#page-edit-form")).to_have_attribute(
        "data-w-unsaved-has-edits-value", "false"
    )


def write_and_submit_article(tab, site):
    index = KnowledgeBaseIndexPage.objects.get()
    tab.goto(site + f"/admin/pages/{index.pk}/")
    tab.get_by_role("link", name="Add child page").click()
    tab.wait_for_url("**/admin/pages/add/peerkb/articlepage/*/")
    # Wagtail starts watching for edits two seconds after the editor opens:
    # anything typed before then counts as the starting point and is never
    # autosaved, so wait_until_autosaved would wait in vain.
    expect(tab.locator("#page-edit-form")).to_have_attribute(
        "data-w-unsaved-has-edits-value", "false"
    )
    tab.get_by_role("textbox", name="Title*").fill(TITLE)
    tab.get_by_role("textbox", name="Summary*").fill(SUMMARY)
    insert_block(tab, "Heading").fill(SECTION)
    insert_block(tab, "Paragraph").click()
    tab.keyboard.type(PARAGRAPH)
    # The rich text editor copies what was typed into the form a moment later.
    expect(tab.locator('input[name="body-1-value"]')).to_have_value(re.compile(PARAGRAPH))
    wait_until_autosaved(tab)
    open_action_menu(tab)
    tab.get_by_role("button", name="Submit to Peer review").click()
    expect(tab.get_by_role("status")).to_contain_text(f"“{TITLE}” is in peer review now")


def open_from_awaiting_review(tab, site, article):
    tab.goto(site + "/admin/")
    tab.get_by_role("region", name="Awaiting your review").get_by_role("link", name=TITLE).click()
    tab.wait_for_url(f"**/admin/pages/{article.pk}/edit/")


def approve(tab, *, outcome):
    open_action_menu(tab)
    tab.get_by_role("button", name="Approve", exact=True).click()
    expect(tab.get_by_role("status")).to_contain_text(outcome)


def open_queue(tab, site):
    tab.goto(site + "/")
    tab.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Review queue"
    ).click()
    tab.wait_for_url("**/moderation/queue/")


def test_an_article_goes_live_after_two_peers_approve_it_and_readers_can_suggest_updates(
    open_tab, site, tmp_path
):
    make_peer(AUTHOR, "Peer authors")
    for handle in REVIEWERS:
        make_peer(handle, "Peer reviewers")
    UserFactory(username=MEMBER)
    visitor = open_tab()

    # The peer author writes the article and sends it for peer review.
    author = open_tab()
    log_in(author, site, AUTHOR, DEFAULT_PASSWORD)
    write_and_submit_article(author, site)
    article = ArticlePage.objects.get(title=TITLE)
    article_url = site + "/kb/reading-a-test-strip/"
    assert visitor.goto(article_url).status == 404

    # The first reviewer approves; one approval is not enough to go live.
    first = open_tab()
    log_in(first, site, REVIEWERS[0], DEFAULT_PASSWORD)
    open_from_awaiting_review(first, site, article)
    approve(first, outcome="Approved. It needs 1 more peer's approval before it goes live.")
    assert visitor.goto(article_url).status == 404

    # The author can read the article under review, but never approve it.
    author.goto(site + f"/admin/pages/{article.pk}/edit/")
    expect(author.get_by_text("Only reviewers for this task can edit the page.")).to_be_visible()
    open_action_menu(author)
    expect(author.get_by_role("button", name="Page locked")).to_be_visible()
    expect(
        author.get_by_role("button", name=re.compile("Approve"), include_hidden=True)
    ).to_have_count(0)

    # The second reviewer sees the first approval, and approves too.
    second = open_tab()
    log_in(second, site, REVIEWERS[1], DEFAULT_PASSWORD)
    open_from_awaiting_review(second, site, article)
    second.get_by_role("tab", name="Review").click()
    expect(second.get_by_text(f"Approved so far by {REVIEWERS[0]}.")).to_be_visible()
    approve(second, outcome="Approved and published. Yours was the last approval needed")

    # Now readers get it, credited to the two peers who reviewed it.
    assert visitor.goto(site + "/kb/").ok
    recently_reviewed = visitor.get_by_role("region", name="Recently reviewed")
    expect(recently_reviewed.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor, "knowledge-base", tmp_path)
    recently_reviewed.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url(article_url)
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(visitor.get_by_text("Reviewed by 2 peers")).to_be_visible()
    expect(visitor.get_by_text(PARAGRAPH)).to_be_visible()
    assert_accessible(visitor, "article", tmp_path)

    # A member suggests an update to one of its sections.
    member = open_tab()
    log_in(member, site, MEMBER, DEFAULT_PASSWORD)
    member.goto(article_url)
    member.get_by_role("link", name="Suggest an update").click()
    member.wait_for_url(article_url + "suggest/")
    assert_accessible(member, "suggest-form", tmp_path)
    member.get_by_label("Which part?").select_option(SECTION)
    member.get_by_label("What should change?").fill(SUGGESTION)
    member.get_by_role("button", name="Send suggestion").click()
    member.wait_for_url(article_url)
    expect(member.get_by_role("status")).to_contain_text(
        "Thank you. Peer reviewers will read your suggestion, and you'll hear back"
    )

    # A peer reviewer finds it in the review queue and reads it.
    open_queue(first, site)
    suggestion = first.get_by_role("link", name=f"Update suggested for “{TITLE}”")
    expect(suggestion).to_be_visible()
    suggestion.click()
    first.wait_for_url("**/moderation/queue/*/")
    expect(first.get_by_text(SUGGESTION)).to_be_visible()
    expect(first.get_by_text(f"From {MEMBER}")).to_be_visible()
    expect(first.get_by_text(f"Section: {SECTION}")).to_be_visible()

    # The reviewer closes it with a note, and the member reads that note.
    first.get_by_label("What did you do?").fill("Added it to that section, thank you")
    first.get_by_role("button", name="Close suggestion").click()
    first.wait_for_url(re.compile(r"/moderation/queue/#main$"))
    expect(first.get_by_role("status")).to_contain_text("The member gets your note.")
    member.goto(f"{site}/notifications/")
    member.get_by_role(
        "button", name="A peer reviewer read your suggested update and closed it."
    ).click()
    member.wait_for_url("**/moderation/decisions/*/")
    expect(member.get_by_text("Added it to that section, thank you")).to_be_visible()
    expect(member.get_by_text(SUGGESTION)).to_be_visible()


# Wagtail's editor tells the page when it starts watching the form for edits,
# two seconds after it opens; autosave follows the edits it sees from then on.
MARK_WHEN_WATCHING = """
document.addEventListener("w-unsaved:watch-edits", () => {
  document.documentElement.dataset.watchingEdits = "true";
});
"""


@pytest.fixture
def busy_server(monkeypatch):
    """On a busy server the answer to Approve takes a few seconds; the editor
    page is still open meanwhile, and autosave keeps watching its form."""
    import time

    from peerkb.models import PeerReviewTask

    on_action = PeerReviewTask.on_action

    def slow_answer(self, *args, **kwargs):
        outcome = on_action(self, *args, **kwargs)
        time.sleep(3)
        return outcome

    monkeypatch.setattr(PeerReviewTask, "on_action", slow_answer)


def approve_from_the_editor(tab, site, article, *, outcome):
    """Dashboard → the article's title → the editor → More actions → Approve,
    after reading for a moment, with autosave on."""
    tab.add_init_script(MARK_WHEN_WATCHING)
    open_from_awaiting_review(tab, site, article)
    expect(tab.locator("#w-autosave-indicator")).to_be_attached()
    expect(tab.locator("html")).to_have_attribute("data-watching-edits", "true")
    approve(tab, outcome=outcome)


def test_two_reviewers_who_approve_from_the_editor_put_the_article_live(
    open_tab, site, busy_server
):
    make_peer(AUTHOR, "Peer authors")
    for handle in REVIEWERS:
        make_peer(handle, "Peer reviewers")
    visitor = open_tab()
    author = open_tab()
    log_in(author, site, AUTHOR, DEFAULT_PASSWORD)
    write_and_submit_article(author, site)
    article = ArticlePage.objects.get(title=TITLE)
    article_url = site + "/kb/reading-a-test-strip/"

    first = open_tab()
    log_in(first, site, REVIEWERS[0], DEFAULT_PASSWORD)
    approve_from_the_editor(
        first, site, article, outcome="Approved. It needs 1 more peer's approval"
    )
    first.goto(site + f"/admin/pages/{article.pk}/edit/")
    expect(first.locator(".messages")).to_contain_text("You already approved this version.")

    second = open_tab()
    log_in(second, site, REVIEWERS[1], DEFAULT_PASSWORD)
    approve_from_the_editor(second, site, article, outcome="Approved and published.")

    response = visitor.goto(article_url)
    assert response.status == 200
    expect(visitor.get_by_text(PARAGRAPH)).to_be_visible()
    expect(visitor.get_by_text("Reviewed by 2 peers")).to_be_visible()
