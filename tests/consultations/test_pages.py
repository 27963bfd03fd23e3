"""What readers see: a draft's page, its printable version, the list at
/consultations/, the home page's "Have your say" and the search tab."""

import datetime

import pytest

from django.utils import timezone
from django.utils.formats import date_format

from consultations.models import HeardReport, PolicyDraftPage
from consultations.views import listing
from tests.html import visible_text

from .factories import make_draft, make_organization, many_sections

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def long_date(day) -> str:
    return date_format(day, "F j, Y")


@pytest.fixture
def organization(home):
    return make_organization(staff=["casey_staff"])


def closed_draft(organization, *, report_due_in_days=20, **fields):
    today = timezone.localdate()
    return make_draft(
        organization,
        opens_on=today - 40 * DAY,
        closes_on=today - 10 * DAY,
        report_by=today + report_due_in_days * DAY,
        **fields,
    )


def report_published(draft):
    HeardReport.objects.create(draft=draft, body="We heard you.", published_at=timezone.now())


# ---- a draft's page -----------------------------------------------------------


def test_the_plain_language_summary_comes_first_then_the_summary_and_the_facts(
    client, organization
):
    draft = make_draft(organization)

    text = visible_text(client.get(draft.url).content.decode())

    plain = text.index("We might change our hours. Tell us what works for you.")
    summary = text.index("We plan to change when we are open")
    assert plain < summary
    assert "People who use the program" in text
    assert f"{long_date(draft.opens_on)} to {long_date(draft.closes_on)}" in text


def test_the_three_commitments_are_shown_plainly(client, organization):
    draft = make_draft(organization)

    text = " ".join(visible_text(client.get(draft.url).content.decode()).split())

    assert "How your input will be used Our staff read every response before we decide." in text
    assert "Who will read the responses Our program manager and two peer staff." in text
    assert f"When you'll hear back by {long_date(draft.report_by)}" in text


def test_the_page_names_its_organization_with_a_link_to_its_public_page(client, organization):
    draft = make_draft(organization)

    page = client.get(draft.url).content.decode()

    assert f'href="/organizations/{organization.slug}/">{organization.name}</a>' in page


def test_an_open_draft_says_respond_and_links_to_results_and_the_printable_version(
    client, organization
):
    draft = make_draft(organization)

    page = client.get(draft.url).content.decode()

    assert "Open</span>" in page
    assert f'href="{draft.url}respond/">Respond</a>' in page
    assert f'href="{draft.url}results/">Results</a>' in page
    assert f'href="{draft.url}print/">Printable version</a>' in page
    assert "report/" not in page
    assert "see what changed" not in page


def test_an_upcoming_draft_says_when_it_opens_and_cannot_be_answered_yet(client, organization):
    today = timezone.localdate()
    draft = make_draft(organization, opens_on=today + 3 * DAY, closes_on=today + 20 * DAY)

    page = client.get(draft.url).content.decode()

    assert "Opens soon</span>" in page
    assert f"You can respond from {long_date(today + 3 * DAY)}." in page
    assert "respond/" not in page
    assert "results/" not in page


def test_a_closed_draft_past_its_report_date_says_the_report_is_overdue(client, organization):
    draft = closed_draft(organization, report_due_in_days=-1)

    text = visible_text(client.get(draft.url).content.decode())

    assert "Report overdue." in text
    assert f"said they would report back by {long_date(draft.report_by)}, and hasn't yet" in text
    assert "Respond</a>" not in text


def test_a_closed_draft_before_its_report_date_is_not_overdue(client, organization):
    draft = closed_draft(organization, report_due_in_days=5)

    page = client.get(draft.url).content.decode()

    assert "Closed</span>" in page
    assert "Report overdue" not in page
    assert "respond/" not in page


def test_a_reported_draft_links_to_what_we_heard(client, organization):
    draft = closed_draft(organization, report_due_in_days=-1)
    report_published(draft)

    page = client.get(draft.url).content.decode()

    assert "Reported back</span>" in page
    assert f'href="{draft.url}report/">What we heard</a>' in page
    assert "Report overdue" not in page


