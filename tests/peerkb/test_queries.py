"""Reads the knowledge base's models offer its pages and services
(peerkb/models/): tags with their counts, a reader's own answer, a peer's profile."""

import pytest

from peerkb.contributions import helpful_vote_record
from peerkb.models import ArticleFeedback, ArticlePage, AuthorProfile, TopicTag
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_tags_are_counted_only_on_the_articles_asked_about(home):
    make_article(title="Naloxone basics", topics=("naloxone",))
    make_article(title="Naloxone spray", topics=("naloxone", "sprays"))
    hidden = make_article(title="Kept back", topics=("naloxone", "kept back"))

    filed = TopicTag.objects.filed_on(ArticlePage.objects.exclude(pk=hidden.pk))

    assert [(tag.name, tag.article_count) for tag in filed] == [("naloxone", 2), ("sprays", 1)]


def test_a_visitors_answer_is_found_by_their_session_and_a_members_by_their_account(home, member):
    article = make_article()
    session = {}
    helpful_vote_record(article=article, helpful=False, member=None, session=session)
    helpful_vote_record(article=article, helpful=True, member=member, session={})
    answer_of = ArticleFeedback.objects.answer_of

    assert answer_of(article=article, member=None, session=session) is False
    assert answer_of(article=article, member=member, session={}) is True
    assert answer_of(article=article, member=None, session={}) is None


def test_a_peer_has_one_author_profile_made_the_first_time_it_is_asked_for(member):
    first = AuthorProfile.objects.for_member(member)

    assert AuthorProfile.objects.for_member(member) == first
    assert AuthorProfile.objects.filter(member=member).count() == 1
    assert str(first) == "a peer"
