import datetime

import pytest

from django.utils import timezone

from consultations.models import DraftStatus, PolicyDraftPage

from .factories import make_draft, make_organization, make_response

pytestmark = pytest.mark.django_db


def test_a_draft_takes_its_organization_from_the_space_it_is_written_in(home):
    organization = make_organization(staff=["casey_staff"])
    draft = make_draft(organization)

    assert draft.organization == organization
    assert draft.url == f"/consultations/{organization.slug}/{draft.slug}/"


def test_a_drafts_status_follows_its_dates_and_its_report(home):
    organization = make_organization()
    today = timezone.localdate()
    draft = make_draft(
        organization,
        opens_on=today + datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=9),
    )

    assert draft.status_on(today) == DraftStatus.UPCOMING
    assert draft.status_on(today + datetime.timedelta(days=2)) == DraftStatus.OPEN
    assert draft.status_on(today + datetime.timedelta(days=9)) == DraftStatus.OPEN
    assert draft.status_on(today + datetime.timedelta(days=10)) == DraftStatus.CLOSED


def test_a_sections_key_survives_a_rename_in_a_new_revision(home):
    organization = make_organization()
    draft = make_draft(organization)
    section = draft.sections.first()
    key = section.key

    editing = PolicyDraftPage.objects.get(pk=draft.pk)
    sections = list(editing.sections.all())
    sections[0].heading = "When we are open"
    editing.sections = sections
    editing.save_revision().publish()

    renamed = PolicyDraftPage.objects.get(pk=draft.pk).sections.first()
    assert renamed.heading == "When we are open"
    assert renamed.key == key


def test_a_response_has_a_random_public_id(home):
    organization = make_organization()
    draft = make_draft(organization)
    first, second = make_response(draft), make_response(draft)

    assert len(first.public_id) == 16 and first.public_id != second.public_id
