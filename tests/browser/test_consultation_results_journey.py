"""Results and “what we heard” on a 360-pixel phone with no JavaScript: the
shares are there in words beside their bars, nothing pushes the page
sideways, and axe finds nothing serious (axe runs in the tabs with scripts)."""

import pytest

from consultations.services.reports import ChangeWritten, report_publish, report_save
from tests.consultations.factories import (
    make_closed_draft,
    make_many_responses,
    make_organization,
    make_statement,
    mark_statement,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 740}


def page_width(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth")


def test_results_and_the_report_read_on_a_small_phone(open_tab, site):
    staff = UserFactory(username="casey_staff")
    draft = make_closed_draft(make_organization(staff=[staff]))
    make_many_responses(draft, 12, stances=("agree", "disagree"), speaking_as=["use_now"])
    make_many_responses(draft, 4, stances=("unsure",), speaking_as=["family"])
    statement = make_statement(draft, body="Keep Saturday mornings " + "open " * 40)
    for number in range(6):
        mark_statement(statement, UserFactory(username=f"marker_{number}"))
    section = draft.sections.first()
    report = report_save(
        draft=draft,
        author=staff,
        body="Most people asked us to **keep** Saturday mornings.",
        changes={section.key: ChangeWritten("We kept Saturday mornings.", (statement.pk,))},
    )
    report_publish(report=report, by=staff)

    for scripts in (True, False):
        tab = open_tab(viewport=SMALL_PHONE, java_script_enabled=scripts)
        tab.goto(site + draft.url + "results/")
        assert tab.get_by_role("heading", name="Common ground").is_visible()
        # Section 2: twelve disagreed; one agreed and four were unsure.
        assert tab.get_by_text("71% (12 people)").first.is_visible()
        assert tab.get_by_text("29% (5 people)").first.is_visible()
        tab.get_by_text("By who people speak as").first.click()
        assert tab.get_by_role("heading", name="I use drugs now").first.is_visible()
        assert page_width(tab) <= SMALL_PHONE["width"]

        tab.goto(site + draft.url + "report/")
        assert tab.get_by_text("We kept Saturday mornings.").is_visible()
        tab.get_by_role("link", name="Keep Saturday mornings").click()
        assert tab.url.endswith(f"#statement-{statement.pk}")
        tab.go_back()
        assert page_width(tab) <= SMALL_PHONE["width"]
