from importlib import import_module

import pytest

from django.apps import apps

from forum.models import ExperienceReport, Post
from forum.services.posting import thread_create
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


def test_posts_saved_before_the_link_rules_are_rendered_again_from_their_words():
    from tests.factories import make_thread

    UserFactory(username="sam")
    post = make_thread(body="Ask @sam, or see data:text/html,hello").posts.get()
    # As the old renderer stored it: the foreign scheme linked, the mention not.
    Post.objects.filter(pk=post.pk).update(
        body_html='<p>Ask @sam, or see <a href="data:text/html,hello">data:text/html,hello</a></p>'
    )

    import_module("forum.migrations.0008_render_posts_again").posts_render_again(apps, None)

    html = Post.objects.get(pk=post.pk).body_html
    assert 'href="data:' not in html
    assert 'href="/members/sam/"' in html


def test_threads_saved_with_a_slug_now_taken_by_a_thread_address_open_again(client, home):
    from forum.models import Thread
    from tests.factories import make_thread

    thread = make_thread(title="Actions", replies=1)
    # As a thread started before the page form had /actions/ stored its slug.
    Thread.objects.filter(pk=thread.pk).update(slug="actions")
    kept = make_thread(title="Actions we took")

    import_module("forum.migrations.0010_thread_slugs_clear_of_addresses").slugs_move(apps, None)

    thread.refresh_from_db()
    assert thread.slug == "actions-thread"
    assert Thread.objects.get(pk=kept.pk).slug == "actions-we-took"
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "Reply number 0." in response.content.decode()
