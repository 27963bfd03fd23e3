import json

import pytest

from django.urls import reverse

from forum.models import (
    Bookmark,
    ExperienceReport,
    Following,
    ForumPreferences,
    Post,
    Reaction,
    Thread,
)
from forum.services.posting import post_create
from notifications.models import Notification
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_reaction_toggles_with_json_for_the_page_script(client, member, home):
    post = make_thread().posts.get()
    client.force_login(member)
    url = reverse("forum:react", kwargs={"pk": post.pk})

    added = client.post(url, {"kind": "support"}, HTTP_ACCEPT="application/json")
    removed = client.post(url, {"kind": "support"}, HTTP_ACCEPT="application/json")

    assert json.loads(added.content) == {"kind": "support", "active": True, "count": 1}
    assert json.loads(removed.content) == {"kind": "support", "active": False, "count": 0}


def test_a_reaction_works_as_a_plain_form_post_without_javascript(client, member, home):
    post = make_thread().posts.get()
    client.force_login(member)

    response = client.post(reverse("forum:react", kwargs={"pk": post.pk}), {"kind": "helpful"})

    assert response.url == post.get_absolute_url()
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert 'aria-pressed="true">Helpful <span>1</span>' in page


def test_members_cannot_react_to_their_own_posts_or_invent_reactions(client, member, home):
    own = make_thread(author=member).posts.get()
    other = make_thread(title="Other").posts.get()
    client.force_login(member)

    own_response = client.post(reverse("forum:react", kwargs={"pk": own.pk}), {"kind": "support"})
    invented = client.post(reverse("forum:react", kwargs={"pk": other.pk}), {"kind": "downvote"})

    assert own_response.status_code == 403
    assert invented.status_code == 400
    assert not Reaction.objects.exists()


def test_bookmarks_are_listed_and_can_be_removed(client, member, home):
    post = make_thread(title="Worth keeping").posts.get()
    client.force_login(member)

    client.post(reverse("forum:bookmark", kwargs={"pk": post.pk}))
    assert "Worth keeping" in client.get(reverse("forum:bookmarks")).content.decode()
    client.post(reverse("forum:bookmark", kwargs={"pk": post.pk}))

    assert not Bookmark.objects.exists()
    assert "No bookmarks yet" in client.get(reverse("forum:bookmarks")).content.decode()


def test_watch_and_mute_from_thread_category_and_tag_pages(client, member, home):
    thread = make_thread(tags=["benzos"])
    client.force_login(member)

    client.post(reverse("forum:thread_follow", kwargs={"pk": thread.pk}), {"level": "mute"})
    client.post(
        reverse("forum:category_follow", kwargs={"slug": thread.category.slug}),
        {"level": "watch"},
    )
    client.post(reverse("forum:tag_follow", kwargs={"tag": "benzos"}), {"level": "watch"})

    levels = set(Following.objects.filter(user=member).values_list("level", flat=True))
    assert levels == {"mute", "watch"}
    assert "Unmute" in client.get(thread.get_absolute_url()).content.decode()

    client.post(reverse("forum:thread_follow", kwargs={"pk": thread.pk}), {"level": ""})
    assert not Following.objects.filter(user=member, thread=thread).exists()


def test_the_asker_marks_the_reply_that_helped(client, member, home):
    thread = make_thread(author=member, kind="question", replies=2)
    reply = thread.posts.get(position=3)
    client.force_login(member)

    client.post(reverse("forum:helpful", kwargs={"pk": reply.pk}))

    thread.refresh_from_db()
    assert thread.helpful_post == reply
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "marked this reply as the one that helped" in page

    client.force_login(UserFactory())
    assert client.post(reverse("forum:helpful", kwargs={"pk": reply.pk})).status_code == 403


def test_unread_markers_and_jump_to_the_first_unread_post(client, member, home):
    thread = make_thread(replies=25)
    client.force_login(member)
    client.get(thread.get_absolute_url())  # reads page 1: posts 1 to 20

    category_page = client.get(thread.category.get_absolute_url()).content.decode()
    assert "new: jump to first unread" in category_page
    jump = client.get(f"/forum/t/{thread.pk}/?unread=1", follow=False)
    jump = client.get(jump.url) if jump.url.startswith(f"/forum/t/{thread.pk}/?") else jump
    assert jump.url == f"{thread.get_absolute_url()}?page=2#post-21"

    client.get(jump.url.split("#")[0])
    assert "new: jump" not in client.get(thread.category.get_absolute_url()).content.decode()


