"""The export: only the organization's staff and peer moderators get it, and
it never carries who answered or when exactly."""

import csv
import io
import json
import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import CommentPart, Response, ResponseComment
from moderation.models.base import ModerationState
from tests.factories import UserFactory

from .factories import (
    make_closed_draft,
    make_draft,
    make_many_responses,
    make_organization,
    make_response,
    mark_statement,
)

pytestmark = pytest.mark.django_db


def export_url(draft, file_format) -> str:
    return draft.url + draft.reverse_subpage("export", kwargs={"file_format": file_format})


def download(client, draft, file_format) -> bytes:
    response = client.get(export_url(draft, file_format))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def staff(home):
    return UserFactory(username="casey_staff")


@pytest.fixture
def draft(staff):
    return make_closed_draft(make_organization(staff=[staff]))


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_only_the_organizations_staff_and_peer_moderators_may_download_it(
    client, draft, peer_moderator, file_format
):
    other_staff = UserFactory(username="other_org_staff")
    make_organization("Eastside Outreach", staff=[other_staff])
    member = UserFactory(username="curious_member")
    outreach_worker = UserFactory(username="outreach_worker")
    outreach_worker.groups.add(Group.objects.get(name="Outreach workers"))
    staff = draft.organization.staff_group.user_set.get()

    assert client.get(export_url(draft, file_format)).status_code == 404
    for person in (member, outreach_worker, other_staff):
        client.force_login(person)
        assert client.get(export_url(draft, file_format)).status_code == 404
    for person in (staff, peer_moderator):
        client.force_login(person)
        response = client.get(export_url(draft, file_format))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_the_organizations_staff_download_it_only_once_the_consultation_has_closed(
    client, staff, peer_moderator, file_format
):
    """Fetched again and again while responses come in, the file would date
    each new response to within minutes, where it promises only the month."""
    draft = make_draft(make_organization(staff=[staff]))
    make_many_responses(draft, 6)
    client.force_login(staff)

    refused = client.get(export_url(draft, file_format))
    results = client.get(draft.url + "results/").content.decode()

    assert refused.status_code == 403
    assert "once the consultation closes" in refused.content.decode()
    assert "export/" not in results
    assert "You can download the responses once the consultation closes" in results
    client.force_login(peer_moderator)
    assert client.get(export_url(draft, file_format)).status_code == 200


def test_no_handle_or_account_id_of_anyone_who_took_part_is_in_either_file(staff_client, draft):
    respondent = UserFactory(id=987_654_321, username="zephyrine_quill")
    outreach = UserFactory(id=876_543_219, username="wanderling_outreach")
    voter = UserFactory(id=765_432_198, username="orrery_voter")
    response = make_response(
        draft,
        respondent=respondent,
        speaking_as=["use_now"],
        quote_consent=True,
        comments={0: "Keep the Saturday hours."},
    )
    make_response(draft, entered_by=outreach, comments={1: "Said on paper: keep it."})
    mark_statement(response.comments.get(), voter)

    for file_format in ("csv", "json"):
        data = download(staff_client, draft, file_format)
        assert b"Keep the Saturday hours." in data
        for person in (respondent, outreach, voter):
            assert person.username.encode() not in data
            assert str(person.pk).encode() not in data
        assert response.public_id.encode() in data


def test_each_response_gives_only_the_month_it_was_sent(staff_client, draft):
    make_response(draft, speaking_as=["use_now"])

    (record,) = json.loads(download(staff_client, draft, "json"))["responses"]
    (row,) = csv_rows(download(staff_client, draft, "csv"))

    assert re.fullmatch(r"\d{4}-\d{2}", record["month"])
    assert row["month"] == record["month"]
    assert set(record) == {
        "id",
        "month",
        "entered_by_outreach",
        "may_quote",
        "speaking_as",
        "sections",
        "overall_comment",
    }


def test_the_responses_come_in_an_order_that_says_nothing_of_when_they_were_sent(
    staff_client, draft
):
    """In the order they came, a row would be dated against the others: the
    one after a response staff know the time of came later that day."""
    came_in = ["f1c2d3e4a5b6c7d8", "0a1b2c3d4e5f6a7b", "9e8d7c6b5a4f3e2d", "3c4d5e6f7a8b9c0d"]
    for public_id in came_in:
        response = make_response(draft)
        Response.objects.filter(pk=response.pk).update(public_id=public_id)

    listed = [
        record["id"] for record in json.loads(download(staff_client, draft, "json"))["responses"]
    ]
    rows = [row["id"] for row in csv_rows(download(staff_client, draft, "csv"))]

    assert listed == rows == sorted(came_in)