def test_each_section_shows_its_heading_text_explainer_and_question(client, organization):
    draft = make_draft(organization)

    page = client.get(draft.url).content.decode()

    first, second = draft.sections.all()[:2]
    assert f'id="section-{first.key}"' in page
    assert "Section 1 of 3" in page and "Section 3 of 3" in page
    assert "<p>The program opens from 10 to 4 on weekdays.</p>" in page
    assert "What this means" in page and "Shorter hours." in page
    assert "<strong>Question:</strong> Why?" in page


def test_section_text_is_markdown_and_hostile_markup_stays_text(client, organization):
    hostile = (
        "Some **bold** words.\n\n<script>alert('x')</script>\n\n"
        "[a link](javascript:alert(1)) and <img src=x onerror=alert(1)>"
    )
    draft = make_draft(organization, sections=[("Rules", hostile, "", "")])

    page = client.get(draft.url).content.decode()

    assert "<strong>bold</strong>" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page
    assert "<img" not in page


def test_a_hostile_heading_is_shown_as_text(client, organization):
    draft = make_draft(organization, sections=[("<b onclick=x>Hours</b>", "Text.", "", "")])

    page = client.get(draft.url).content.decode()

    assert "&lt;b onclick=x&gt;Hours&lt;/b&gt;" in page
    assert "<b onclick" not in page


def test_each_sections_statements_are_included_under_it(client, organization, settings):
    """The statements include is filled in by the responses side; the page
    hands it each section."""
    draft = make_draft(organization)

    response = client.get(draft.url)

    names = [template.name for template in response.templates]
    assert names.count("consultations/includes/section_statements.html") == 3


def test_section_text_is_rendered_once_and_then_read_from_the_cache(
    client, organization, monkeypatch
):
    from consultations import rendering

    rendered = []

    def counting_render(text):
        rendered.append(text)
        return f"<p>{text}</p>"

    monkeypatch.setattr(rendering, "render_markdown", counting_render)
    draft = make_draft(organization)

    client.get(draft.url)
    client.get(draft.url)
    client.get(f"{draft.url}print/")

    assert len(rendered) == 3

    editing = PolicyDraftPage.objects.get(pk=draft.pk)
    sections = list(editing.sections.all())
    sections[0].text = "We open from 9 to 5."
    editing.sections = sections
    editing.save_revision().publish()
    page = client.get(draft.url).content.decode()

    assert rendered[3:] == ["We open from 9 to 5."]
    assert "<p>We open from 9 to 5.</p>" in page


# Serving a draft costs 10 queries before its own: the Site, Wagtail's route
# to it (the page and its specific row for each of the home page, the list,
# the organization's space and the draft, less one), the alias check and the
# view restrictions; the Safety setting in the header is one more. The page
# adds its organization, its report, its sections, whether a newer version
# is live and its statements: 16 in all. The printable version needs neither
# the report, the newer version nor the statements: 13.
DRAFT_PAGE_BUDGET = 16
PRINT_BUDGET = 13


def test_the_draft_page_costs_the_same_with_3_and_12_sections(client, organization, page_costs):
    few = make_draft(organization, title="Few sections", sections=many_sections(3))
    many = make_draft(organization, title="Many sections", sections=many_sections(12))

    at_three, at_twelve = page_costs(client, [few.url, many.url])

    assert at_three == at_twelve
    assert at_three <= DRAFT_PAGE_BUDGET


def test_a_second_version_costs_one_query_more_for_its_number(client, organization, page_costs):
    from django.contrib.auth import get_user_model

    from consultations.services.versions import draft_revision_start

    first = closed_draft(organization, sections=many_sections(3))
    staff = get_user_model().objects.get(username="casey_staff")
    second = draft_revision_start(draft=first, user=staff)
    second.save_revision().publish()
    second = PolicyDraftPage.objects.get(pk=second.pk)
    another = make_draft(organization, title="Another", sections=many_sections(3))

    first_version, second_version = page_costs(client, [another.url, second.url])

    assert second_version == first_version + 1