def test_an_experience_report_keeps_its_structure_and_no_place(client, member, home):
    category = CategoryFactory()
    client.force_login(member)
    data = {
        "category": category.pk,
        "title": "Tried a tester shot",
        "kind": "experience",
        "content_warning": "",
        "tags": "",
        "body": "Went slow and it was fine.",
        "report-month": "3",
        "report-year": "2026",
        "report-test_method": "fentanyl strip",
        "report-test_result": "negative",
        "report-used_alone": "no",
        "report-naloxone_needed": "no",
        "report-setting": "At home with a friend",
        "report-would_do_differently": "Bring more strips.",
        "doses-TOTAL_FORMS": "3",
        "doses-INITIAL_FORMS": "0",
        "doses-MIN_NUM_FORMS": "0",
        "doses-MAX_NUM_FORMS": "10",
        "doses-0-substance": "heroin",
        "doses-0-amount": "10",
        "doses-0-unit": "mg",
        "doses-0-route": "smoked",
        "doses-0-minutes_in": "0",
        "doses-1-substance": "heroin",
        "doses-1-amount": "5",
        "doses-1-unit": "mg",
        "doses-1-route": "smoked",
        "doses-1-minutes_in": "45",
    }

    response = client.post(reverse("forum:thread_create"), data)

    thread = Thread.objects.get()
    assert response.url == thread.get_absolute_url()
    report = ExperienceReport.objects.get(thread=thread)
    assert (report.month, report.year, report.test_result) == (3, 2026, "negative")
    assert [dose.minutes_in for dose in report.doses.all()] == [0, 45]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "March 2026" in page
    assert "+45 min" in page
    assert "Negative (fentanyl strip)" in page
    field_names = {field.name for field in ExperienceReport._meta.get_fields()}
    assert not field_names & {"date", "day", "place", "location", "city", "address"}


def test_an_experience_report_without_a_substance_says_so_and_keeps_the_story(client, member, home):
    client.force_login(member)

    response = client.post(
        reverse("forum:thread_create"),
        {
            "category": CategoryFactory().pk,
            "title": "A report",
            "kind": "experience",
            "body": "The story I typed",
            "report-test_result": "not_tested",
            "doses-TOTAL_FORMS": "3",
            "doses-INITIAL_FORMS": "0",
            "doses-MIN_NUM_FORMS": "0",
            "doses-MAX_NUM_FORMS": "10",
        },
    )

    page = response.content.decode()
    assert "Add at least one substance" in page
    assert "The story I typed</textarea>" in page
    assert not Thread.objects.exists()


def test_content_warning_preferences_open_or_keep_closed(client, member, home):
    thread = make_thread(content_warning="overdose", body="Story")
    client.force_login(member)
    assert (
        '<details class="content-warning">'
        in client.get(thread.get_absolute_url()).content.decode()
    )

    ForumPreferences.objects.update_or_create(
        user=member, defaults={"always_expand_warnings": True}
    )
    assert 'class="content-warning" open' in client.get(thread.get_absolute_url()).content.decode()

    ForumPreferences.objects.filter(user=member).update(hidden_warnings=["overdose"])
    assert (
        'class="content-warning" open' not in client.get(thread.get_absolute_url()).content.decode()
    )


def test_the_preferences_page_saves(client, member, home):
    client.force_login(member)

    client.post(
        reverse("forum:preferences"),
        {"always_expand_warnings": "on", "hidden_warnings": ["self_harm", "violence"]},
    )

    preferences = ForumPreferences.objects.get(user=member)
    assert preferences.auto_watch is False
    assert preferences.always_expand_warnings is True
    assert preferences.hidden_warnings == ["self_harm", "violence"]


def test_bookmarks_and_notifications_forget_threads_that_were_hidden(client, member, home):
    from moderation.models import ModerationState

    thread = make_thread(author=member, title="Soon hidden")
    reply = post_create(thread=thread, author=UserFactory(), body="hello")
    Bookmark.objects.create(user=member, post=reply)
    Notification.objects.create(recipient=member, kind="reply", thread=thread, post=reply)
    Thread.objects.filter(pk=thread.pk).update(moderation_state=ModerationState.HIDDEN)
    client.force_login(member)

    assert "Soon hidden" not in client.get(reverse("forum:bookmarks")).content.decode()
    page = client.get(reverse("notifications")).content.decode()
    assert "Soon hidden" not in page
    assert 'class="count"' not in page


def test_a_post_that_is_not_visible_cannot_be_bookmarked(client, member, home):
    from moderation.models import ModerationState

    post = make_thread().posts.get()
    Post.objects.filter(pk=post.pk).update(moderation_state=ModerationState.HELD)
    client.force_login(member)

    response = client.post(reverse("forum:bookmark", kwargs={"pk": post.pk}))

    assert response.status_code == 403
    assert not Bookmark.objects.exists()
