"""Held to the date: drafts close after their last day and everyone who took
part is told once; a report-by date passed with nothing published puts one
reminder in the review queue."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone

from consultations.models import DraftStatus, PolicyDraftPage
from consultations.report_queue import REPORT_OVERDUE
from consultations.services.closing import drafts_close_due, reports_overdue_queue
from consultations.services.reports import report_publish, report_save
from consultations.tasks import drafts_close_due as drafts_close_due_task
from consultations.tasks import reports_overdue_queue as reports_overdue_queue_task
from moderation.models import QueueItem
from notifications.models import Notification, NotificationKind
from tests.conftest import redis_reachable
from tests.factories import UserFactory

from .factories import (
    make_closed_draft,
    make_draft,
    make_organization,
    make_response,
    make_statement,
    mark_statement,
)


def consultation_notifications():
    return Notification.objects.filter(kind=NotificationKind.CONSULTATION)


def participants(draft):
    """Two members who responded, one who marked a statement, an outreach
    entry and a response never sent."""
    statement = make_statement(draft, respondent=UserFactory(username="river_respondent"))
    make_response(draft, respondent=UserFactory(username="lake_respondent"))
    mark_statement(statement, UserFactory(username="sky_voter"))
    make_response(draft, entered_by=UserFactory(username="outreach_worker"))
    make_response(draft, respondent=UserFactory(username="still_writing"), submitted=False)


@pytest.mark.django_db
def test_a_draft_closes_after_its_last_day_and_participants_are_told_once(home):
    organization = make_organization()
    due = make_closed_draft(organization, title="Due")
    still_open = make_draft(organization, title="Still open")
    participants(due)

    assert drafts_close_due() == 1
    assert drafts_close_due() == 0

    due.refresh_from_db()
    assert due.closed_at is not None and due.status == DraftStatus.CLOSED
    still_open.refresh_from_db()
    assert still_open.closed_at is None
    told = consultation_notifications()
    assert sorted(n.recipient.username for n in told) == [
        "lake_respondent",
        "river_respondent",
        "sky_voter",
    ]
    date = due.report_by.strftime("%B %-d, %Y")
    assert told[0].summary == (
        "A consultation you took part in has closed. The organization said it will "
        f"report back by {date}."
    )
    assert told[0].url == due.url + "results/"


@pytest.mark.django_db
def test_a_draft_is_open_all_of_its_last_day(home):
    draft = make_draft(make_organization(), closes_on=timezone.localdate())

    assert drafts_close_due() == 0
    assert drafts_close_due(today=timezone.localdate() + datetime.timedelta(days=1)) == 1
    draft.refresh_from_db()
    assert draft.closed_at is not None


@pytest.mark.django_db
def test_publishing_an_older_revision_does_not_reopen_a_closed_draft(home):
    draft = make_closed_draft(make_organization())
    revision = draft.save_revision()
    participants(draft)
    drafts_close_due()

    revision.publish()

    assert PolicyDraftPage.objects.get(pk=draft.pk).closed_at is not None
    assert drafts_close_due() == 0
    assert consultation_notifications().count() == 3


@pytest.mark.django_db
def test_a_report_overdue_opens_one_reminder_for_moderators(home):
    organization = make_organization()
    overdue = make_closed_draft(organization, title="Overdue", days_ago=40, report_in=-1)
    make_closed_draft(organization, title="Not yet due", days_ago=2, report_in=20)

    assert reports_overdue_queue() == 1
    assert reports_overdue_queue() == 0

    (item,) = QueueItem.objects.filter(kind=REPORT_OVERDUE.key)
    assert item.subject == overdue
    assert "Riverside Syringe Services owes a report on “Overdue”" in item.summary


@pytest.mark.django_db
def test_a_reminder_a_moderator_closed_is_not_opened_again(home):
    make_closed_draft(make_organization(), days_ago=40, report_in=-1)
    reports_overdue_queue()
    QueueItem.objects.filter(kind=REPORT_OVERDUE.key).update(status="resolved")

    assert reports_overdue_queue() == 0
    assert QueueItem.objects.filter(kind=REPORT_OVERDUE.key).count() == 1


@pytest.mark.django_db
def test_publishing_the_report_closes_its_reminder_and_a_published_one_is_never_overdue(home):
    staff = UserFactory(username="casey_staff")
    organization = make_organization(staff=[staff])
    late = make_closed_draft(organization, title="Late", days_ago=40, report_in=-1)
    on_time = make_closed_draft(organization, title="Reported", days_ago=40, report_in=-1)
    report_publish(
        report=report_save(draft=on_time, author=staff, body="Heard.", changes={}), by=staff
    )
    reports_overdue_queue()

    (item,) = QueueItem.objects.filter(kind=REPORT_OVERDUE.key)
    assert item.subject == late
    late_report = report_save(draft=late, author=staff, body="Heard.", changes={})
    report_publish(report=late_report, by=staff)

    item.refresh_from_db()
    assert not item.is_open
    assert item.outcome == "The organization published its report."


@pytest.mark.django_db
def test_only_moderators_see_the_reminder_which_links_to_the_draft_and_organization(
    client, home, peer_moderator
):
    draft = make_closed_draft(make_organization(), days_ago=40, report_in=-1)
    reports_overdue_queue()
    item = QueueItem.objects.get(kind=REPORT_OVERDUE.key)
    trusted = UserFactory(username="trusted_member", trust_level=3)

    client.force_login(trusted)
    assert client.get(item.get_absolute_url()).status_code in (403, 404)
    client.force_login(peer_moderator)
    page = client.get(item.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{draft.url}"' in html
    assert f'href="{draft.organization.get_absolute_url()}"' in html
    assert "Reports owed" in html


def test_the_jobs_are_scheduled_with_the_other_periodic_jobs(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "consultations.tasks.drafts_close_due" in tasks
    assert "consultations.tasks.reports_overdue_queue" in tasks


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down")
def test_the_closing_job_on_a_real_worker_closes_notifies_once_and_then_does_nothing(
    real_worker,
):
    from peerkb.services import site_setup

    site_setup()
    draft = make_closed_draft(make_organization())
    participants(draft)

    assert drafts_close_due_task.delay().get(timeout=30) == 1
    first_closed_at = PolicyDraftPage.objects.get(pk=draft.pk).closed_at
    assert drafts_close_due_task.delay().get(timeout=30) == 0

    assert first_closed_at is not None
    assert PolicyDraftPage.objects.get(pk=draft.pk).closed_at == first_closed_at
    assert consultation_notifications().count() == 3


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down")
def test_the_overdue_job_on_a_real_worker_opens_one_queue_item(real_worker):
    from peerkb.services import site_setup

    site_setup()
    make_closed_draft(make_organization(), days_ago=40, report_in=-1)
    Group.objects.get_or_create(name="Peer moderators")

    assert reports_overdue_queue_task.delay().get(timeout=30) == 1
    assert reports_overdue_queue_task.delay().get(timeout=30) == 0

    assert QueueItem.objects.filter(kind=REPORT_OVERDUE.key, status="open").count() == 1
