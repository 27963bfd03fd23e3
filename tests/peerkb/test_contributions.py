"""Members who never open the admin: suggested updates, ideas for new articles,
“Was this helpful?”, and what of it goes in their export and goes on erasure
(peerkb/contributions.py, the views that call it and peerkb/members.py)."""

from datetime import timedelta
from html import escape

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from accounts.services import member_erase, member_export
from moderation.models import (
    REASON_MAX_LENGTH,
    ActionKind,
    ModerationAction,
    QueueItem,
    QueueStatus,
    WatchedWord,
    WordAction,
)
from moderation.writing import read_only_note
from notifications.models import Notification
from peerkb.contributions import (
    SESSION_FEEDBACK_KEY,
    helpful_vote_record,
    proposal_accept,
    proposal_create,
    proposal_decline,
    suggestion_close,
    suggestion_create,
)
from peerkb.models import (
    ArticleAuthor,
    ArticleFeedback,
    ArticlePage,
    ArticleProposal,
    ArticleSuggestion,
    AuthorProfile,
    KnowledgeBaseIndexPage,
    ProposalStatus,
)
from peerkb.models.contributions import SUGGESTION_NOTE_MAX_LENGTH
from tests.factories import UserFactory, make_article, make_peer
from tests.html import parse

pytestmark = pytest.mark.django_db

QUEUE = "/moderation/queue/"
PROPOSE = "/kb/propose/"
# A documentation address (RFC 5737): the test client sends it as the visitor's IP.
VISITOR_IP = "203.0.113.9"
IDEA = {
    "title": "Smoking instead of injecting",
    "outline": "What changes when you switch routes.\nHow to pace yourself.",
    "why": "I switched two years ago and nobody told me the basics.",
}
# The review queue, whatever it holds: session, user, the viewer's groups, the
# open items counted per kind, the page's count, its items with their members,
# what they are about (one query each for suggestions and ideas), the site, the
# Safety setting and the unread notifications.
QUEUE_PAGE_QUERY_BOUND = 11


def signed_in(user) -> Client:
    visitor = Client()
    visitor.force_login(user)
    return visitor


def suggest_url(article) -> str:
    return f"{article.url}suggest/"


def helpful_url(article) -> str:
    return f"{article.url}helpful/"


def item_for(subject) -> QueueItem:
    return QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )


def accept_idea(moderator_client, proposal, author: AuthorProfile):
    """A peer moderator accepts `proposal` from its queue item, for `author`."""
    return moderator_client.post(
        f"/moderation/articles/{item_for(proposal).pk}/decide-idea/",
        {"decision": "accept", "author": author.pk},
    )


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def item_links(html: str) -> set[str]:
    """The queue items a page links to."""
    return {
        attributes["href"]
        for tag, attributes in parse(html).tags
        if tag == "a"
        and attributes.get("href", "").startswith(QUEUE)
        and attributes["href"].rstrip("/").split("/")[-1].isdigit()
    }


def queue_links(user) -> set[str]:
    response = signed_in(user).get(QUEUE)
    assert response.status_code == 200
    return item_links(response.content.decode())


def section_of(html: str, heading_id: str, next_heading_id: str) -> str:
    return html.split(f'id="{heading_id}"', 1)[1].split(f'id="{next_heading_id}"', 1)[0]


@pytest.fixture
def article(home):
    return make_article(title="Tester shots")


@pytest.fixture
def reviewer(home):
    return make_peer("rio", "Peer reviewers")


@pytest.fixture
def moderator_client(peer_moderator):
    return signed_in(peer_moderator)


@pytest.fixture
def block_word(db):
    return WatchedWord.objects.create(
        pattern="scumbag*", action=WordAction.BLOCK, explanation="It is an insult aimed at a person"
    )


@pytest.fixture
def suggestion(article, member):
    return suggestion_create(
        article=article,
        member=member,
        section="Before you start",
        text="Say that a tester shot is a quarter of your usual.",
    )


@pytest.fixture
def proposal(member, home):
    return proposal_create(member=member, **IDEA)


@pytest.fixture
def peer_author(home):
    """A peer author with a profile, the kind a moderator can hand an idea to."""
    author = make_peer("sky", "Peer authors")
    profile = AuthorProfile.objects.for_member(author)
    profile.pseudonym = "Sky W."
    profile.save()
    return profile


# ---- suggesting an update -------------------------------------------------


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in_to_suggest_an_update(client, article):
    response = client.get(suggest_url(article))

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={suggest_url(article)}"


def test_a_visitor_who_is_not_signed_in_cannot_post_a_suggestion(client, article):
    response = client.post(suggest_url(article), {"text": "Add a part on strips."})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not ArticleSuggestion.objects.exists()
    assert not QueueItem.objects.filter(kind="article_suggestion").exists()


def test_the_suggestion_form_offers_the_articles_own_sections(member_client, article):
    response = member_client.get(suggest_url(article))

    assert response.status_code == 200
    choices = [value for value, _label in response.context["form"].fields["section"].choices]
    assert choices == ["", "Before you start"]


