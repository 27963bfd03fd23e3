"""The notifications table changes owner from the forum to this app without
losing a row. Migrates a real database back to before the move, writes
notifications the way the forum did, and migrates forwards again."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from forum.services.posting import post_create
from moderation.services import member_warn
from notifications.models import Notification
from tests.conftest import restore_what_migrations_create
from tests.factories import UserFactory, make_thread

BEFORE_THE_MOVE = [("forum", "0008_render_posts_again"), ("notifications", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


@pytest.fixture
def installed(transactional_db):
    """An earlier transactional test may have emptied what migrations create."""
    restore_what_migrations_create()


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_notifications_written_by_the_forum_survive_the_move_with_their_words(
    installed, member, peer_moderator
):
    thread = make_thread(author=member, title="Night out")
    reply = post_create(thread=thread, author=UserFactory(username="sky"), body="Hi")
    decision = member_warn(member=member, moderator=peer_moderator, reason="Please be kind.")
    Notification.objects.all().delete()

    try:
        old = migrate(BEFORE_THE_MOVE)
        OldNotification = old.get_model("forum", "Notification")
        OldNotification.objects.create(
            recipient_id=member.pk,
            kind="reply",
            actor_id=reply.author_id,
            thread_id=thread.pk,
            post_id=reply.pk,
        )
        OldNotification.objects.create(
            recipient_id=member.pk, kind="reaction", post_id=reply.pk, thread_id=thread.pk, count=3
        )
        OldNotification.objects.create(
            recipient_id=member.pk, kind="moderation", moderation_action_id=decision.pk
        )
    finally:
        migrate(latest())

    rows = {row.kind: row for row in Notification.objects.filter(recipient=member)}
    assert set(rows) == {"reply", "reaction", "moderation"}
    assert rows["reply"].summary == "sky replied in “Night out”"
    assert rows["reply"].url == reply.get_absolute_url()
    assert rows["reply"].sensitive is True
    assert rows["reaction"].summary == "3 people reacted to your post in “Night out”"
    assert rows["moderation"].summary == decision.member_message
    assert rows["moderation"].url == reverse("moderation:decision", kwargs={"pk": decision.pk})
    assert rows["moderation"].sensitive is False
    assert all(row.read_at is None and row.emailed_at is None for row in rows.values())


@pytest.mark.django_db
def test_on_a_fresh_database_the_forum_makes_the_table_and_notifications_take_it_over():
    executor = MigrationExecutor(connection)
    plan = [
        f"{migration.app_label}.{migration.name}"
        for migration, _backwards in executor.migration_plan(latest(), clean_start=True)
    ]

    assert (
        plan.index("forum.0002_social_features_and_reports")
        < plan.index("notifications.0001_initial")
        < plan.index("forum.0009_notification_moves_to_its_own_app")
    )
    assert plan.index("notifications.0001_initial") < plan.index(
        "notifications.0002_summary_url_sensitive"
    )
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, Notification._meta.db_table
            )
        }
    assert Notification._meta.db_table == "forum_notification"
    assert {"summary", "url", "sensitive", "read_at", "emailed_at"} <= columns
