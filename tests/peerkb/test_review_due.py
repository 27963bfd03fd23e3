"""Articles come back to the review queue when their check falls due."""

from datetime import timedelta

import pytest

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.models import PageLogEntry

from moderation.models import ActionKind, ModerationAction, QueueItem
from moderation.services import queue_escalate
from peerkb.models import ArticlePage, AuthorProfile
from peerkb.review import article_mark_reviewed, articles_review_due_queue
from peerkb.tasks import articles_review_due
from peersite.celery import app
from tests.conftest import redis_reachable, restore_what_migrations_create
from tests.factories import make_article, make_peer

DUE = "article_review_due"


def make_overdue(article, *, days=400):
    long_ago = timezone.now() - timedelta(days=days)
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=long_ago,
        review_due_at=ArticlePage.review_due_for(long_ago, article.review_every_months),
    )
    return ArticlePage.objects.get(pk=article.pk)


def open_items():
    return QueueItem.objects.open().filter(kind=DUE)


@pytest.mark.django_db
def test_the_review_date_is_a_year_after_the_last_review_by_default(home):
    article = make_article(title="Checked today")

    assert article.review_every_months == 12
    assert article.review_due_at - article.last_reviewed_at >= timedelta(days=365)
    assert not article.review_is_overdue


@pytest.mark.django_db
def test_a_shorter_review_interval_brings_the_date_forward(home):
    article = make_article(title="Fast-changing")
    article.review_every_months = 6
    article.save()

    assert timedelta(days=180) <= article.review_due_at - article.last_reviewed_at
    assert article.review_due_at - article.last_reviewed_at <= timedelta(days=184)


@pytest.mark.django_db
def test_the_daily_job_queues_each_overdue_article_once(home):
    overdue = make_overdue(make_article(title="Old one"))
    make_article(title="Fresh one")
    unpublished = make_overdue(make_article(title="Draft", live=False))

    assert articles_review_due_queue() == 1
    assert articles_review_due_queue() == 0
    assert list(open_items().values_list("object_id", flat=True)) == [overdue.pk]
    assert unpublished.pk not in open_items().values_list("object_id", flat=True)


@pytest.mark.django_db
def test_marking_still_accurate_moves_the_dates_and_closes_the_item(client, home):
    reviewer = make_peer("rio", "Peer reviewers")
    article = make_overdue(make_article(title="Old one"))
    articles_review_due_queue()
    item = open_items().get()
    client.force_login(reviewer)

    response = client.post(f"/moderation/articles/{item.pk}/still-accurate/")

    assert response.status_code == 302
    article.refresh_from_db()
    assert timezone.now() - article.last_reviewed_at < timedelta(minutes=1)
    assert article.review_due_at > timezone.now() + timedelta(days=360)
    assert list(article.reviewed_by.all()) == [reviewer]
    item.refresh_from_db()
    assert not item.is_open and item.resolved_by == reviewer and item.outcome == "Still accurate"
    record = ModerationAction.objects.get(action=ActionKind.REVIEWED)
    assert record.actor == reviewer and record.actor_public_name == "a peer reviewer"
    assert PageLogEntry.objects.filter(page=article, action="peerkb.marked_reviewed").exists()
    assert "Peers last checked" not in client.get("/kb/old-one/").content.decode()


@pytest.mark.django_db
def test_the_author_of_an_article_cannot_mark_it_still_accurate(client, home):
    author = make_peer("dee", "Peer authors", "Peer reviewers")
    article = make_overdue(
        make_article(title="Mine", author=AuthorProfile.objects.for_member(author))
    )
    articles_review_due_queue()
    item = open_items().get()
    client.force_login(author)

    page = client.get(item.get_absolute_url()).content.decode()
    client.post(f"/moderation/articles/{item.pk}/still-accurate/")

    assert "You wrote this article, so another peer checks it." in page
    assert ArticlePage.objects.get(pk=article.pk).review_is_overdue
    assert open_items().exists()


@pytest.mark.django_db
def test_members_who_are_not_reviewers_never_see_article_reviews(client, member, home):
    make_overdue(make_article(title="Old one"))
    articles_review_due_queue()
    item = open_items().get()
    client.force_login(member)

    assert client.get(item.get_absolute_url()).status_code == 403
    assert client.post(f"/moderation/articles/{item.pk}/still-accurate/").status_code == 403