def test_a_members_suggestion_waits_in_the_queue_linked_to_it_and_its_article(
    member_client, member, article
):
    response = member_client.post(
        suggest_url(article),
        {"section": "Before you start", "text": "Say how long to wait after a tester shot."},
    )

    assert response.status_code == 302
    assert response["Location"] == article.url
    suggestion = ArticleSuggestion.objects.get()
    assert suggestion.article == article
    assert suggestion.member == member
    assert suggestion.section == "Before you start"
    assert suggestion.text == "Say how long to wait after a tester shot."
    item = item_for(suggestion)
    assert item.kind == "article_suggestion"
    assert item.is_open
    assert item.member == member
    assert item.subject == suggestion
    assert item.subject.article == article
    assert "Tester shots" in item.summary
    assert not item.moderators_only


def test_a_suggestion_about_the_whole_article_has_no_section(member_client, article):
    member_client.post(suggest_url(article), {"section": "", "text": "It could be shorter."})

    assert ArticleSuggestion.objects.get().section == ""


def test_peer_reviewers_and_peer_moderators_see_a_suggestion_in_the_queue(
    suggestion, reviewer, peer_moderator
):
    url = item_for(suggestion).get_absolute_url()

    assert url in queue_links(reviewer)
    assert url in queue_links(peer_moderator)
    page = signed_in(reviewer).get(url).content.decode()
    assert "Say that a tester shot is a quarter of your usual." in page
    assert "Section: Before you start" in page


def test_an_ordinary_member_cannot_open_the_queue_or_a_suggestion_in_it(suggestion):
    other = signed_in(UserFactory(username="ash"))

    assert other.get(QUEUE).status_code == 403
    assert other.get(item_for(suggestion).get_absolute_url()).status_code == 403


