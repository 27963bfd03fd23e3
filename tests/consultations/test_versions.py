"""Revised versions of a draft (consultations/services/versions.py) and what
changed between them (consultations/changes.py, the changes/ route)."""

import datetime
import html

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultations.changes import Segment, sections_compared, word_diff
from consultations.models import DraftSection, HeardReport, PolicyDraftPage
from consultations.services.versions import draft_revision_start
from tests.factories import UserFactory, make_peer

from .factories import make_draft, make_organization, many_sections

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def riverside(home):
    return make_organization(staff=["casey_staff"])


@pytest.fixture
def casey(riverside):
    return riverside.staff_group.user_set.get()


def closed(organization, **fields):
    today = timezone.localdate()
    return make_draft(
        organization,
        opens_on=today - 30 * DAY,
        closes_on=today - 10 * DAY,
        report_by=today + 20 * DAY,
        **fields,
    )


def published(draft) -> PolicyDraftPage:
    """Publish the latest revision of `draft`, as the community check does."""
    draft.get_latest_revision().publish()
    return PolicyDraftPage.objects.get(pk=draft.pk)


def revised(draft, *, sections):
    """Give `draft`'s version 2 these sections (key of an old one, or None for a
    new one; heading; text) and publish it."""
    editing = PolicyDraftPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    by_key = {section.key: section for section in editing.sections.all()}
    kept = []
    for order, (key, heading, text) in enumerate(sections):
        section = by_key.get(key) or DraftSection()
        section.heading, section.text, section.sort_order = heading, text, order
        kept.append(section)
    editing.sections = kept
    editing.save_revision()
    return published(editing)


# ---- starting a revised version ---------------------------------------------------


def test_staff_start_a_revised_version_that_copies_the_draft_and_keeps_section_keys(
    riverside, casey
):
    first = closed(riverside)

    second = draft_revision_start(draft=first, user=casey)

    assert second.pk != first.pk
    assert second.revises_id == first.pk
    assert second.slug == f"{first.slug}-v2"
    assert not second.live
    assert second.get_parent().pk == first.get_parent().pk
    assert [s.key for s in second.sections.all()] == [s.key for s in first.sections.all()]
    assert [s.heading for s in second.sections.all()] == [s.heading for s in first.sections.all()]
    assert second.title == first.title
    assert second.version_number() == 2
    assert first.sections.count() == 3


def test_a_revised_version_opens_today_for_as_long_as_the_first_did(riverside, casey):
    first = closed(riverside)

    second = draft_revision_start(draft=first, user=casey)

    today = timezone.localdate()
    assert second.opens_on == today
    assert second.closes_on == today + (first.closes_on - first.opens_on)
    assert second.report_by - second.closes_on == first.report_by - first.closes_on
    assert second.closed_at is None


def test_responses_and_the_report_stay_with_the_first_version(riverside, casey):
    from .factories import make_response

    first = closed(riverside)
    make_response(first)
    HeardReport.objects.create(draft=first, body="We heard.", published_at=timezone.now())

    second = draft_revision_start(draft=first, user=casey)

    assert first.responses.count() == 1
    assert second.responses.count() == 0
    assert not HeardReport.objects.filter(draft=second).exists()


def test_starting_again_opens_the_version_already_started(riverside, casey):
    first = closed(riverside)

    second = draft_revision_start(draft=first, user=casey)
    again = draft_revision_start(draft=first, user=casey)

    assert again.pk == second.pk
    assert PolicyDraftPage.objects.count() == 2


def test_a_third_version_is_v3(riverside, casey):
    first = closed(riverside)
    second = published(draft_revision_start(draft=first, user=casey))
    PolicyDraftPage.objects.filter(pk=second.pk).update(
        opens_on=first.opens_on, closes_on=first.closes_on, report_by=first.report_by
    )

    third = draft_revision_start(draft=PolicyDraftPage.objects.get(pk=second.pk), user=casey)

    assert third.slug == f"{first.slug}-v3"
    assert third.version_number() == 3


def test_only_the_organizations_staff_can_start_a_revised_version(riverside, home):
    first = closed(riverside)
    other = make_organization("Hillside Health", staff=["bo_staff"], verified_by=UserFactory())
    bo = other.staff_group.user_set.get()
    moderator = make_peer("jules", "Peer moderators")

    for outsider in (bo, moderator, UserFactory(username="river")):
        with pytest.raises(PermissionDenied):
            draft_revision_start(draft=first, user=outsider)
    assert not PolicyDraftPage.objects.filter(revises=first).exists()