# ---- the printable version --------------------------------------------------------


def test_the_printable_version_has_boxes_to_tick_and_lines_to_write_on(client, organization):
    draft = make_draft(organization)

    page = client.get(f"{draft.url}print/").content.decode()
    text = " ".join(visible_text(page).split())

    assert page.count('class="tick-box"') == 3 * 3 + 6 + 2
    for stance in ("Agree", "Disagree", "Unsure"):
        assert stance in text
    assert "1 of 3. Opening hours" in text and "3 of 3. Who can come" in text
    assert "What this means Shorter hours." in text
    assert "Why?" in text
    assert page.count('class="write-lines"') == 3 + 1 + 1
    for choice in ("I use drugs now", "I used drugs in the past", "Service provider"):
        assert choice in text
    assert "You may quote my comments publicly, without my name." in text


def test_the_printable_version_prints_without_the_sites_navigation(client, organization):
    from pathlib import Path

    from django.conf import settings

    draft = make_draft(organization)
    page = client.get(f"{draft.url}print/").content.decode()
    stylesheet = Path(settings.BASE_DIR, "static/css/site.css").read_text()

    assert 'class="printable"' in page
    start = stylesheet.index("@media print {")
    print_rules = stylesheet[start : stylesheet.index("\n}\n", start)]
    hidden = next(line for line in print_rules.splitlines() if "display: none" in line)
    for chrome in (".quick-exit-bar", ".skip-link", ".site-header", ".site-footer", ".screen-only"):
        assert chrome in hidden
    assert 'class="screen-only"' in page


def test_the_printable_version_costs_the_same_with_3_and_12_sections(
    client, organization, page_costs
):
    few = make_draft(organization, title="Few sections", sections=many_sections(3))
    many = make_draft(organization, title="Many sections", sections=many_sections(12))

    at_three, at_twelve = page_costs(client, [f"{few.url}print/", f"{many.url}print/"])

    assert at_three == at_twelve
    assert at_three <= PRINT_BUDGET


# ---- /consultations/ ------------------------------------------------------------


def titles_in_order(html: str, titles) -> list[str]:
    return sorted(titles, key=html.index)


def test_the_list_shows_open_drafts_closing_soonest_then_upcoming_then_closed(client, organization):
    today = timezone.localdate()
    make_draft(organization, title="Closes later", closes_on=today + 20 * DAY)
    make_draft(organization, title="Closes soon", closes_on=today + 2 * DAY)
    make_draft(
        organization,
        title="Opens next month",
        opens_on=today + 30 * DAY,
        closes_on=today + 60 * DAY,
    )
    make_draft(
        organization, title="Opens next week", opens_on=today + 7 * DAY, closes_on=today + 30 * DAY
    )
    closed_draft(organization, title="Closed long ago", report_due_in_days=-5)
    recently = closed_draft(organization, title="Closed recently", report_due_in_days=9)
    PolicyDraftPage.objects.filter(pk=recently.pk).update(closes_on=today - DAY)
    reported = closed_draft(organization, title="Reported back")
    PolicyDraftPage.objects.filter(pk=reported.pk).update(closes_on=today - 30 * DAY)
    report_published(reported)
    make_draft(organization, title="Not published", live=False)

    page = client.get("/consultations/").content.decode()

    titles = [
        "Closes soon",
        "Closes later",
        "Opens next week",
        "Opens next month",
        "Closed recently",
        "Closed long ago",
        "Reported back",
    ]
    assert titles_in_order(page, titles) == titles
    assert page.index("Open now") < page.index("Opening soon") < page.index(">Closed<")
    assert "Not published" not in page


def test_closed_drafts_in_the_list_say_where_their_report_stands(client, organization):
    due = closed_draft(organization, title="Report due", report_due_in_days=9)
    closed_draft(organization, title="Report late", report_due_in_days=-2)
    reported = closed_draft(organization, title="Report in")
    report_published(reported)

    text = " ".join(visible_text(client.get("/consultations/").content.decode()).split())

    assert "Report due Riverside Syringe Services" in text
    assert f"Closed. Report due by {long_date(due.report_by)}." in text
    assert "Report overdue It was due by" in text
    assert "Reported back What we heard" in text