def test_a_section_that_is_not_among_the_articles_headings_is_refused_beside_the_field(
    member_client, article
):
    response = member_client.post(
        suggest_url(article), {"section": "Made-up section", "text": "Add a part on strips."}
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert len(form.errors["section"]) == 1
    assert 'id="id_section_error"' in response.content.decode()
    assert "text" not in form.errors
    assert not ArticleSuggestion.objects.exists()


def test_the_service_refuses_a_section_the_article_does_not_have(article, member):
    with pytest.raises(ValidationError) as error:
        suggestion_create(
            article=article, member=member, section="Made-up section", text="Add strips."
        )

    assert error.value.message_dict == {"section": ["Pick a section from the list."]}
    assert not ArticleSuggestion.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_suggestion_gets_a_clear_message_beside_the_field(member_client, article, text):
    response = member_client.post(suggest_url(article), {"section": "", "text": text})

    assert response.status_code == 400
    assert response.context["form"].errors["text"] == [
        "Say what should change, and why if you can."
    ]
    assert not ArticleSuggestion.objects.exists()


def test_an_over_long_suggestion_is_refused_beside_the_field_and_the_text_is_kept(
    member_client, article
):
    text = "Start low and go slow with every new batch. " * 46
    length = len(text.strip())
    assert length > 2000

    response = member_client.post(suggest_url(article), {"text": text})

    assert response.status_code == 400
    assert response.context["form"].errors["text"] == [
        f"Keep this under 2,000 characters. It has {length:,}."
    ]
    assert escape(text.strip()) in response.content.decode()
    assert not ArticleSuggestion.objects.exists()


def test_a_stigmatizing_word_shows_the_nudge_and_saves_nothing_until_the_member_posts_anyway(
    member_client, article
):
    text = "Say that addicts often carry naloxone for their friends."

    nudged = member_client.post(suggest_url(article), {"text": text})

    page = nudged.content.decode()
    assert nudged.status_code == 200
    assert "Instead of “addicts”, you could say “people who use drugs”." in page
    assert "Send as I wrote it" in page
    assert 'name="nudge_acknowledged" value="1"' in page
    assert escape(text) in page
    assert not ArticleSuggestion.objects.exists()
    assert not QueueItem.objects.filter(kind="article_suggestion").exists()

    posted = member_client.post(suggest_url(article), {"text": text, "nudge_acknowledged": "1"})

    assert posted.status_code == 302
    suggestion = ArticleSuggestion.objects.get()
    assert suggestion.text == text
    assert item_for(suggestion).is_open


def test_a_blocked_word_is_refused_with_its_message_beside_the_field_and_the_text_kept(
    member_client, article, block_word
):
    text = "The scumbags at the clinic should read this."

    response = member_client.post(suggest_url(article), {"text": text})

    assert response.status_code == 400
    (message,) = response.context["form"].errors["text"]
    assert "It is an insult aimed at a person." in message
    assert "“scumbags”" in message
    assert escape(text) in response.content.decode()
    assert not ArticleSuggestion.objects.exists()


def test_a_blocked_word_is_refused_even_after_the_nudge_is_acknowledged(
    member_client, article, block_word
):
    response = member_client.post(
        suggest_url(article),
        {"text": "Addicts and scumbags, all of them.", "nudge_acknowledged": "1"},
    )

    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    assert not ArticleSuggestion.objects.exists()


def test_a_phone_number_makes_the_suggestion_for_peer_moderators_only(
    member_client, article, reviewer, peer_moderator
):
    member_client.post(
        suggest_url(article), {"text": "My friend runs a kit drop, call 312-555-0147."}
    )

    item = item_for(ArticleSuggestion.objects.get())
    url = item.get_absolute_url()
    assert item.moderators_only
    assert url not in queue_links(reviewer)
    assert signed_in(reviewer).get(url).status_code == 404
    assert url in queue_links(peer_moderator)
    moderator_page = signed_in(peer_moderator).get(url)
    assert moderator_page.status_code == 200
    assert "312-555-0147" in moderator_page.content.decode()


def test_a_held_suggestion_says_why_in_the_queue_without_repeating_the_number(
    member_client, article, peer_moderator
):
    member_client.post(
        suggest_url(article), {"text": "My friend runs a kit drop, call 312-555-0147."}
    )

    item = item_for(ArticleSuggestion.objects.get())
    assert "Posts with a phone number wait for a peer moderator" in item.summary
    assert "312-555-0147" not in item.summary
    assert "312-555-0147" not in signed_in(peer_moderator).get(QUEUE).content.decode()


def test_a_silenced_member_cannot_send_a_suggestion_and_is_told_why(member_client, member, article):
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()

    response = member_client.post(suggest_url(article), {"text": "Add a part on strips."})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [read_only_note(member)]
    assert escape("Your account is read-only for 2") in response.content.decode()
    assert response.context["form"]["text"].value() == "Add a part on strips."
    assert not ArticleSuggestion.objects.exists()


def test_a_member_whose_silence_has_ended_can_suggest_again(member_client, member, article):
    member.silenced_until = timezone.now() - timedelta(minutes=1)
    member.save()

    response = member_client.post(suggest_url(article), {"text": "Add a part on strips."})

    assert response.status_code == 302
    assert ArticleSuggestion.objects.count() == 1


def test_hostile_input_is_stored_as_plain_text_and_shown_escaped_on_the_queue_item(
    member_client, article, reviewer
):
    text = "<script>alert(1)</script> Strips miss some opioids."

    member_client.post(suggest_url(article), {"text": text})

    suggestion = ArticleSuggestion.objects.get()
    assert suggestion.text == text
    page = signed_in(reviewer).get(item_for(suggestion).get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Strips miss some opioids." in page


def test_closing_a_suggestion_needs_a_note(suggestion, reviewer):
    item = item_for(suggestion)

    response = signed_in(reviewer).post(f"/moderation/articles/{item.pk}/close-suggestion/", {})

    assert response.status_code == 400
    assert response.context["close_form"].errors["note"] == ["Say in a few words what you did."]
    assert refreshed(item).is_open


def test_a_peer_reviewer_closes_a_suggestion_with_a_note_as_its_outcome(suggestion, reviewer):
    item = item_for(suggestion)

    response = signed_in(reviewer).post(
        f"/moderation/articles/{item.pk}/close-suggestion/",
        {"note": "Updated the section on tester shots"},
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE + "#main"
    item.refresh_from_db()
    assert item.status == QueueStatus.RESOLVED
    assert item.outcome == "Updated the section on tester shots"
    assert item.resolved_by == reviewer
    assert item.get_absolute_url() not in queue_links(reviewer)


def test_an_over_long_note_closing_a_suggestion_is_refused_and_kept(suggestion, reviewer):
    item = item_for(suggestion)
    note = "Rewrote the section. " * 10 + "x" * (SUGGESTION_NOTE_MAX_LENGTH)

    response = signed_in(reviewer).post(
        f"/moderation/articles/{item.pk}/close-suggestion/", {"note": note}
    )

    assert response.status_code == 400
    assert f"Keep this under {SUGGESTION_NOTE_MAX_LENGTH} characters." in response.content.decode()
    assert response.context["close_form"]["note"].value() == note
    assert refreshed(item).is_open
    with pytest.raises(ValidationError):
        suggestion_close(suggestion=suggestion, reviewer=reviewer, item=item, note=note)


def close_suggestion(suggestion, reviewer, note="Updated the section on tester shots"):
    item = item_for(suggestion)
    response = signed_in(reviewer).post(
        f"/moderation/articles/{item.pk}/close-suggestion/", {"note": note}
    )
    assert response.status_code == 302
    return item


def test_the_member_whose_suggestion_was_closed_is_told_in_their_notifications(
    suggestion, reviewer, member
):
    close_suggestion(suggestion, reviewer)

    notification = Notification.objects.get(recipient=member)
    listing = signed_in(member).get("/notifications/").content.decode()

    assert notification.moderation_action.action == ActionKind.SUGGESTION_CLOSED
    assert "A peer reviewer read your suggested update and closed it. See more." in listing


def test_the_member_reads_the_reviewers_note_beside_their_own_words_with_a_link_to_the_article(
    suggestion, reviewer, member, article
):
    close_suggestion(suggestion, reviewer, note="Added it to Before you start, thank you")
    notification = Notification.objects.get(recipient=member)

    response = signed_in(member).get(f"/moderation/decisions/{notification.moderation_action_id}/")
    page = response.content.decode()
    links = {attributes.get("href") for tag, attributes in parse(page).tags if tag == "a"}

    assert response.status_code == 200
    assert "<dt>Note</dt><dd>Added it to Before you start, thank you</dd>" in page
    assert escape(suggestion.text) in page
    assert "Section: Before you start" in page
    assert article.url in links
    # Who closed it stays "a peer reviewer", as on every decision a member reads.
    assert "a peer reviewer" in page
    assert reviewer.username not in page
    assert "Appeal" not in page


def test_a_closed_suggestion_stays_out_of_the_public_moderation_log(
    suggestion, reviewer, client, moderator_client, article
):
    close_suggestion(suggestion, reviewer)

    public = client.get("/moderation/log/").content.decode()
    moderators = moderator_client.get("/moderation/log/").content.decode()

    assert f"a suggested update to “{article.title}”" not in public
    assert "Closed a suggested update" not in public  # not even offered as a filter
    assert f"a suggested update to “{article.title}”" in moderators


def test_the_members_words_are_shown_escaped_on_the_page_that_tells_them_it_was_closed(
    article, member, reviewer
):
    hostile = suggestion_create(
        article=article, member=member, text="<img src=x onerror=alert(1)> Add the wait time."
    )
    close_suggestion(hostile, reviewer)
    action = ModerationAction.objects.get(action=ActionKind.SUGGESTION_CLOSED)

    page = signed_in(member).get(f"/moderation/decisions/{action.pk}/").content.decode()

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Add the wait time." in page


def test_closing_a_suggestion_from_a_former_member_notifies_no_one(suggestion, reviewer):
    ArticleSuggestion.objects.filter(pk=suggestion.pk).update(member=None)

    item = close_suggestion(suggestion, reviewer)

    assert not refreshed(item).is_open
    assert not Notification.objects.exists()


def test_another_member_cannot_read_the_note_on_someone_elses_suggestion(suggestion, reviewer):
    close_suggestion(suggestion, reviewer)
    action = ModerationAction.objects.get(action=ActionKind.SUGGESTION_CLOSED)

    response = signed_in(UserFactory(username="onlooker")).get(
        f"/moderation/decisions/{action.pk}/"
    )

    assert response.status_code == 404


def test_an_ordinary_member_cannot_close_a_suggestion(suggestion, member_client):
    item = item_for(suggestion)

    response = member_client.post(
        f"/moderation/articles/{item.pk}/close-suggestion/", {"note": "Done"}
    )

    assert response.status_code == 403
    assert refreshed(item).is_open


# ---- proposing an article -------------------------------------------------


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in_to_propose_an_article(client, home):
    response = client.get(PROPOSE)

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={PROPOSE}"


def test_a_visitor_who_is_not_signed_in_cannot_post_an_idea(client, home):
    response = client.post(PROPOSE, IDEA)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not ArticleProposal.objects.exists()


def test_a_members_idea_waits_in_the_queue_as_an_article_proposal(member_client, member, home):
    response = member_client.post(PROPOSE, IDEA)

    assert response.status_code == 302
    assert response["Location"] == "/kb/"
    proposal = ArticleProposal.objects.get()
    assert (proposal.title, proposal.outline, proposal.why) == (
        IDEA["title"],
        IDEA["outline"],
        IDEA["why"],
    )
    assert proposal.member == member
    assert proposal.status == ProposalStatus.OPEN
    item = item_for(proposal)
    assert item.kind == "article_proposal"
    assert item.is_open
    assert item.subject == proposal
    assert item.member == member


def test_each_missing_field_of_an_idea_gets_its_own_message(member_client, home):
    response = member_client.post(PROPOSE, {"title": "", "outline": "", "why": ""})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "title": ["Give the article a working title."],
        "outline": ["Write a few lines about what the article would cover."],
        "why": ["Say why it matters, or what experience it comes from."],
    }
    assert not ArticleProposal.objects.exists()


def test_what_a_member_typed_in_an_idea_is_kept_when_a_field_is_missing(member_client, home):
    response = member_client.post(
        PROPOSE, {"title": IDEA["title"], "outline": IDEA["outline"], "why": ""}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["why"]
    assert f'value="{IDEA["title"]}"' in page
    assert escape(IDEA["outline"]) in page
    assert not ArticleProposal.objects.exists()


def test_a_peer_moderator_accepting_an_idea_starts_a_draft_for_the_peer_author(
    proposal, moderator_client, peer_author, client
):
    item = item_for(proposal)

    response = moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/",
        {"decision": "accept", "author": peer_author.pk},
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE + "#main"
    draft = ArticlePage.objects.get(title=IDEA["title"])
    assert not draft.live
    assert draft.get_parent().specific == KnowledgeBaseIndexPage.objects.get()
    assert draft.url_path.startswith(KnowledgeBaseIndexPage.objects.get().url_path)
    assert draft.owner == peer_author.member
    assert list(draft.authors.values_list("author", flat=True)) == [peer_author.pk]
    assert client.get(draft.url).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.draft == draft
    item.refresh_from_db()
    assert item.status == QueueStatus.RESOLVED
    assert item.outcome == "Accepted: draft started"


def test_the_draft_shows_the_idea_on_its_review_tab_without_copying_the_members_words(
    proposal, peer_moderator, peer_author, client
):
    """The author may retitle the draft as they write; the Review tab keeps the
    idea as the member sent it, for as long as the member keeps their account."""
    draft = proposal_accept(
        proposal=proposal, moderator=peer_moderator, author=peer_author, item=item_for(proposal)
    )
    client.force_login(peer_author.member)

    editor = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    saved = ArticlePage.objects.get(pk=draft.pk)
    stored = f"{saved.editor_notes} {saved.summary} {saved.body.raw_data}"

    assert "The idea this article started from" in editor
    assert escape(IDEA["why"]) in editor
    assert escape(IDEA["outline"].splitlines()[0]) in editor
    assert IDEA["why"] not in stored and "How to pace yourself" not in stored


def test_the_member_whose_idea_was_accepted_is_told(
    proposal, member, moderator_client, peer_author
):
    accept_idea(moderator_client, proposal, peer_author)

    notification = Notification.objects.get(recipient=member)
    assert notification.kind == "moderation"
    assert notification.moderation_action.action == ActionKind.PROPOSAL_ACCEPTED
    assert notification.moderation_action.target == refreshed(proposal)
    page = signed_in(member).get("/notifications/").content.decode()
    assert "Your idea for an article was accepted. A peer author is on it." in page


def test_the_peer_author_an_idea_is_given_to_is_told_and_can_open_the_draft(
    proposal, moderator_client, peer_author
):
    accept_idea(moderator_client, proposal, peer_author)
    draft = ArticlePage.objects.get(title=IDEA["title"])
    author = signed_in(peer_author.member)

    notification = Notification.objects.get(recipient=peer_author.member)
    listing = author.get("/notifications/").content.decode()
    page = author.get(f"/moderation/decisions/{notification.moderation_action_id}/")
    links = {
        attributes.get("href")
        for tag, attributes in parse(page.content.decode()).tags
        if tag == "a"
    }

    assert notification.moderation_action.action == ActionKind.ARTICLE_ASSIGNED
    assert "A peer moderator started a draft for you to write, from a member" in listing
    assert escape(f"A draft of “{IDEA['title']}” is waiting for you in the editor.") in (
        page.content.decode()
    )
    editor = f"/admin/pages/{draft.pk}/edit/"
    assert editor in links
    assert author.get(editor).status_code == 200


def test_the_member_who_proposed_the_idea_is_not_told_who_writes_it(
    proposal, member, moderator_client, peer_author
):
    accept_idea(moderator_client, proposal, peer_author)
    assigned = ModerationAction.objects.get(action=ActionKind.ARTICLE_ASSIGNED)
    proposer = signed_in(member)

    told = proposer.get(
        f"/moderation/decisions/{Notification.objects.get(recipient=member).moderation_action_id}/"
    ).content.decode()

    assert proposer.get(f"/moderation/decisions/{assigned.pk}/").status_code == 404
    assert peer_author.pseudonym not in told and peer_author.member.username not in told


def test_a_peer_moderator_who_takes_an_idea_on_themselves_gets_no_notification(
    proposal, peer_moderator, moderator_client
):
    own_profile = AuthorProfile.objects.for_member(peer_moderator)

    accept_idea(moderator_client, proposal, own_profile)

    assert ArticlePage.objects.get(title=IDEA["title"]).owner == peer_moderator
    assert not Notification.objects.filter(recipient=peer_moderator).exists()


def test_an_idea_needs_a_peer_author_to_be_accepted(proposal, moderator_client):
    item = item_for(proposal)

    response = moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/", {"decision": "accept", "author": ""}
    )

    assert response.status_code == 400
    assert response.context["accept_form"].errors["author"] == ["Choose who will write it."]
    assert refreshed(proposal).status == ProposalStatus.OPEN
    assert not ArticlePage.objects.filter(title=IDEA["title"]).exists()


def test_declining_an_idea_needs_a_reason(proposal, moderator_client, member):
    item = item_for(proposal)

    response = moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/", {"decision": "decline", "reason": ""}
    )

    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"] == [
        "Give a reason. The member who proposed it sees it."
    ]
    assert refreshed(proposal).status == ProposalStatus.OPEN
    assert refreshed(item).is_open
    assert not Notification.objects.filter(recipient=member).exists()


