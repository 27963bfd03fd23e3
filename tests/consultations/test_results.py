"""The results page: counts only while open, shares after close, statements,
common ground, and small numbers held back everywhere."""

import html

import pytest

from consultations.services.results import draft_results
from tests.factories import UserFactory

from ..html import visible_text
from .factories import (
    make_closed_draft,
    make_draft,
    make_many_responses,
    make_organization,
    make_response,
    make_statement,
    mark_statement,
)

pytestmark = pytest.mark.django_db


def results_url(draft) -> str:
    return draft.url + "results/"


def page_text(client, draft) -> str:
    response = client.get(results_url(draft))
    assert response.status_code == 200
    return text_of(response.content)


def text_of(content: bytes) -> str:
    """The page's words as one line, entities read."""
    return " ".join(html.unescape(visible_text(content.decode())).split())


def test_while_open_the_page_shows_only_how_many_responded(client, home):
    draft = make_draft(make_organization())
    make_many_responses(draft, 7, stances=("agree", "disagree"), speaking_as=["use_now"])
    make_many_responses(draft, 6, entered_by_outreach=True)

    text = page_text(client, draft)

    assert "13 responses" in text
    assert "Members 54% (7 people)" in text
    assert "Entered by outreach workers 46% (6 people)" in text
    assert "shown after the consultation closes" in text
    assert "Section 1" not in text and "Agree" not in text


def test_while_open_a_handful_of_outreach_entries_is_not_counted_on_its_own(client, home):
    draft = make_draft(make_organization())
    make_many_responses(draft, 12)
    make_many_responses(draft, 3, entered_by_outreach=True)

    text = page_text(client, draft)

    assert "15 responses" in text
    assert "Members and Entered by outreach workers together 100% (15 people)" in text
    assert "3 people" not in text and "12 people" not in text


def test_fewer_than_five_responses_shows_no_number_at_all(client, home):
    draft = make_draft(make_organization())
    make_many_responses(draft, 4)

    text = page_text(client, draft)

    assert "Fewer than 5 responses so far." in text
    assert "4" not in text.split("Who responded", 1)[1].split("Where people stand")[0]


def test_live_results_show_shares_while_open_when_the_organization_chose_them(client, home):
    draft = make_draft(make_organization(), show_live_results=True)
    make_many_responses(draft, 10, stances=("agree",))

    text = page_text(client, draft)

    assert "These results are live" in text
    assert "Agree 100% (10 people)" in text


def test_after_close_each_section_shows_shares_of_everyone_who_responded(client, home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 6, stances=("agree",))
    make_many_responses(draft, 6, stances=("disagree",))
    make_many_responses(draft, 8, stances=("unsure", "skip", "agree"))

    text = page_text(client, draft)

    section_one = text.split("Section 1: Opening hours", 1)[1].split("Section 2")[0]
    assert "Agree 30% (6 people)" in section_one
    assert "Disagree 30% (6 people)" in section_one
    assert "Unsure 40% (8 people)" in section_one
    section_two = text.split("Section 2: Exchange policy", 1)[1].split("Section 3")[0]
    assert "Skipped 40% (8 people)" in section_two
    assert "Shares are out of everyone who responded" in text


def test_a_section_left_without_an_answer_counts_as_skipped(home):
    draft = make_closed_draft(make_organization())
    for response in make_many_responses(draft, 5):
        response.answers.filter(section_key=draft.sections.last().key).delete()

    results = draft_results(draft)

    last = results.sections[-1].everyone
    assert ("Skipped", 5) in [(line.label, line.count) for line in last.lines]


def test_a_group_of_four_is_not_broken_out_and_a_group_of_five_is(client, home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 10, stances=("agree",))
    make_many_responses(draft, 4, stances=("disagree",), speaking_as=["family"])
    make_many_responses(draft, 5, stances=("agree",), speaking_as=["provider"])

    results = draft_results(draft)

    section = results.sections[0]
    assert [rows.label for rows in section.groups] == ["Service provider"]
    assert "Family or friend of someone who uses drugs" in section.not_broken_out
    groups = {group.label: group for group in results.groups}
    assert groups["Family or friend of someone who uses drugs"].count is None
    assert groups["Family or friend of someone who uses drugs"].fewer_than_minimum
    assert groups["Service provider"].count == 5

    text = page_text(client, draft)
    assert "Family or friend of someone who uses drugs: fewer than 5 responses" in text
    assert "Service provider: 5 responses" in text
    assert "Not shown on their own: Family or friend of someone who uses drugs" in text


def test_four_people_who_disagree_are_shown_only_inside_a_larger_total(client, home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 20, stances=("agree",))
    make_many_responses(draft, 4, stances=("disagree",))
    make_many_responses(draft, 6, stances=("unsure",))

    section = draft_results(draft).sections[0].everyone

    assert [(line.label, line.count) for line in section.lines] == [
        ("Agree", 20),
        ("Skipped", 0),
    ]
    assert section.held_back.label == "Disagree and Unsure"
    assert section.held_back.count == 10
    text = page_text(client, draft)
    assert "4 people" not in text and "13%" not in text
    assert "Disagree and Unsure together 33% (10 people)" in text
    assert "at least one of these is fewer than 5" in text


def test_five_people_who_disagree_are_shown(home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 20, stances=("agree",))
    make_many_responses(draft, 5, stances=("disagree",))
    make_many_responses(draft, 5, stances=("skip",))
    make_many_responses(draft, 5, stances=("unsure",))

    section = draft_results(draft).sections[0].everyone

    assert [(line.label, line.count) for line in section.lines] == [
        ("Agree", 20),
        ("Disagree", 5),
        ("Unsure", 5),
        ("Skipped", 5),
    ]
    assert section.held_back is None


