from importlib import import_module

import pytest

from django.apps import apps

from forum.models import ExperienceReport, Post
from forum.services import thread_create
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def report_thread(title: str):
    return thread_create(
        category=CategoryFactory(),
        author=UserFactory(),
        title=title,
        body="Story",
        kind="experience",
        report={"year": 2025, "test_result": "positive", "naloxone_needed": "yes"},
    )


def test_reports_left_behind_by_deleted_opening_posts_are_removed():
    """As an erasure before the fix left them: the opening post emptied, the report kept."""
    erased = report_thread("Erased")
    Post.objects.filter(thread=erased, position=1).update(
        moderation_state="deleted", body_source="", body_html=""
    )
    removed_by_moderator = report_thread("Removed by a moderator")
    Post.objects.filter(thread=removed_by_moderator, position=1).update(moderation_state="deleted")
    report_thread("Kept")

    import_module(
        "forum.migrations.0007_remove_reports_of_deleted_opening_posts"
    ).reports_of_deleted_opening_posts_remove(apps, None)

    assert set(ExperienceReport.objects.values_list("thread__title", flat=True)) == {
        "Removed by a moderator",
        "Kept",
    }