def test_an_over_long_reason_declining_an_idea_is_refused_and_kept(
    proposal, moderator_client, peer_moderator
):
    item = item_for(proposal)
    reason = "We cover this already. " * 20

    response = moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/", {"decision": "decline", "reason": reason}
    )

    assert response.status_code == 400
    assert f"Keep this under {REASON_MAX_LENGTH} characters." in response.content.decode()
    assert response.context["decline_form"]["reason"].value() == reason
    assert refreshed(proposal).status == ProposalStatus.OPEN
    with pytest.raises(ValidationError, match=f"under {REASON_MAX_LENGTH} characters"):
        proposal_decline(proposal=proposal, moderator=peer_moderator, item=item, reason=reason)
    assert refreshed(proposal).status == ProposalStatus.OPEN


def test_a_declined_idea_tells_the_member_why_on_the_decision_page(
    proposal, moderator_client, member
):
    item = item_for(proposal)
    reason = "We have this already: see Smoking more safely."

    response = moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/", {"decision": "decline", "reason": reason}
    )

    assert response.status_code == 302
    assert refreshed(proposal).status == ProposalStatus.DECLINED
    item.refresh_from_db()
    assert item.status == QueueStatus.RESOLVED
    assert item.outcome == "Declined"
    notification = Notification.objects.get(recipient=member)
    decision = notification.moderation_action
    assert decision.action == ActionKind.PROPOSAL_DECLINED
    assert decision.reason == reason
    page = signed_in(member).get(f"/moderation/decisions/{decision.pk}/").content.decode()
    assert "Peers read your idea for an article and decided not to take it on." in page
    assert escape(reason) in page


