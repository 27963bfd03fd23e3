"""The knowledge base's kinds of review-queue item: peerkb/queue.py. Each kind
brings what its item's page needs besides the item."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from moderation.models import QueueItem
from moderation.queue import kind_of
from peerkb import queue
from peerkb.contributions import proposal_create, suggestion_create
from peerkb.forms import ProposalAcceptForm, ProposalDeclineForm, SuggestionCloseForm
from peerkb.models import ArticlePage, AuthorProfile
from peerkb.review import articles_review_due_queue
from tests.factories import make_article, make_peer

pytestmark = pytest.mark.django_db


def item_for(subject) -> QueueItem:
    return QueueItem.objects.get(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    )


def make_overdue(article) -> None:
    ArticlePage.objects.filter(pk=article.pk).update(review_due_at=timezone.now())


def page_context(item, user) -> dict:
    """What the queue's item page adds for this item's kind."""
    return kind_of(item).context(item, user)


@pytest.fixture
def article(home):
    return make_article(title="Tester shots")


def test_each_kind_brings_its_own_page_context():
    contexts = {queue.REVIEW_DUE.context, queue.SUGGESTION.context, queue.PROPOSAL.context}

    assert None not in contexts
    assert len(contexts) == 3


def test_an_article_review_item_gives_the_article_its_editor_and_whether_the_viewer_may_mark_it(
    article,
):
    make_overdue(article)
    articles_review_due_queue()
    item = item_for(article)
    reviewer = make_peer("rio", "Peer reviewers")

    context = page_context(item, reviewer)

    assert context["article"] == article
    assert context["editor_url"] == f"/admin/pages/{article.pk}/edit/"
    assert context["cannot_mark"] == ""


def test_an_article_review_item_tells_its_author_they_cannot_mark_it(home):
    author = make_peer("dee", "Peer authors", "Peer reviewers")
    article = make_article(title="Mine", author=AuthorProfile.objects.for_member(author))
    make_overdue(article)
    articles_review_due_queue()

    context = page_context(item_for(article), author)

    assert "You wrote this article" in str(context["cannot_mark"])


def test_a_suggestion_item_gives_the_article_and_an_empty_form_to_close_it(article, member):
    suggestion = suggestion_create(article=article, member=member, text="Say more on strips.")
    reviewer = make_peer("rio", "Peer reviewers")

    context = page_context(item_for(suggestion), reviewer)

    assert context["article"] == article
    assert context["editor_url"] == f"/admin/pages/{article.pk}/edit/"
    assert isinstance(context["close_form"], SuggestionCloseForm)
    assert not context["close_form"].is_bound


def test_an_idea_item_gives_the_forms_to_accept_or_decline_it(member, home, peer_moderator):
    proposal = proposal_create(
        member=member, title="Using alone", outline="Spotting services.", why="It happens."
    )

    context = page_context(item_for(proposal), peer_moderator)

    assert set(context) == {"accept_form", "decline_form"}
    assert isinstance(context["accept_form"], ProposalAcceptForm)
    assert isinstance(context["decline_form"], ProposalDeclineForm)


def test_an_item_whose_article_is_gone_shows_no_article(article, member):
    suggestion = suggestion_create(article=article, member=member, text="Say more on strips.")
    item = item_for(suggestion)
    suggestion.delete()
    item = QueueItem.objects.get(pk=item.pk)

    context = page_context(item, make_peer("rio", "Peer reviewers"))

    assert context["article"] is None
    assert context["editor_url"] == ""
