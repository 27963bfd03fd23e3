"""“What we heard”: the organization's staff write it after close, link each
section's change to the statements behind it, and publish it once."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from consultations.models import HeardReport
from consultations.services.reports import (
    ChangeWritten,
    because_field,
    change_field,
    report_publish,
    report_save,
)
from notifications.models import Notification, NotificationKind
from tests.factories import UserFactory

from .factories import (
    make_closed_draft,
    make_draft,
    make_organization,
    make_response,
    make_statement,
    mark_statement,
)
from .test_results import text_of

pytestmark = pytest.mark.django_db


def write_url(draft) -> str:
    return draft.url + draft.reverse_subpage("report_write")


def report_url(draft) -> str:
    return draft.url + draft.reverse_subpage("report_page")


@pytest.fixture
def staff(home):
    return UserFactory(username="casey_staff")


@pytest.fixture
def draft(staff):
    return make_closed_draft(make_organization(staff=[staff]))


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def form_data(draft, body="Most people want the Saturday hours kept.", **fields) -> dict:
    data = {"body": body, "action": "save"}
    for section in draft.sections.all():
        data[change_field(section.key)] = ""
    data.update(fields)
    return data


def test_only_the_organizations_own_staff_may_open_the_writing_page(client, draft, peer_moderator):
    other_staff = UserFactory(username="other_org_staff")
    make_organization("Eastside Outreach", staff=[other_staff])
    member = UserFactory(username="curious_member")

    assert client.get(write_url(draft)).status_code == 404
    for person in (member, other_staff, peer_moderator):
        client.force_login(person)
        assert client.get(write_url(draft)).status_code == 404
        assert client.post(write_url(draft), form_data(draft)).status_code == 404
    assert not HeardReport.objects.exists()


def test_staff_are_told_to_wait_until_the_consultation_closes(client, staff):
    draft = make_draft(make_organization("Open org", staff=[staff]))
    client.force_login(staff)

    page = client.get(write_url(draft))

    assert page.status_code == 200
    assert "You can write this once the consultation closes" in text_of(page.content)
    client.post(write_url(draft), form_data(draft))
    assert not HeardReport.objects.exists()


def test_a_saved_report_is_seen_only_by_staff_until_it_is_published(client, staff_client, draft):
    assert client.get(report_url(draft)).status_code == 404

    response = staff_client.post(write_url(draft), form_data(draft))

    assert response.status_code == 302
    report = HeardReport.objects.get(draft=draft)
    assert report.published_at is None
    assert client.get(report_url(draft)).status_code == 404
    preview = staff_client.get(report_url(draft))
    assert "Preview: this isn't published yet" in text_of(preview.content)


def test_publishing_tells_everyone_who_took_part_once(client, staff_client, staff, draft):
    respondent = UserFactory(username="river_respondent")
    voter = UserFactory(username="sky_voter")
    unsent = UserFactory(username="still_writing")
    statement = make_statement(draft, respondent=respondent)
    mark_statement(statement, voter)
    make_response(draft, entered_by=UserFactory(username="outreach_worker"))
    make_response(draft, respondent=unsent, submitted=False)

    staff_client.post(write_url(draft), form_data(draft, action="publish"))
    staff_client.post(write_url(draft), form_data(draft, action="publish"))

    notifications = Notification.objects.filter(kind=NotificationKind.CONSULTATION)
    assert sorted(n.recipient.username for n in notifications) == [
        "river_respondent",
        "sky_voter",
    ]
    (first, _second) = notifications
    assert first.url == report_url(draft)
    assert first.summary == (
        "An organization published what it heard from a consultation you took part in."
    )
    assert client.get(report_url(draft)).status_code == 200


def test_the_report_links_a_change_to_the_statements_that_led_to_it(client, staff_client, draft):
    statement = make_statement(draft, body="Open on Saturdays, please.")
    other = make_statement(draft, body="Not about this section.", section=1)
    section = draft.sections.first()
    data = form_data(
        draft,
        action="publish",
        **{
            change_field(section.key): "We kept Saturday hours because so many asked.",
            because_field(section.key): [str(statement.pk)],
        },
    )

    staff_client.post(write_url(draft), data)
    page = client.get(report_url(draft))

    text = text_of(page.content)
    assert "We kept Saturday hours because so many asked." in text
    assert f'href="{draft.url}#statement-{statement.pk}"' in page.content.decode()
    assert f"#statement-{other.pk}" not in page.content.decode()
    assert "No change in this section." in text


def test_the_form_offers_each_sections_own_statements(staff_client, draft):
    make_statement(draft, body="Open on Saturdays, please.")
    make_statement(draft, body="Exchange should stay open.", section=1)
    hidden = make_statement(draft, body="Hidden by moderators.")
    hidden.moderation_state = "hidden"
    hidden.save()
    no_consent = make_response(draft, comments={0: "Not for quoting."})

    page = text_of(staff_client.get(write_url(draft)).content)

    opening = page.split("Opening hours", 1)[1].split("Exchange policy")[0]
    assert "Open on Saturdays, please." in opening
    assert "Exchange should stay open." not in opening
    assert "Hidden by moderators." not in page
    assert "Not for quoting." not in page
    assert no_consent.comments.exists()


def test_linking_statements_without_saying_what_changed_is_refused_beside_the_box(
    staff_client, draft
):
    statement = make_statement(draft)
    section = draft.sections.first()
    data = form_data(draft, **{because_field(section.key): [str(statement.pk)]})

    page = staff_client.post(write_url(draft), data)

    assert page.status_code == 400
    assert "Say what changed and why, or untick the statements below." in text_of(page.content)
    assert "Most people want the Saturday hours kept." in page.content.decode()
    assert not HeardReport.objects.exists()


def test_a_statement_from_another_section_cannot_be_linked(staff, draft):
    statement = make_statement(draft, section=1)
    section = draft.sections.first()

    with pytest.raises(ValidationError) as refused:
        report_save(
            draft=draft,
            author=staff,
            body="What we heard.",
            changes={section.key: ChangeWritten("We changed it.", (statement.pk,))},
        )

    assert because_field(section.key) in refused.value.message_dict


def test_the_report_is_rendered_from_markdown_and_sanitized(client, staff_client, draft):
    body = "**Most** said keep it.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"

    staff_client.post(write_url(draft), form_data(draft, body=body, action="publish"))

    report = HeardReport.objects.get()
    assert "<strong>Most</strong>" in report.body_html
    assert "<script>" not in report.body_html
    assert 'href="javascript' not in report.body_html
    assert "<script>alert" not in client.get(report_url(draft)).content.decode()


def test_stigmatizing_words_get_a_nudge_before_saving(staff_client, draft):
    data = form_data(draft, body="Addicts told us the hours are too short.")

    page = staff_client.post(write_url(draft), data)

    assert page.status_code == 200
    assert 'name="nudge_acknowledged"' in page.content.decode()
    assert not HeardReport.objects.exists()
    staff_client.post(write_url(draft), {**data, "nudge_acknowledged": "1"})
    assert HeardReport.objects.get().body.startswith("Addicts")


def test_a_nudge_on_publishing_still_publishes_once_acknowledged(staff_client, draft):
    data = form_data(draft, body="Addicts told us the hours are too short.", action="publish")

    page = staff_client.post(write_url(draft), data)
    assert 'name="intended" value="publish"' in page.content.decode()
    del data["action"]
    staff_client.post(write_url(draft), {**data, "intended": "publish", "nudge_acknowledged": "1"})

    assert HeardReport.objects.get().published_at is not None


def test_a_report_published_on_time_says_so(client, staff_client, draft):
    staff_client.post(write_url(draft), form_data(draft, action="publish"))

    text = text_of(client.get(report_url(draft)).content)

    assert "On time" in text and "Updated" not in text


def test_a_late_report_says_how_late(client, staff, home):
    organization = make_organization("Late org", staff=[staff])
    draft = make_closed_draft(organization, days_ago=20, report_in=-3)
    report = report_save(draft=draft, author=staff, body="Late but here.", changes={})

    report_publish(report=report, by=staff)

    assert "3 days late" in text_of(client.get(report_url(draft)).content)


def test_editing_after_publishing_keeps_it_published_and_shows_it_was_updated(
    client, staff_client, staff, draft
):
    report = report_save(draft=draft, author=staff, body="First words.", changes={})
    report_publish(report=report, by=staff)
    HeardReport.objects.filter(pk=report.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=2),
        updated_at=timezone.now() - datetime.timedelta(days=2),
    )

    staff_client.post(write_url(draft), form_data(draft, body="Better words."))

    report.refresh_from_db()
    assert report.published_at is not None and report.body == "Better words."
    text = text_of(client.get(report_url(draft)).content)
    assert "Better words." in text and "Updated" in text
    assert Notification.objects.filter(kind=NotificationKind.CONSULTATION).count() == 0


def test_the_report_page_costs_the_same_queries_with_more_linked_statements(
    client, staff, home, page_costs
):
    drafts = []
    for title, count in (("Few", 1), ("Many", 12)):
        draft = make_closed_draft(make_organization(f"{title} org", staff=[staff]), title=title)
        statements = [make_statement(draft, body=f"Statement {n}.") for n in range(count)]
        report_save(
            draft=draft,
            author=staff,
            body="What we heard.",
            changes={
                section.key: ChangeWritten("Changed.", tuple(s.pk for s in statements))
                for section in draft.sections.all()[:1]
            },
        )
        report_publish(report=HeardReport.objects.get(draft=draft), by=staff)
        drafts.append(draft)

    few, many = page_costs(client, [report_url(draft) for draft in drafts])

    assert few == many