def test_a_declined_idea_is_not_in_the_public_moderation_log(
    proposal, moderator_client, member, client
):
    item = item_for(proposal)
    reason = "We have this already: see Smoking more safely."
    moderator_client.post(
        f"/moderation/articles/{item.pk}/decide-idea/", {"decision": "decline", "reason": reason}
    )

    assert (
        not ModerationAction.objects.public().filter(action=ActionKind.PROPOSAL_DECLINED).exists()
    )
    assert escape(reason) not in client.get("/moderation/log/").content.decode()
    assert escape(reason) not in signed_in(member).get("/moderation/log/").content.decode()
    # Peer moderators' own view of the log lists every decision, this one too.
    assert escape(reason) in moderator_client.get("/moderation/log/").content.decode()


def test_a_peer_reviewer_who_is_not_a_moderator_never_sees_an_idea(proposal, reviewer):
    item = item_for(proposal)
    client = signed_in(reviewer)

    response = client.get(item.get_absolute_url())
    queue = client.get("/moderation/queue/").content.decode()

    assert response.status_code == 404
    assert IDEA["title"] not in queue
    assert "?kind=article_proposal" not in queue


def test_a_peer_moderator_gets_the_forms_to_decide_an_idea(proposal, moderator_client):
    item = item_for(proposal)

    page = moderator_client.get(item.get_absolute_url()).content.decode()

    assert f"/moderation/articles/{item.pk}/decide-idea/" in page
    assert 'name="reason"' in page
    assert 'value="accept"' in page


