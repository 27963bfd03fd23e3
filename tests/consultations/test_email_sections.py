"""Consultations' part of a member's email digest
(consultations/email_sections.py): open drafts they haven't answered, in the
one digest whose period saw them start closing soon."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from consultations.email_sections import (
    CLOSES_SOON,
    closing_soon_section,
    closing_soon_since,
    day_start,
)
from consultations.models import PolicyDraftPage
from notifications.emails import digest_sections
from notifications.models import EmailPreference
from notifications.preferences import preference_for, preferences_change
from notifications.sending import digest_batch_send
from tests.consultations.factories import make_draft, make_organization, make_response

pytestmark = pytest.mark.django_db

KEY = "consultations_closing"
LONG_AGO = timedelta(days=60)


@pytest.fixture
def organization(home):
    return make_organization()


def today():
    return timezone.localdate()


def draft_closing_in(organization, days: int, *, title="Changing our hours", opened_days_ago=30):
    """A live draft, published long ago, whose last day is `days` from today."""
    draft = make_draft(
        organization,
        title=title,
        opens_on=today() - timedelta(days=opened_days_ago),
        closes_on=today() + timedelta(days=days),
    )
    PolicyDraftPage.objects.filter(pk=draft.pk).update(first_published_at=timezone.now() - LONG_AGO)
    draft.refresh_from_db()
    return draft


def section_of(member, *, since, until, detailed=False):
    preference = preference_for(member)
    preference.detailed = detailed
    sections = digest_sections(member, preference, since=since, until=until)
    found = [section for section in sections if section.key == KEY]
    return found[0] if found else None


def last_week():
    now = timezone.now()
    return {"since": now - timedelta(days=7), "until": now}


def test_a_daily_digest_mentions_a_draft_closing_soon_once(organization, member):
    draft_closing_in(organization, 5)
    days = [today() - timedelta(days=back) for back in range(10, 0, -1)]

    counts = [
        getattr(
            section_of(member, since=day_start(day), until=day_start(day + timedelta(days=1))),
            "count",
            0,
        )
        for day in days
    ]

    # It started closing soon a week before its last day: two days ago.
    assert counts == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert days[8] == today() + timedelta(days=5) - CLOSES_SOON


def test_the_phrase_counts_drafts_in_plain_words(organization, member):
    draft_closing_in(organization, 3, title="Changing our hours")

    section = section_of(member, **last_week())
    assert (section.count, section.phrase) == (1, "1 consultation closes soon")

    draft_closing_in(organization, 6, title="Changing our exchange policy")

    section = section_of(member, **last_week())
    assert (section.count, section.phrase) == (2, "2 consultations close soon")
    assert section.items == []


def test_a_draft_closing_in_ten_days_is_not_mentioned_yet(organization, member):
    draft_closing_in(organization, 10)

    assert section_of(member, **last_week()) is None


def test_a_draft_the_member_answered_is_not_mentioned_but_one_they_only_started_is(
    organization, member
):
    answered = draft_closing_in(organization, 3, title="Changing our hours")
    started = draft_closing_in(organization, 4, title="Changing our exchange policy")
    make_response(answered, respondent=member)
    make_response(started, respondent=member, submitted=False)

    section = section_of(member, detailed=True, **last_week())

    assert [item.title for item in section.items] == ["Changing our exchange policy"]


def test_drafts_not_open_not_live_or_private_are_never_mentioned(organization, member):
    upcoming = make_draft(
        organization,
        title="Opens next week",
        opens_on=today() + timedelta(days=7),
        closes_on=today() + timedelta(days=12),
    )
    closed_early = draft_closing_in(organization, 3, title="Closed early")
    PolicyDraftPage.objects.filter(pk=closed_early.pk).update(closed_at=timezone.now())
    draft_closing_in(organization, 1, title="Not published").unpublish()
    private = draft_closing_in(organization, 2, title="Behind a password")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert upcoming.live

    week_ahead = {"since": timezone.now() - timedelta(days=7), "until": timezone.now()}
    assert section_of(member, detailed=True, **week_ahead) is None


def test_a_short_consultation_counts_from_the_day_it_opens(organization, member):
    draft = draft_closing_in(organization, 3, opened_days_ago=1)

    assert closing_soon_since(draft) == day_start(today() - timedelta(days=1))
    assert section_of(member, since=day_start(today() - timedelta(days=1)), until=timezone.now())
    assert section_of(member, since=day_start(today()), until=timezone.now()) is None


def test_a_draft_published_late_counts_from_when_it_was_published(organization, member):
    draft = draft_closing_in(organization, 3)
    published = timezone.now() - timedelta(hours=1)
    PolicyDraftPage.objects.filter(pk=draft.pk).update(first_published_at=published)
    now = timezone.now()

    assert section_of(member, since=now - timedelta(days=7), until=published) is None
    assert section_of(member, since=published, until=now).count == 1


def test_a_detailed_digest_lists_each_drafts_title_and_link(organization, member, settings):
    settings.SITE_URL = "https://wwa.example"
    draft = draft_closing_in(organization, 3)

    section = section_of(member, detailed=True, **last_week())

    [item] = section.items
    assert item.title == "Changing our hours"
    assert item.url == f"https://wwa.example{draft.url}"
    assert item.url.startswith("https://wwa.example/consultations/")


def queries_for_section(member, *, detailed: bool) -> int:
    period = last_week()
    closing_soon_section(member, period["since"], period["until"], detailed)
    with CaptureQueriesContext(connection) as queries:
        section = closing_soon_section(member, period["since"], period["until"], detailed)
    assert section is not None
    return len(queries)


def test_the_section_costs_two_queries_however_many_drafts(organization, member):
    draft_closing_in(organization, 2, title="Draft 0")
    few = (queries_for_section(member, detailed=False), queries_for_section(member, detailed=True))

    for number in range(1, 6):
        draft = draft_closing_in(organization, 2 + number % 4, title=f"Draft {number}")
        if number % 2:
            make_response(draft, respondent=member)
    many = (queries_for_section(member, detailed=False), queries_for_section(member, detailed=True))

    assert few == many == (2, 2)


def test_the_digest_email_counts_drafts_closing_soon_without_naming_them(organization, member):
    EmailAddress.objects.create(user=member, email="river@example.org", verified=True)
    preferences_change(member=member, digest="daily")
    EmailPreference.objects.filter(member=member).update(
        next_digest_at=timezone.now() - timedelta(minutes=1)
    )
    draft = draft_closing_in(organization, 3)
    PolicyDraftPage.objects.filter(pk=draft.pk).update(
        first_published_at=timezone.now() - timedelta(hours=2)
    )

    assert digest_batch_send(member_ids=[member.pk]) == 1

    [email] = mail.outbox
    [(html, _kind)] = email.alternatives
    for part in (email.body, html):
        assert "1 consultation closes soon" in part
        assert "Changing our hours" not in part and "Riverside" not in part