def test_a_revised_version_waits_until_the_consultation_closes(riverside, casey):
    still_open = make_draft(riverside)

    with pytest.raises(ValidationError, match="once this consultation has closed"):
        draft_revision_start(draft=still_open, user=casey)


# ---- from the draft's page and the admin --------------------------------------------


def test_staff_see_a_button_for_a_revised_version_on_a_closed_draft(riverside, casey, client):
    first = closed(riverside)

    client.force_login(casey)
    page = client.get(first.url).content.decode()
    client.force_login(UserFactory(username="river"))
    member_page = client.get(first.url).content.decode()

    assert f'action="/admin/consultations/drafts/{first.pk}/revise/"' in page
    assert "Start a revised version" in page
    assert "Start a revised version" not in member_page
    assert "/revise/" not in member_page


def test_the_button_copies_the_draft_and_opens_the_copy_in_the_editor(riverside, casey, client):
    first = closed(riverside)
    client.force_login(casey)

    response = client.post(f"/admin/consultations/drafts/{first.pk}/revise/", follow=True)

    second = PolicyDraftPage.objects.get(revises=first)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{second.pk}/edit/"
    assert "This is version 2" in html.unescape(response.content.decode())
    page = client.get(first.url).content.decode()
    assert f'href="/admin/pages/{second.pk}/edit/">Edit the revised version' in page


def test_the_admin_offers_a_revised_version_in_the_drafts_menu(riverside, casey, client):
    first = closed(riverside)
    client.force_login(casey)

    editor = client.get(f"/admin/pages/{first.pk}/edit/").content.decode()
    confirm = client.get(f"/admin/consultations/drafts/{first.pk}/revise/").content.decode()

    assert f"/admin/consultations/drafts/{first.pk}/revise/" in editor
    assert "Start a revised version" in confirm
    assert 'method="post"' in confirm


def test_staff_of_another_organization_cannot_start_one(riverside, client, home):
    first = closed(riverside)
    other = make_organization("Hillside Health", staff=["bo_staff"], verified_by=UserFactory())
    client.force_login(other.staff_group.user_set.get())

    response = client.post(f"/admin/consultations/drafts/{first.pk}/revise/")

    assert response.status_code in (302, 403)
    assert not PolicyDraftPage.objects.filter(revises=first).exists()


def test_starting_one_before_the_draft_closes_is_refused_with_why(riverside, casey, client):
    still_open = make_draft(riverside)
    client.force_login(casey)

    response = client.post(f"/admin/consultations/drafts/{still_open.pk}/revise/", follow=True)

    assert "once this consultation has closed" in response.content.decode()
    assert not PolicyDraftPage.objects.filter(revises=still_open).exists()


# ---- what changed ---------------------------------------------------------------------


def test_a_word_level_diff_names_the_words_taken_out_and_put_in():
    segments = word_diff(
        "We open from 10 to 4 on weekdays.", "We open from 9 to 5 on weekdays and Saturdays."
    )

    assert segments == [
        Segment("same", "We open from "),
        Segment("removed", "10 "),
        Segment("added", "9 "),
        Segment("same", "to "),
        Segment("removed", "4 "),
        Segment("added", "5 "),
        Segment("same", "on "),
        Segment("removed", "weekdays."),
        Segment("added", "weekdays and Saturdays."),
    ]
    assert "".join(s.text for s in segments if s.kind != "removed") == (
        "We open from 9 to 5 on weekdays and Saturdays."
    )


def test_a_paragraph_added_or_taken_out_shows_whole():
    old = "First paragraph.\n\nSecond paragraph stays.\n"
    new = "Second paragraph stays.\n\nA new closing paragraph.\n"

    assert word_diff(old, new) == [
        Segment("removed", "First paragraph.\n\n"),
        Segment("same", "Second paragraph stays.\n"),
        Segment("added", "\nA new closing paragraph.\n"),
    ]