@pytest.mark.parametrize(
    "decision", [{"decision": "accept"}, {"decision": "decline", "reason": "Not for us."}]
)
def test_a_peer_reviewer_who_is_not_a_moderator_cannot_decide_an_idea(
    proposal, reviewer, peer_author, decision
):
    item = item_for(proposal)

    response = signed_in(reviewer).post(
        f"/moderation/articles/{item.pk}/decide-idea/", {**decision, "author": peer_author.pk}
    )

    assert response.status_code == 404
    assert refreshed(proposal).status == ProposalStatus.OPEN
    assert refreshed(item).is_open
    assert not ArticlePage.objects.filter(title=IDEA["title"]).exists()


def test_a_silenced_member_cannot_send_an_idea_and_is_told_why(member_client, member, home):
    member.silenced_until = timezone.now() + timedelta(days=3)
    member.save()

    response = member_client.post(PROPOSE, IDEA)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [read_only_note(member)]
    assert not ArticleProposal.objects.exists()


def queue_cost(user) -> tuple[int, int]:
    """How many items the queue page lists for `user`, and what it costs."""
    visitor = signed_in(user)
    visitor.get(QUEUE)  # warm: per-user rows created on a first visit
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(QUEUE)
    return len(item_links(response.content.decode())), len(queries)


def test_the_queue_costs_the_same_with_1_and_6_suggestions_and_ideas(member, peer_moderator, home):
    member.trust_level = 1  # more ideas a day than a brand-new member may send
    member.save()

    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            article = make_article(title=f"Article {number}")
            suggestion_create(article=article, member=member, text=f"Suggestion {number}.")
            proposal_create(
                member=member, title=f"Idea {number}", outline="An outline.", why="Why."
            )

    add(1, start=0)
    small_count, small_cost = queue_cost(peer_moderator)
    add(5, start=1)
    large_count, large_cost = queue_cost(peer_moderator)

    assert (small_count, large_count) == (2, 12)
    assert small_cost == large_cost
    assert large_cost <= QUEUE_PAGE_QUERY_BOUND


# ---- was this helpful? ----------------------------------------------------


def test_a_members_answer_is_recorded_once_and_answering_again_changes_it(
    member_client, member, article
):
    first = member_client.post(helpful_url(article), {"helpful": "yes"})

    assert first.status_code == 302
    assert first["Location"] == f"{article.url}#helpful"
    assert ArticleFeedback.objects.get(article=article, member=member).helpful is True

    member_client.post(helpful_url(article), {"helpful": "no"})

    feedback = ArticleFeedback.objects.get()
    assert feedback.member == member
    assert feedback.helpful is False


