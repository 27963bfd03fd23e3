"""Writing a draft in the editor: pasting it into sections
(consultations/draft_import.py, admin_forms.py), the plain-language check
and the language nudges."""

import pytest

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from consultations.draft_import import PASTE_MAX_LENGTH, draft_split
from consultations.models import PolicyDraftPage
from consultations.services.organizations import space_of
from core.readability import reading_grade

from .factories import draft_form, make_draft, make_organization

pytestmark = pytest.mark.django_db

LIMITS = {"heading_max_length": 200, "text_max_length": 20_000}

PASTED = """Our program is changing. This is the whole draft.

# Opening hours

We open from 10 to 4 on weekdays.

## On holidays

We close on public holidays.

# Exchange policy

Supplies are given out **without** a one-for-one exchange.

- needles
- cookers
"""


def split(source, **limits):
    return draft_split(source, **{**LIMITS, **limits})


# ---- splitting a pasted draft -------------------------------------------------------


def test_each_top_level_heading_starts_a_section_with_the_text_under_it():
    pasted = split(PASTED)

    assert [section.heading for section in pasted.sections] == ["Opening hours", "Exchange policy"]
    assert pasted.sections[0].text == (
        "We open from 10 to 4 on weekdays.\n\n## On holidays\n\nWe close on public holidays."
    )
    assert pasted.sections[1].text == (
        "Supplies are given out **without** a one-for-one exchange.\n\n- needles\n- cookers"
    )
    assert pasted.before_first_heading == "Our program is changing. This is the whole draft."


def test_the_highest_heading_level_used_is_the_top_level():
    pasted = split("## First\n\nOne.\n\n### Detail\n\nMore.\n\n## Second\n\nTwo.")

    assert [section.heading for section in pasted.sections] == ["First", "Second"]
    assert "### Detail" in pasted.sections[0].text


def test_underlined_headings_count_and_markdown_in_a_heading_is_dropped():
    pasted = split(
        "Opening *hours*\n=============\n\nWe open at 10.\n\nWho `can` come\n===\n\nAll."
    )

    assert [section.heading for section in pasted.sections] == ["Opening hours", "Who can come"]
    assert pasted.sections[0].text == "We open at 10."


def test_headings_inside_code_quotes_and_lists_are_not_sections():
    pasted = split("# Rules\n\n```\n# not a heading\n```\n\n> # quoted\n\n- # listed\n\nEnd.")

    assert [section.heading for section in pasted.sections] == ["Rules"]
    assert "# not a heading" in pasted.sections[0].text


def test_plain_text_without_headings_is_refused_with_how_to_mark_them():
    with pytest.raises(ValidationError) as refused:
        split("Just a paragraph.\n\nAnd another.")

    assert "Put “# ” at the start of each section's heading" in refused.value.messages[0]


def test_every_problem_is_named_at_once():
    source = "# Empty\n\n#\n\nOrphan text.\n\n# " + "Long " * 50 + "\n\nText."

    with pytest.raises(ValidationError) as refused:
        split(source)

    messages = refused.value.messages
    assert any("“Empty” has no text under it" in message for message in messages)
    assert any("The heading of section 2 is empty" in message for message in messages)
    assert any("keep headings under 200" in message for message in messages)


def test_a_section_too_long_for_its_field_is_refused():
    with pytest.raises(ValidationError) as refused:
        split("# Big\n\n" + "word " * 50, text_max_length=100)

    assert "The text under “Big” has 249 characters" in refused.value.messages[0]


def test_too_many_sections_are_refused():
    source = "\n\n".join(f"# Part {number}\n\nText." for number in range(5))

    with pytest.raises(ValidationError, match="at most 4"):
        split(source, max_sections=4)


def test_hostile_text_is_kept_as_text_and_hidden_characters_are_removed():
    pasted = split("# <script>alert(1)</script> Hours\u202e\n\n<img src=x onerror=alert(1)>\x00")

    assert pasted.sections[0].heading == "<script>alert(1)</script> Hours"
    assert pasted.sections[0].text == "<img src=x onerror=alert(1)>"


def test_windows_line_endings_split_the_same_way():
    pasted = split(PASTED.replace("\n", "\r\n"))

    assert [section.heading for section in pasted.sections] == ["Opening hours", "Exchange policy"]


# ---- the editor -------------------------------------------------------------------


@pytest.fixture
def organization(home):
    return make_organization(staff=["casey_staff"])


@pytest.fixture
def staff(organization):
    return organization.staff_group.user_set.get()


def add_url(organization) -> str:
    return f"/admin/pages/add/consultations/policydraftpage/{space_of(organization).pk}/"