def test_a_group_nearly_everyone_chose_is_not_broken_out(home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 20, stances=("agree",), speaking_as=["use_now"])
    make_many_responses(draft, 3, stances=("disagree",))

    results = draft_results(draft)

    assert results.sections[0].groups == []
    use_now = next(group for group in results.groups if group.label == "I use drugs now")
    assert use_now.count is None and not use_now.fewer_than_minimum


def test_a_group_held_back_because_few_are_outside_it_says_so_not_nearly_everyone(client, home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 5, stances=("agree",), speaking_as=["use_now"])
    make_many_responses(draft, 3, stances=("disagree",))

    text = page_text(client, draft)

    assert "I use drugs now: not shown on its own: fewer than 5 responses didn't choose it" in text
    assert "nearly everyone" not in text


def test_a_groups_count_is_held_back_where_the_overall_would_give_away_the_rest(home):
    draft = make_closed_draft(make_organization())
    make_many_responses(draft, 10, stances=("agree",), speaking_as=["use_now"])
    make_many_responses(draft, 6, stances=("disagree",), speaking_as=["use_now"])
    make_many_responses(draft, 7, stances=("agree",))
    make_many_responses(draft, 2, stances=("disagree",))

    section = draft_results(draft).sections[0]

    # Everyone: 17 agree, 8 disagree. The group: 10 agree, 6 disagree. Showing
    # both would tell that 2 people outside the group disagreed.
    assert [(line.label, line.count) for line in section.everyone.lines][:2] == [
        ("Agree", 17),
        ("Disagree", 8),
    ]
    (group,) = section.groups
    assert all(line.label != "Disagree" for line in group.lines)


def test_statements_show_their_marks_with_small_numbers_held_back(client, home):
    organization = make_organization()
    draft = make_closed_draft(organization)
    statement = make_statement(draft, body="Keep the Saturday hours, please.")
    for number in range(6):
        mark_statement(statement, UserFactory(username=f"agreeing_{number}"), "agree")
    for number in range(2):
        mark_statement(statement, UserFactory(username=f"passing_{number}"), "pass")

    text = page_text(client, draft)

    # Two people passed: shown as 6 agree, they could be worked out from the total.
    assert "Keep the Saturday hours, please." in text
    assert (
        "Disagree: 0% (0) · Agree and Pass together: 100% (8), since at least one is fewer than 5"
    ) in text
    assert "(2)" not in text and "(6)" not in text and "75%" not in text


def voters_in(draft, group, count, choice, statement, prefix):
    for number in range(count):
        voter = UserFactory(username=f"{prefix}_{number}")
        make_response(draft, respondent=voter, speaking_as=[group])
        mark_statement(statement, voter, choice)


def test_common_ground_lists_statements_most_of_every_group_agreed_with_first(client, home):
    draft = make_closed_draft(make_organization())
    shared = make_statement(draft, body="Open on Saturdays.")
    split = make_statement(draft, body="Close at noon on Fridays.", section=1)
    voters_in(draft, "use_now", 6, "agree", shared, "now_shared")
    voters_in(draft, "provider", 5, "agree", shared, "prov_shared")
    voters_in(draft, "use_now", 6, "disagree", split, "now_split")
    voters_in(draft, "provider", 5, "agree", split, "prov_split")

    results = draft_results(draft)

    assert [s.comment.body for s in results.common_ground] == ["Open on Saturdays."]
    assert [s.comment.body for s in results.groups_differ] == ["Close at noon on Fridays."]
    assert ("I use drugs now", "most disagreed") in results.groups_differ[0].majorities
    text = page_text(client, draft)
    assert text.index("Common ground") < text.index("Open on Saturdays.")
    assert text.index("Open on Saturdays.") < text.index("Where groups differ")
    assert "more than half of every group agreed" in text


def test_one_group_alone_is_not_common_ground(home):
    draft = make_closed_draft(make_organization())
    statement = make_statement(draft, body="Open on Saturdays.")
    voters_in(draft, "use_now", 6, "agree", statement, "only_now")
    voters_in(draft, "provider", 4, "disagree", statement, "few_prov")

    results = draft_results(draft)

    assert results.common_ground == []


def test_the_results_page_costs_the_same_queries_for_10_and_500_responses(client, home, page_costs):
    small = make_closed_draft(make_organization(), title="Small draft")
    large = make_closed_draft(make_organization("Eastside Outreach"), title="Large draft")
    for draft, count in ((small, 10), (large, 500)):
        half = count // 2
        make_many_responses(draft, half, stances=("agree", "disagree"), speaking_as=["use_now"])
        make_many_responses(draft, count - half, stances=("unsure",), speaking_as=["family"])
        statement = make_statement(draft, body=f"A statement on the {draft.title}.")
        for number in range(3):
            mark_statement(statement, UserFactory(username=f"{draft.slug}_{number}"))

    small_cost, large_cost = page_costs(client, [results_url(small), results_url(large)])

    assert small_cost == large_cost
    assert large_cost <= 20


def test_a_closed_draft_says_when_the_report_is_due_and_when_it_is_overdue(client, home):
    organization = make_organization()
    waiting = make_closed_draft(organization, title="Waiting")
    overdue = make_closed_draft(organization, title="Overdue", days_ago=40, report_in=-2)

    assert "The organization said it will report back by" in page_text(client, waiting)
    assert "Report overdue: the organization said it would report back by" in page_text(
        client, overdue
    )