def test_a_members_answer_is_kept_per_article(member_client, member, article):
    other = make_article(title="Naloxone basics")

    member_client.post(helpful_url(article), {"helpful": "yes"})
    member_client.post(helpful_url(other), {"helpful": "no"})

    answers = dict(
        ArticleFeedback.objects.filter(member=member).values_list("article_id", "helpful")
    )
    assert answers == {article.pk: True, other.pk: False}


def test_the_article_shows_a_member_their_own_answer(member_client, article):
    member_client.post(helpful_url(article), {"helpful": "no"})

    response = member_client.get(article.url)

    assert response.context["my_answer"] is False
    assert "Thanks, your answer is counted. You can change it." in response.content.decode()


def test_a_visitor_answers_once_per_browser_session(client, article):
    client.post(helpful_url(article), {"helpful": "yes"})
    feedback = ArticleFeedback.objects.get()
    assert feedback.member is None
    assert feedback.helpful is True

    client.post(helpful_url(article), {"helpful": "no"})

    assert list(ArticleFeedback.objects.values_list("pk", "helpful")) == [(feedback.pk, False)]
    assert client.get(article.url).context["my_answer"] is False

    Client().post(helpful_url(article), {"helpful": "yes"})

    assert ArticleFeedback.objects.count() == 2
    assert ArticleFeedback.objects.filter(helpful=True, member__isnull=True).count() == 1


def test_no_ip_address_is_kept_with_a_visitors_answer(client, article):
    client.post(helpful_url(article), {"helpful": "yes"}, REMOTE_ADDR=VISITOR_IP)

    feedback = ArticleFeedback.objects.get()
    fields = {field.attname for field in ArticleFeedback._meta.concrete_fields}
    assert fields == {"id", "article_id", "member_id", "helpful", "created_at", "updated_at"}
    for field in fields:
        assert VISITOR_IP not in str(getattr(feedback, field))
    assert dict(client.session.items()) == {SESSION_FEEDBACK_KEY: {str(article.pk): feedback.pk}}


def test_no_table_holds_the_ip_address_of_a_visitor_who_answered(client, article):
    if connection.vendor != "postgresql":
        pytest.skip("reads every row as text, which needs PostgreSQL")

    client.post(helpful_url(article), {"helpful": "yes"}, REMOTE_ADDR=VISITOR_IP)
    client.post(helpful_url(article), {"helpful": "no"}, REMOTE_ADDR=VISITOR_IP)

    holding = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*) FROM {quoted} AS t WHERE t::text LIKE %s",  # noqa: S608
                [f"%{VISITOR_IP}%"],
            )
            if cursor.fetchone()[0]:
                holding.append(table)
    assert ArticleFeedback.objects.filter(helpful=False).count() == 1
    assert holding == []


def test_looking_at_the_helpful_address_stores_nothing_and_goes_back_to_the_article(
    client, article
):
    response = client.get(helpful_url(article), {"helpful": "yes"})

    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#helpful"
    assert not ArticleFeedback.objects.exists()
    assert SESSION_FEEDBACK_KEY not in client.session


@pytest.mark.parametrize("answer", [{"helpful": "maybe"}, {"helpful": ""}, {}])
def test_an_answer_that_is_not_yes_or_no_stores_nothing_and_says_so(client, article, answer):
    response = client.post(helpful_url(article), answer, follow=True)

    assert response.redirect_chain == [(f"{article.url}#helpful", 302)]
    assert "Choose yes or no." in response.content.decode()
    assert not ArticleFeedback.objects.exists()


def test_most_helpful_on_the_knowledge_base_follows_the_yes_answers(client, home, member):
    strips = make_article(title="Fentanyl test strips")
    naloxone = make_article(title="Naloxone basics")
    mixing = make_article(title="Mixing depressants")
    helpful_vote_record(article=strips, helpful=True, member=None, session={})
    for person in (member, None):
        helpful_vote_record(article=naloxone, helpful=True, member=person, session={})
    for _visitor in range(3):
        helpful_vote_record(article=mixing, helpful=False, member=None, session={})

    page = client.get("/kb/").content.decode()

    most_helpful = section_of(page, "most-helpful", "all-articles")
    assert "Mixing depressants" not in most_helpful
    assert most_helpful.index("Naloxone basics") < most_helpful.index("Fentanyl test strips")
    assert "2 people found this helpful" in most_helpful
    assert "1 person found this helpful" in most_helpful

    for _visitor in range(2):
        helpful_vote_record(article=strips, helpful=True, member=None, session={})

    most_helpful = section_of(client.get("/kb/").content.decode(), "most-helpful", "all-articles")
    assert most_helpful.index("Fentanyl test strips") < most_helpful.index("Naloxone basics")


# ---- export and erasure ---------------------------------------------------