def test_the_list_is_paginated(client, organization, monkeypatch):
    monkeypatch.setattr(listing, "DRAFTS_PER_PAGE", 2)
    today = timezone.localdate()
    for days in (3, 4, 5):
        make_draft(organization, title=f"Closes in {days} days", closes_on=today + days * DAY)

    first = client.get("/consultations/").content.decode()
    second = client.get("/consultations/?page=2").content.decode()

    assert "Closes in 3 days" in first and "Closes in 4 days" in first
    assert "Closes in 5 days" not in first
    assert "Page 1 of 2" in first
    assert "Closes in 5 days" in second


def test_the_list_says_so_when_nobody_is_asking(client, home):
    page = client.get("/consultations/").content.decode()

    assert "No organization is asking for input right now. Check back soon." in page


def test_the_list_has_the_organization_ask_near_the_top(client, home):
    response = client.get("/consultations/")

    names = [template.name for template in response.templates]
    assert "consultations/includes/organization_ask.html" in names


# The list page: the Site, the route to it (home and the list, each with its
# specific row), the alias check, the view restrictions and the Safety
# setting; then a count and one page of drafts with their organizations and
# reports.
INDEX_BUDGET = 9


def test_the_list_costs_the_same_with_3_and_12_drafts(client, organization, page_costs):
    for number in range(3):
        make_draft(organization, title=f"Draft {number}")
    (at_three,) = page_costs(client, ["/consultations/"])
    for number in range(3, 12):
        draft = closed_draft(organization, title=f"Draft {number}", report_due_in_days=number - 6)
        if number % 3 == 0:
            report_published(draft)

    (at_twelve,) = page_costs(client, ["/consultations/"])

    assert at_three == at_twelve
    assert at_three <= INDEX_BUDGET


# ---- around the site --------------------------------------------------------------


def test_the_home_page_shows_a_few_open_consultations(client, organization):
    today = timezone.localdate()
    for number in range(4):
        make_draft(organization, title=f"Open draft {number}", closes_on=today + (number + 1) * DAY)
    make_draft(
        organization, title="Upcoming draft", opens_on=today + 5 * DAY, closes_on=today + 9 * DAY
    )
    closed_draft(organization, title="Closed draft")

    page = client.get("/").content.decode()

    assert "Have your say" in page
    assert "Open draft 0" in page and "Open draft 2" in page
    assert "Open draft 3" not in page
    assert "Upcoming draft" not in page and "Closed draft" not in page
    assert 'href="/consultations/">All consultations</a>' in page


def test_the_home_page_leaves_the_section_out_when_nothing_is_open(client, organization):
    closed_draft(organization, title="Closed draft")

    assert "Have your say" not in client.get("/").content.decode()


def test_search_has_a_consultations_tab_with_live_drafts_only(client, organization):
    make_draft(
        organization,
        title="Changing our exchange policy",
        sections=[("Supplies", "Supplies are given out without a one-for-one exchange.", "", "")],
    )
    make_draft(organization, title="Unpublished exchange plans", live=False)

    everything = client.get("/search/?q=exchange").content.decode()
    tab = client.get("/search/?q=exchange&where=consultations").content.decode()
    by_section = client.get("/search/?q=one-for-one&where=consultations").content.decode()

    assert "Consultations (1)" in everything
    assert "Changing our exchange policy" in tab
    assert "Riverside Syringe Services · Open" in tab
    assert "Unpublished exchange plans" not in tab + everything
    assert "Changing our exchange policy" in by_section


def test_the_site_pages_tab_does_not_list_drafts_or_organization_spaces(client, organization):
    make_draft(organization, title="Changing our exchange policy")

    pages = client.get("/search/?q=riverside&where=pages").content.decode()

    assert "Pages (0)" in pages or "Site pages (0)" in pages
