"""The knowledge base's part of a member's email digest
(peerkb/email_sections.py): new and updated articles in the topics they
follow, counted in a discreet email and listed in a detailed one."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from notifications.emails import digest_sections
from notifications.models import EmailPreference
from notifications.preferences import preference_for, preferences_change
from notifications.sending import digest_batch_send
from peerkb.email_sections import ARTICLES_LISTED, followed_articles_section
from peerkb.following import topic_following_set
from peerkb.models import ArticlePage, TopicTag
from tests.factories import UserFactory, make_article

pytestmark = pytest.mark.django_db

KEY = "followed_topics"


@pytest.fixture
def period():
    """Since an hour ago until a minute from now: what a digest sent now covers."""
    now = timezone.now()
    return {"since": now - timedelta(hours=1), "until": now + timedelta(minutes=1)}


def follow(member, *names):
    for name in names:
        topic_following_set(member=member, topic=TopicTag.objects.get(name=name), following=True)


def preference(member, *, detailed=False):
    choices = preference_for(member)
    choices.detailed = detailed
    return choices


def section_of(member, period, *, detailed=False):
    sections = digest_sections(member, preference(member, detailed=detailed), **period)
    found = [section for section in sections if section.key == KEY]
    return found[0] if found else None


def published_days_ago(article, days: int) -> None:
    moment = timezone.now() - timedelta(days=days)
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=moment, last_published_at=moment
    )


def test_a_new_article_in_a_followed_topic_is_counted_in_plain_words(home, member, period):
    make_article(title="Naloxone spray", topics=("naloxone",))
    make_article(title="Wound care", topics=("wounds",))
    follow(member, "naloxone")

    section = section_of(member, period)

    assert section.count == 1
    assert section.phrase == "1 new or updated article in topics you follow"
    assert section.items == []


def test_nothing_is_counted_for_a_member_who_follows_nothing(home, member, period):
    make_article(title="Naloxone spray", topics=("naloxone",))
    follow(UserFactory(), "naloxone")

    assert section_of(member, period) is None


def test_an_article_in_two_followed_topics_counts_once(home, member, period):
    make_article(title="Naloxone spray", topics=("naloxone", "overdose"))
    make_article(title="Rescue breaths", topics=("overdose",))
    follow(member, "naloxone", "overdose")

    section = section_of(member, period)

    assert section.count == 2
    assert section.phrase == "2 new or updated articles in topics you follow"


def test_an_article_published_before_the_period_counts_only_once_it_is_updated(
    home, member, period
):
    article = make_article(title="Naloxone spray", topics=("naloxone",))
    follow(member, "naloxone")
    published_days_ago(article, 3)
    assert section_of(member, period) is None

    article.save_revision().publish()

    assert section_of(member, period).count == 1


def test_an_article_published_after_the_period_waits_for_the_next_digest(home, member):
    now = timezone.now()
    make_article(title="Naloxone spray", topics=("naloxone",))
    follow(member, "naloxone")

    assert section_of(member, {"since": now - timedelta(days=1), "until": now}) is None
    assert section_of(member, {"since": now, "until": now + timedelta(days=1)}).count == 1


def test_drafts_unpublished_and_private_articles_never_count(home, member, period):
    make_article(title="Draft about naloxone", topics=("naloxone",), live=False)
    taken_down = make_article(title="Taken down", topics=("naloxone",))
    taken_down.unpublish()
    private = make_article(title="Behind a password", topics=("naloxone",))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    follow(member, "naloxone")

    assert section_of(member, period) is None
    assert section_of(member, period, detailed=True) is None


def test_a_detailed_digest_lists_each_articles_title_link_and_summary(
    home, member, period, settings
):
    settings.SITE_URL = "https://wwa.example"
    make_article(
        title="Naloxone spray",
        topics=("naloxone",),
        summary="How to carry   it, use it and store it. " + "More words here. " * 12,
    )
    follow(member, "naloxone")

    section = section_of(member, period, detailed=True)

    [item] = section.items
    assert item.title == "Naloxone spray"
    assert item.url == "https://wwa.example/kb/naloxone-spray/"
    assert item.excerpt.startswith("How to carry it, use it and store it.")
    assert item.excerpt.endswith("…") and len(item.excerpt) <= 140


def test_a_detailed_digest_lists_the_newest_few_and_counts_them_all(home, member, period):
    for number in range(ARTICLES_LISTED + 2):
        article = make_article(title=f"Naloxone note {number}", topics=("naloxone",))
        ArticlePage.objects.filter(pk=article.pk).update(
            last_published_at=timezone.now() - timedelta(minutes=50 - number)
        )
    follow(member, "naloxone")

    section = section_of(member, period, detailed=True)

    assert section.count == ARTICLES_LISTED + 2
    assert len(section.items) == ARTICLES_LISTED
    assert section.items[0].title == f"Naloxone note {ARTICLES_LISTED + 1}"


def queries_for_section(member, period, *, detailed: bool) -> int:
    followed_articles_section(member, period["since"], period["until"], detailed)
    with CaptureQueriesContext(connection) as queries:
        section = followed_articles_section(member, period["since"], period["until"], detailed)
    assert section is not None
    return len(queries)


def test_the_section_costs_two_queries_however_many_topics_and_articles(home, member, period):
    make_article(title="Naloxone spray", topics=("naloxone",))
    follow(member, "naloxone")
    few = (
        queries_for_section(member, period, detailed=False),
        queries_for_section(member, period, detailed=True),
    )

    for number in range(15):
        make_article(title=f"Note {number}", topics=(f"topic {number}", "naloxone"))
        follow(member, f"topic {number}")
    many = (
        queries_for_section(member, period, detailed=False),
        queries_for_section(member, period, detailed=True),
    )

    assert few == many == (2, 2)


def test_the_digest_email_counts_followed_articles_without_naming_them(home, member):
    EmailAddress.objects.create(user=member, email="river@example.org", verified=True)
    preferences_change(member=member, digest="daily")
    EmailPreference.objects.filter(member=member).update(
        next_digest_at=timezone.now() - timedelta(minutes=1)
    )
    make_article(title="Naloxone spray", topics=("naloxone",))
    follow(member, "naloxone")

    assert digest_batch_send(member_ids=[member.pk]) == 1

    [email] = mail.outbox
    [(html, _kind)] = email.alternatives
    for part in (email.body, html):
        assert "1 new or updated article in topics you follow" in part
        assert "Naloxone spray" not in part and "naloxone" not in part.lower()