@pytest.fixture
def contributions(member, article):
    """A member who suggested, proposed, answered, and wrote an article."""
    profile = AuthorProfile.objects.for_member(member)
    profile.pseudonym = "River K."
    profile.lived_experience = "Used opioids for ten years; peer worker since 2019."
    profile.save()
    written = make_article(title="Naloxone basics", author=profile)
    suggestion = suggestion_create(
        article=article,
        member=member,
        section="Before you start",
        text="Say how long to wait after a tester shot.",
    )
    proposal = proposal_create(member=member, **IDEA)
    helpful_vote_record(article=article, helpful=True, member=member, session={})
    return {"profile": profile, "written": written, "suggestion": suggestion, "proposal": proposal}


def test_a_members_export_holds_their_suggestions_ideas_answers_and_author_profile(
    member, contributions
):
    today = timezone.now().strftime("%Y-%m-%d")

    exported = member_export(user=member)

    assert exported["article_suggestions"] == [
        {
            "date": today,
            "article": "Tester shots",
            "section": "Before you start",
            "suggestion": "Say how long to wait after a tester shot.",
        }
    ]
    assert exported["article_ideas"] == [
        {
            "date": today,
            "title": IDEA["title"],
            "outline": IDEA["outline"],
            "why": IDEA["why"],
            "status": "Waiting for a peer moderator",
        }
    ]
    assert exported["was_this_helpful_answers"] == [{"article": "Tester shots", "helpful": True}]
    assert exported["peer_author_profile"] == {
        "name_on_articles": "River K.",
        "lived_experience": "Used opioids for ten years; peer worker since 2019.",
        "link_to_forum_profile": False,
        "articles_credited": ["Naloxone basics"],
    }


def test_a_members_export_holds_nothing_of_anyone_elses(member, contributions, article):
    other = UserFactory(username="ash")
    suggestion_create(article=article, member=other, text="Someone else's suggestion.")
    helpful_vote_record(article=article, helpful=False, member=other, session={})

    exported = member_export(user=member)

    assert len(exported["article_suggestions"]) == 1
    assert len(exported["was_this_helpful_answers"]) == 1
    assert member_export(user=other)["peer_author_profile"] is None


def test_erasing_a_member_deletes_their_suggestions_ideas_and_answers(
    member, contributions, article
):
    other = UserFactory(username="ash")
    kept = suggestion_create(article=article, member=other, text="Someone else's suggestion.")
    helpful_vote_record(article=article, helpful=False, member=other, session={})

    member_erase(user=member)

    assert list(ArticleSuggestion.objects.all()) == [kept]
    assert not ArticleProposal.objects.exists()
    assert list(ArticleFeedback.objects.values_list("member", flat=True)) == [other.pk]


def test_erasing_a_member_closes_their_open_queue_items(member, contributions, article):
    other = UserFactory(username="ash")
    kept = suggestion_create(article=article, member=other, text="Someone else's suggestion.")
    items = [item_for(contributions["suggestion"]), item_for(contributions["proposal"])]

    member_erase(user=member)

    for item in items:
        item.refresh_from_db()
        assert item.status == QueueStatus.RESOLVED
        assert item.outcome == "The member deleted their account."
    assert item_for(kept).is_open


def test_articles_an_erased_member_wrote_stay_credited_to_a_peer(member, contributions, client):
    written = contributions["written"]
    before = client.get(written.url).content.decode()
    assert "River K." in before

    member_erase(user=member)

    profile = AuthorProfile.objects.get(pk=contributions["profile"].pk)
    assert profile.member is None
    assert profile.pseudonym == ""
    assert profile.lived_experience == ""
    assert list(ArticleAuthor.objects.filter(page=written).values_list("author", flat=True)) == [
        profile.pk
    ]
    page = client.get(written.url).content.decode()
    assert ArticlePage.objects.get(pk=written.pk).live
    assert "River K." not in page
    assert "peer worker since 2019" not in page
    assert "<strong>a peer</strong> (wrote it)" in page


def test_an_erased_members_author_profile_leaves_nothing_in_the_search_index(member, contributions):
    profile = contributions["profile"]
    search_backend = get_search_backend()
    assert search_backend.search("River", AuthorProfile).count() == 1

    member_erase(user=member)

    assert search_backend.search("River", AuthorProfile).count() == 0
    assert search_backend.search("peer worker", AuthorProfile).count() == 0
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AuthorProfile), object_id=str(profile.pk)
    )
    indexed = " ".join(str(value) for entry in entries.values() for value in entry.values())
    assert "river" not in indexed.lower()
    assert "2019" not in indexed


def test_the_member_whose_idea_was_accepted_reads_which_idea_and_no_appeal_form(
    proposal, member, moderator_client, peer_author
):
    accept_idea(moderator_client, proposal, peer_author)
    notification = Notification.objects.get(recipient=member)

    page = (
        signed_in(member)
        .get(f"/moderation/decisions/{notification.moderation_action_id}/")
        .content.decode()
    )
    listing = signed_in(member).get("/notifications/").content.decode()

    assert escape(IDEA["title"]) in page
    assert "Appeal" not in page
    assert "See more." in listing and "See why." not in listing