def test_sections_are_matched_by_key_not_by_heading_or_place():
    class Section:
        def __init__(self, key, heading, text):
            self.key, self.heading, self.text = key, heading, text

    old = [Section(1, "Hours", "10 to 4"), Section(2, "Fees", "None"), Section(3, "Who", "All")]
    new = [
        Section(3, "Who can come", "All"),
        Section(1, "Hours", "9 to 5"),
        Section(4, "Van", "Yes"),
    ]

    compared = sections_compared(old, new)

    assert [(c.heading, c.added, c.removed, c.renamed, c.text_changed) for c in compared] == [
        ("Who can come", False, False, True, False),
        ("Hours", False, False, False, True),
        ("Fees", False, True, False, True),
        ("Van", True, False, False, True),
    ]
    assert compared[0].old_heading == "Who"


def test_the_changes_page_shows_what_changed_section_by_section(riverside, casey, client):
    first = closed(riverside)
    hours, exchange, who = first.sections.all()
    second = draft_revision_start(draft=first, user=casey)
    second = revised(
        second,
        sections=[
            (hours.key, "Opening hours", "The program opens from 9 to 5 on weekdays."),
            (who.key, "Who can use the program", who.text),
            (None, "The van", "A van comes to the park on Saturdays."),
        ],
    )

    page = html.unescape(client.get(f"{second.url}changes/").content.decode())

    assert "Version 2 of this draft, beside version 1." in page
    assert "Text changed in 1 section" in page
    assert "1 section renamed" in page and "1 section added" in page
    assert "1 section removed" in page
    assert '<del><span class="visually-hidden">[taken out: </span>10 <' in page
    assert '<ins><span class="visually-hidden">[put in: </span>9 <' in page
    assert "Renamed from “Who can come”" in page
    assert "Added in this version" in page and "A van comes to the park" in page
    assert "Removed in this version" in page and "Supplies are given out" in page
    order = [page.index(name) for name in ("Opening hours", "Exchange policy", "Who can use")]
    assert order == sorted(order)


def test_the_draft_page_links_to_what_changed_and_the_old_one_to_the_new(riverside, casey, client):
    first = closed(riverside)
    second = published(draft_revision_start(draft=first, user=casey))

    new_page = client.get(second.url).content.decode()
    old_page = client.get(first.url).content.decode()

    assert f'href="{second.url}changes/">Version 2 of this draft: see what changed</a>' in new_page
    assert "There is a newer version of this draft." in old_page
    assert f'href="{second.url}">Read the newer version</a>' in old_page


def test_a_first_version_has_no_changes_page(riverside, client):
    first = make_draft(riverside)

    assert client.get(f"{first.url}changes/").status_code == 404


def test_hostile_text_in_a_diff_stays_text(riverside, casey, client):
    first = closed(riverside)
    hours = first.sections.first()
    second = revised(
        draft_revision_start(draft=first, user=casey),
        sections=[(hours.key, hours.heading, "<script>alert(1)</script> We open at 9.")],
    )

    page = client.get(f"{second.url}changes/").content.decode()

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# The changes page: serving the draft (10, as its own page), the Safety
# setting, then its sections, the version it revises, that version's
# sections and the one query for its version number.
CHANGES_BUDGET = 15


def test_the_changes_page_costs_the_same_with_3_and_12_sections(
    riverside, casey, client, page_costs
):
    urls = []
    for count in (3, 12):
        first = closed(riverside, title=f"Draft with {count}", sections=many_sections(count))
        second = draft_revision_start(draft=first, user=casey)
        sections = [(s.key, s.heading, s.text + " Changed.") for s in first.sections.all()]
        urls.append(f"{revised(second, sections=sections).url}changes/")

    at_three, at_twelve = page_costs(client, urls)

    assert at_three == at_twelve
    assert at_three <= CHANGES_BUDGET


def test_the_comparison_is_worked_out_once_and_then_read_from_the_cache(
    riverside, casey, client, monkeypatch
):
    from consultations import rendering

    compared = []

    def counting_diff(old, new):
        compared.append(new)
        return word_diff(old, new)

    monkeypatch.setattr(rendering, "word_diff", counting_diff)
    first = closed(riverside)
    second = revised(
        draft_revision_start(draft=first, user=casey),
        sections=[(s.key, s.heading, s.text + " More.") for s in first.sections.all()],
    )

    client.get(f"{second.url}changes/")
    client.get(f"{second.url}changes/")

    assert len(compared) == 3