@pytest.mark.django_db
def test_a_review_item_links_the_live_article_and_its_editor(client, home):
    reviewer = make_peer("rio", "Peer reviewers")
    article = make_overdue(make_article(title="Old one"))
    articles_review_due_queue()
    client.force_login(reviewer)

    page = client.get(open_items().get().get_absolute_url()).content.decode()

    assert 'href="/kb/old-one/"' in page
    assert f'href="/admin/pages/{article.pk}/edit/"' in page
    assert "Still accurate" in page


@pytest.mark.django_db
def test_a_review_waiting_48_hours_is_escalated_to_every_moderator(home):
    from notifications.models import Notification

    moderator = make_peer("jules", "Peer moderators")
    make_overdue(make_article(title="Old one"))
    articles_review_due_queue()
    item = open_items().get()

    assert queue_escalate(now=timezone.now() + timedelta(hours=47)) == 0
    assert queue_escalate(now=timezone.now() + timedelta(hours=49)) == 1
    assert Notification.objects.filter(recipient=moderator, queue_item=item).exists()


@pytest.mark.django_db
def test_a_new_peer_approved_version_closes_the_review_item(home):
    article = make_overdue(make_article(title="Old one"))
    articles_review_due_queue()
    author = make_peer("dee", "Peer authors")
    draft = article.get_latest_revision_as_object()
    draft.summary = "Updated after a check."
    draft.save_revision(user=author)
    article.get_workflow().start(article, author)
    for name in ("rio", "noor"):
        task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
        task_state.task.specific.on_action(task_state, make_peer(name, "Peer reviewers"), "approve")

    assert not open_items().exists()
    assert not ArticlePage.objects.get(pk=article.pk).review_is_overdue


@pytest.mark.django_db
def test_only_peer_reviewers_can_mark_an_article_still_accurate(home):
    member = make_peer("sam")
    article = make_article(title="Old one")

    with pytest.raises(PermissionDenied, match="Only peer reviewers"):
        article_mark_reviewed(article=article, reviewer=member)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down")
def test_the_review_due_job_runs_on_a_real_worker_once_per_article():
    from celery.contrib.testing.worker import start_worker

    from peerkb.services import peer_groups_ensure, site_pages_ensure

    restore_what_migrations_create()
    peer_groups_ensure(home=site_pages_ensure())
    reviewer = make_peer("rio", "Peer reviewers")
    article = make_overdue(make_article(title="Old one"))
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            assert articles_review_due.delay().get(timeout=30) == 1
            assert articles_review_due.delay().get(timeout=30) == 0
            assert open_items().count() == 1

            article_mark_reviewed(article=article, reviewer=reviewer, item=open_items().get())
            assert articles_review_due.delay().get(timeout=30) == 0
    finally:
        app.conf.task_always_eager = True

    article.refresh_from_db()
    assert not open_items().exists()
    assert timezone.now() - article.last_reviewed_at < timedelta(minutes=1)
    assert not article.review_is_overdue


@pytest.mark.django_db
def test_a_routine_check_keeps_the_peers_who_approved_the_version(home):
    approvers = [make_peer(name, "Peer reviewers") for name in ("rio", "noor")]
    checker = make_peer("lee", "Peer reviewers")
    article = make_overdue(make_article(title="Old one", reviewers=approvers))

    article_mark_reviewed(article=article, reviewer=checker)

    assert set(article.reviewed_by.values_list("username", flat=True)) == {"rio", "noor", "lee"}


@pytest.mark.django_db
def test_one_peers_check_cannot_clear_an_article_published_without_review(client, home):
    from peerkb.review import article_published

    article = make_article(title="Urgent fix", live=False)
    article.get_latest_revision().publish()
    article_published(
        article=article, revision=ArticlePage.objects.get(pk=article.pk).live_revision
    )
    reviewer = make_peer("noor", "Peer reviewers")
    item = open_items().get()
    client.force_login(reviewer)

    page = client.get(item.get_absolute_url()).content.decode()
    client.post(f"/moderation/articles/{item.pk}/still-accurate/")

    assert "two peers need to approve it" in page
    assert ArticlePage.objects.get(pk=article.pk).published_without_review_at is not None
    assert open_items().get() == item


@pytest.mark.django_db
def test_the_public_log_names_the_article_it_checked(client, home):
    reviewer = make_peer("rio", "Peer reviewers")
    article = make_overdue(make_article(title="Old one"))

    article_mark_reviewed(article=article, reviewer=reviewer)

    log = client.get("/moderation/log/").content.decode()
    assert "Checked an article: still accurate" in log
    assert '<a href="/kb/old-one/">Old one</a>' in log
    assert "rio" not in log