def create(client, user, organization, data):
    client.force_login(user)
    return client.post(add_url(organization), data)


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_staff_can_paste_a_draft_instead_of_adding_sections_one_by_one(client, organization, staff):
    response = create(client, staff, organization, draft_form(summary="", paste=PASTED))

    assert response.status_code == 302
    draft = PolicyDraftPage.objects.get()
    sections = list(draft.get_latest_revision_as_object().sections.all())
    assert [section.heading for section in sections] == ["Opening hours", "Exchange policy"]
    assert sections[1].text.startswith("Supplies are given out **without**")
    assert draft.summary == "Our program is changing. This is the whole draft."
    assert not draft.live
    assert "Made 2 sections from the pasted draft" in messages_of(response)


@pytest.mark.parametrize("button", ["action-save", "action-submit"])
def test_the_empty_section_a_new_draft_starts_with_is_left_out_when_pasting(
    client, organization, staff, button
):
    data = draft_form(summary="", paste=PASTED, sections=[{}])

    response = create(client, staff, organization, {**data, button: "1"})

    assert response.status_code == 302
    draft = PolicyDraftPage.objects.get()
    sections = list(draft.get_latest_revision_as_object().sections.all())
    assert [section.heading for section in sections] == ["Opening hours", "Exchange policy"]


def test_pasted_sections_can_be_edited_before_publishing(client, organization, staff):
    create(client, staff, organization, draft_form(summary="", paste=PASTED))
    draft = PolicyDraftPage.objects.get()
    sections = list(draft.get_latest_revision_as_object().sections.all())

    editor = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    edited = [
        {"id": section.pk, "heading": section.heading, "text": section.text} for section in sections
    ]
    edited[0]["heading"] = "When we are open"
    response = client.post(f"/admin/pages/{draft.pk}/edit/", draft_form(sections=edited))

    assert 'value="Opening hours"' in editor
    assert response.status_code == 302
    latest = PolicyDraftPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [section.heading for section in latest.sections.all()] == [
        "When we are open",
        "Exchange policy",
    ]
    assert latest.sections.first().key == sections[0].key


def test_pasting_into_a_draft_with_sections_adds_after_them_and_says_so(
    client, organization, staff
):
    draft = make_draft(organization, live=False)
    kept = [
        {"id": section.pk, "heading": section.heading, "text": section.text}
        for section in draft.sections.all()
    ]
    client.force_login(staff)

    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", draft_form(sections=kept, paste="# Fees\n\nNo fees.")
    )

    assert response.status_code == 302
    latest = PolicyDraftPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert [section.heading for section in latest.sections.all()] == [
        "Opening hours",
        "Exchange policy",
        "Who can come",
        "Fees",
    ]
    assert "Added 1 section from the pasted draft after the 3 already here" in messages_of(response)


def test_text_before_the_first_heading_does_not_overwrite_a_summary(client, organization, staff):
    response = create(client, staff, organization, draft_form(paste=PASTED))

    page = response.content.decode()
    assert response.status_code == 200
    assert "The summary already has words" in page
    assert "Our program is changing. This is the whole draft." in page
    assert not PolicyDraftPage.objects.exists()