def test_stances_comments_and_answers_are_given_per_section_by_heading_and_key(staff_client, draft):
    response = make_response(
        draft,
        stances=("agree", "disagree", "unsure"),
        comments={0: "Ten is too late to open."},
    )
    question = draft.sections.all()[1]
    ResponseComment.objects.create(
        response=response,
        section_key=question.key,
        part=CommentPart.ANSWER,
        body="Because people lose their old ones.",
    )
    ResponseComment.objects.create(response=response, part=CommentPart.OVERALL, body="Thanks.")

    exported = json.loads(download(staff_client, draft, "json"))
    (record,) = exported["responses"]
    (row,) = csv_rows(download(staff_client, draft, "csv"))

    headings = {section["key"]: section["heading"] for section in exported["sections"]}
    opening, exchange, who = record["sections"].values()
    assert [headings[key] for key in record["sections"]] == [
        "Opening hours",
        "Exchange policy",
        "Who can come",
    ]
    assert opening["stance"] == "agree"
    assert opening["comment"] == "Ten is too late to open."
    assert exchange["stance"] == "disagree"
    assert exchange["answer"] == "Because people lose their old ones."
    assert who["stance"] == "unsure"
    assert record["overall_comment"] == "Thanks."
    assert row[f"Exchange policy [{question.key}]: answer"] == "Because people lose their old ones."
    assert row["overall comment"] == "Thanks."


def test_held_comments_and_unsent_responses_are_left_out(staff_client, draft):
    held = make_response(draft, comments={0: "Call me on 555 0100."})
    held.comments.update(moderation_state=ModerationState.HELD)
    make_response(draft, submitted=False, comments={0: "Still writing this."})

    data = download(staff_client, draft, "json")

    assert b"555 0100" not in data and b"Still writing" not in data
    assert len(json.loads(data)["responses"]) == 1


def test_speaking_as_of_a_group_of_four_is_withheld_and_of_five_is_kept(staff_client, draft):
    make_many_responses(draft, 4, speaking_as=["family"])
    make_many_responses(draft, 5, speaking_as=["provider", "family"])

    exported = json.loads(download(staff_client, draft, "json"))
    rows = csv_rows(download(staff_client, draft, "csv"))

    # Nine chose "family", so it is kept; "provider" has five.
    assert exported["speaking_as_withheld"] == []
    tags = sorted(len(record["speaking_as"]) for record in exported["responses"])
    assert tags == [1, 1, 1, 1, 2, 2, 2, 2, 2]
    (speaking_as_column,) = [name for name in rows[0] if name.startswith("speaking as")]
    assert "No group was that small" in speaking_as_column
    assert sum("Service provider" in row[speaking_as_column] for row in rows) == 5


def test_speaking_as_of_a_small_group_is_withheld_and_the_file_says_so(staff_client, draft):
    make_many_responses(draft, 4, speaking_as=["family"])
    make_many_responses(draft, 5, speaking_as=["provider"])

    exported = json.loads(download(staff_client, draft, "json"))
    rows = csv_rows(download(staff_client, draft, "csv"))

    assert exported["speaking_as_withheld"] == ["family"]
    assert any("Left out here: Family or friend" in note for note in exported["notes"])
    tags = [record["speaking_as"] for record in exported["responses"]]
    assert tags.count([]) == 4 and tags.count(["provider"]) == 5
    (speaking_as_column,) = [name for name in rows[0] if name.startswith("speaking as")]
    assert "fewer than 5 responses are left out" in speaking_as_column
    assert "Family or friend" in speaking_as_column
    assert sorted(row[speaking_as_column] for row in rows) == [""] * 4 + ["Service provider"] * 5


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_spreadsheet(staff_client, draft):
    make_response(draft, comments={0: '=HYPERLINK("http://bad.example","Click")'})

    (row,) = csv_rows(download(staff_client, draft, "csv"))

    (comment,) = [value for name, value in row.items() if name.endswith("comment") and value]
    assert comment.startswith("'=HYPERLINK")


def test_the_export_costs_the_same_queries_for_10_and_500_responses(staff_client, staff):
    small = make_closed_draft(make_organization("Small org", staff=[staff]), title="Small")
    large = make_closed_draft(make_organization("Large org", staff=[staff]), title="Large")
    costs = {}
    for draft, count in ((small, 10), (large, 500)):
        make_many_responses(draft, count, stances=("agree", "skip"), speaking_as=["use_now"])
        make_response(draft, comments={0: "A comment.", 1: "Another."})
        for file_format in ("csv", "json"):
            staff_client.get(export_url(draft, file_format))
            with CaptureQueriesContext(connection) as queries:
                data = download(staff_client, draft, file_format)
            costs[(draft.title, file_format)] = len(queries)
            assert data.count(b"A comment.") == 1

    assert costs[("Small", "csv")] == costs[("Large", "csv")]
    assert costs[("Small", "json")] == costs[("Large", "json")]
    # One more than before staff had to wait for the close: whether the draft
    # has closed reads its report.
    assert max(costs.values()) <= 21