def test_a_paste_without_headings_is_refused_beside_the_box_and_kept(client, organization, staff):
    response = create(
        client, staff, organization, draft_form(paste="One long paragraph about our hours.")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "We found no headings" in page
    assert "One long paragraph about our hours." in page
    assert not PolicyDraftPage.objects.exists()


def test_a_paste_that_is_too_long_is_refused_with_its_length(client, organization, staff):
    too_long = "# Part\n\n" + "x" * PASTE_MAX_LENGTH

    response = create(client, staff, organization, draft_form(paste=too_long))

    assert f"Keep this under {PASTE_MAX_LENGTH} characters" in response.content.decode()
    assert not PolicyDraftPage.objects.exists()


@pytest.mark.parametrize("sections", [[], [{}]])
def test_a_draft_needs_a_section_when_nothing_is_pasted(client, organization, staff, sections):
    response = create(
        client, staff, organization, {**draft_form(sections=sections), "action-submit": "1"}
    )

    assert response.status_code == 200
    assert not PolicyDraftPage.objects.exists()


def test_autosave_keeps_no_empty_section(client, organization, staff):
    client.force_login(staff)

    client.post(
        add_url(organization),
        {**draft_form(sections=[{}]), "action-save": "1"},
        headers={"accept": "application/json"},
    )

    draft = PolicyDraftPage.objects.get()
    assert list(draft.get_latest_revision_as_object().sections.all()) == []


def test_autosave_never_turns_a_paste_into_sections(client, organization, staff):
    draft = make_draft(organization, live=False)
    kept = [
        {"id": section.pk, "heading": section.heading, "text": section.text}
        for section in draft.sections.all()
    ]
    client.force_login(staff)

    client.post(
        f"/admin/pages/{draft.pk}/edit/",
        draft_form(sections=kept, paste="# Fees\n\nNo fees."),
        headers={"accept": "application/json"},
    )

    latest = PolicyDraftPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert "Fees" not in [section.heading for section in latest.sections.all()]


def test_a_pasted_section_is_rendered_safely_on_the_page(client, organization, staff, home):
    hostile = "# Hours\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    create(client, staff, organization, draft_form(summary="A summary.", paste=hostile))
    draft = PolicyDraftPage.objects.get()
    draft.get_latest_revision().publish()
    client.logout()

    page = client.get(PolicyDraftPage.objects.get().url).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page


# ---- plain language -----------------------------------------------------------------


HARD = (
    "The organization contemplates substantial modifications to operational "
    "hours and the distribution methodology regarding sterile injection equipment."
)


def test_the_reading_grade_estimate_tells_easy_from_hard_words():
    easy = "We might close at four. Tell us if that is hard for you. We want to know."

    assert reading_grade(easy) < 8
    assert reading_grade(HARD) > 12
    assert reading_grade("Too short.") is None


def unpublished_draft(organization, **fields):
    """A draft not yet live whose latest version has `fields` changed."""
    draft = make_draft(organization, live=False, **fields.pop("make", {}))
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision()
    return draft


def test_the_editor_shows_the_reading_grade_of_the_summary_and_explainers(
    client, organization, staff
):
    draft = unpublished_draft(
        organization,
        plain_summary=HARD,
        make={
            "sections": [("Hours", "Text.", "We will close at four on most days of the week.", "")]
        },
    )
    client.force_login(staff)

    page = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert "Plain language check" in page
    assert "Plain-language summary:" in page
    assert f"about grade {reading_grade(HARD)}, above grade 8" in page
    assert "Explainer of “Hours”" in page


def test_saving_a_hard_summary_nudges_and_blocks_nothing(client, organization, staff):
    response = create(
        client,
        staff,
        organization,
        draft_form(plain_summary=HARD, sections=[{"heading": "Hours", "text": "Text."}]),
    )

    assert response.status_code == 302
    assert PolicyDraftPage.objects.get().plain_summary == HARD
    shown = messages_of(response)
    assert "read above grade 8" in shown
    assert "nothing was blocked" in shown
    assert f"Plain-language summary: about grade {reading_grade(HARD)}" in shown


def test_a_plain_summary_gets_no_reading_grade_nudge(client, organization, staff):
    response = create(
        client, staff, organization, draft_form(sections=[{"heading": "Hours", "text": "Text."}])
    )

    assert "read above grade" not in messages_of(response)


def test_stigmatizing_words_in_a_draft_get_the_same_gentle_warning_as_articles(
    client, organization, staff
):
    response = create(
        client,
        staff,
        organization,
        draft_form(
            affects="Addicts who use the program",
            sections=[{"heading": "Hours", "text": "Open to every drug user."}],
        ),
    )

    assert response.status_code == 302
    shown = messages_of(response)
    assert "Some words in this draft can feel judging" in shown
    assert "Instead of “addicts”, you could say “people who use drugs”" in shown
    assert "nothing was blocked" in shown
    assert PolicyDraftPage.objects.get().affects == "Addicts who use the program"


def test_the_editor_lists_words_that_can_feel_judging(client, organization, staff):
    draft = unpublished_draft(organization, affects="Junkies and their families")
    client.force_login(staff)

    page = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    assert "Some words can feel judging to the people this draft is for" in page
    assert "you could say “person who uses drugs”" in page


# ---- previews ---------------------------------------------------------------------


def test_a_new_draft_can_be_previewed_with_its_pasted_sections(client, organization, staff):
    client.force_login(staff)
    preview = f"{add_url(organization)}preview/"

    client.post(preview, draft_form(summary="", paste=PASTED))
    response = client.get(preview)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Opening hours" in page and "<strong>without</strong>" in page
    assert not PolicyDraftPage.objects.exists()


def test_a_saved_draft_can_be_previewed_with_its_organization(client, organization, staff):
    draft = make_draft(organization, live=False)
    client.force_login(staff)
    preview = f"/admin/pages/{draft.pk}/edit/preview/"
    sections = [
        {"id": section.pk, "heading": section.heading, "text": section.text}
        for section in draft.sections.all()
    ]

    client.post(preview, draft_form(sections=sections))
    page = client.get(preview).content.decode()

    assert f"/organizations/{organization.slug}/" in page
    assert "Opening hours" in page
