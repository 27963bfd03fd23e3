"""The thread lists and the forum index: what they show, kept in the cache
between changes, and what they cost."""

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.models import User
from forum.listing import url_prefix
from forum.models import THREADS_PER_PAGE, Category, Thread
from forum.services.posting import post_create, thread_retitle
from forum.services.reading import thread_mark_read
from forum.services.thread_tools import thread_move, thread_tags_set
from moderation.models import ModerationState
from moderation.services import appeal_create, appeal_decide
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

# A member's category page once its rows and the member's marks are stored:
# only the member's own row (the session comes from the cache, and the
# header's parts are kept between requests); nothing of the list's own.
MEMBER_LIST_QUERY_BOUND = 1
# The forum index for a member: the same, and nothing of its own either.
MEMBER_INDEX_QUERY_BOUND = 1
# Once the member has read on or followed something: whether they follow the
# category, and how far they have read the threads on the page.
MEMBER_LIST_AFTER_READING_QUERY_BOUND = 3
# Once a change has made the stored rows stale: also the category's count, its
# page of threads and their tags.
MEMBER_LIST_AFTER_A_CHANGE_QUERY_BOUND = 6


def anonymous_get(url):
    # A fresh client each time: no cookies, like a first visit.
    return Client().get(url)


def test_a_signed_out_reader_gets_stored_lists_without_touching_the_database(
    home, django_assert_num_queries
):
    thread = make_thread(title="Naloxone at the pharmacy")
    category_url = thread.category.get_absolute_url()
    first_category, first_index = anonymous_get(category_url), anonymous_get("/forum/")

    with django_assert_num_queries(0):
        category_page = anonymous_get(category_url)
        index = anonymous_get("/forum/")

    assert category_page.content == first_category.content
    assert index.content == first_index.content
    assert "Naloxone at the pharmacy" in category_page.content.decode()
    assert "Naloxone at the pharmacy" in index.content.decode()
    assert "Cookie" in category_page["Vary"] and "Cookie" in index["Vary"]


def test_a_member_gets_the_stored_rows_with_their_own_unread_marks(client, home):
    category = CategoryFactory()
    thread = make_thread(category=category, title="Strips", replies=25)
    reader, other_reader = UserFactory(), UserFactory()
    client.force_login(reader)
    client.get(thread.get_absolute_url())  # reads posts 1 to 20 of 26
    other = Client()
    other.force_login(other_reader)
    other.get(thread.get_absolute_url() + "?page=2")  # reads everything

    assert "new: jump to first unread" in client.get(category.get_absolute_url()).content.decode()
    assert "new: jump" not in other.get(category.get_absolute_url()).content.decode()
    assert f'href="/forum/t/{thread.pk}/?unread=1"' in (
        client.get(category.get_absolute_url()).content.decode()
    )


def test_a_reply_held_for_review_is_nothing_new_to_those_who_cant_see_it(client, member, home):
    from moderation.services.records import content_state_set

    thread = make_thread(replies=2)
    client.force_login(member)
    client.get(thread.get_absolute_url())  # reads all three posts
    writer = UserFactory(trust_level=1)
    held = post_create(thread=thread, author=writer, body="Waiting for a second look.")
    content_state_set(held, ModerationState.HELD, "New member")

    assert "new: jump" not in client.get(thread.category.get_absolute_url()).content.decode()
    content_state_set(held, ModerationState.VISIBLE)
    assert "new: jump" in client.get(thread.category.get_absolute_url()).content.decode()


def test_the_jump_to_unread_skips_a_reply_held_for_review(client, member, home):
    from moderation.services.records import content_state_set

    thread = make_thread(replies=2)
    client.force_login(member)
    client.get(thread.get_absolute_url())  # reads all three posts
    held = post_create(thread=thread, author=UserFactory(trust_level=1), body="Held reply.")
    content_state_set(held, ModerationState.HELD, "New member")
    post_create(thread=thread, author=UserFactory(trust_level=1), body="Shown reply.")

    jump = client.get(f"{thread.get_absolute_url()}?unread=1")

    assert jump.url == f"{thread.get_absolute_url()}?page=1#post-5"


def test_a_member_who_never_opened_a_thread_sees_no_unread_mark(client, member, home):
    thread = make_thread(replies=3)
    client.force_login(member)

    assert "new: jump" not in client.get(thread.category.get_absolute_url()).content.decode()


def test_new_threads_replies_titles_and_tags_show_at_once(client, member, peer_moderator):
    category = CategoryFactory()
    thread = make_thread(category=category, title="Tester shots")
    url = category.get_absolute_url()
    client.force_login(member)
    anonymous_get(url), client.get(url), anonymous_get("/forum/"), client.get("/forum/")

    make_thread(category=category, title="Carrying naloxone")
    post_create(thread=thread, author=UserFactory(), body="Same here.")
    thread_retitle(thread=thread, editor=peer_moderator, title="Tester shots, every time")
    thread_tags_set(thread=thread, editor=thread.author, tags=["fentanyl"])

    for page in (anonymous_get(url), client.get(url)):
        text = page.content.decode()
        assert "Carrying naloxone" in text
        assert "Tester shots, every time" in text
        assert "1 reply" in text
        assert f'href="{reverse("forum:tag", kwargs={"tag": "fentanyl"})}"' in text
    for index in (anonymous_get("/forum/"), client.get("/forum/")):
        assert "2 threads" in index.content.decode()


@pytest.mark.parametrize("state", [ModerationState.HIDDEN, ModerationState.HELD])
def test_a_thread_hidden_or_held_leaves_stored_lists_at_once(client, member, home, state):
    thread = make_thread(title="Soon hidden")
    url = thread.category.get_absolute_url()
    client.force_login(member)
    anonymous_get(url), client.get(url), anonymous_get("/forum/"), client.get("/forum/")

    thread.set_moderation_state(state, reason="Hidden pending review: spam")
    thread.save()

    pages = [anonymous_get(url), client.get(url), anonymous_get("/forum/"), client.get("/forum/")]
    for page in pages:
        assert "Soon hidden" not in page.content.decode()


def test_a_list_is_not_served_from_versions_the_cache_lost(home):
    from django.core.cache import cache

    from forum import list_cache

    thread = make_thread(title="Soon hidden")
    url = thread.category.get_absolute_url()
    versions = [list_cache.FORUM_VERSION_KEY, list_cache._category_version_key(thread.category_id)]
    cache.delete_many(versions)  # as after a restart
    anonymous_get(url)
    thread.set_moderation_state(ModerationState.HIDDEN, reason="Hidden pending review: spam")
    thread.save()

    # Evicted under memory pressure, say: the version must not start over
    # from a value the stored page was made under.
    cache.delete_many(versions)

    assert "Soon hidden" not in anonymous_get(url).content.decode()


def test_a_moved_thread_leaves_its_old_list_and_comes_back_when_the_move_is_reversed(
    client, peer_moderator, home
):
    thread = make_thread(title="Where does this go")
    original, elsewhere = thread.category, CategoryFactory()
    for category in (original, elsewhere):
        anonymous_get(category.get_absolute_url())

    move = thread_move(
        thread=thread, moderator=peer_moderator, category=elsewhere, reason="Fits better"
    )
    assert "Where does this go" not in anonymous_get(original.get_absolute_url()).content.decode()
    assert "Where does this go" in anonymous_get(elsewhere.get_absolute_url()).content.decode()

    other = UserFactory()
    other.groups.add(Group.objects.get(name="Peer moderators"))
    appeal = appeal_create(action=move, appellant=thread.author, message="It fit here")
    appeal_decide(appeal=appeal, moderator=other, reverse=True, reason="It did")

    assert "Where does this go" in anonymous_get(original.get_absolute_url()).content.decode()
    assert "Where does this go" not in anonymous_get(elsewhere.get_absolute_url()).content.decode()


def test_a_category_turned_members_only_hides_its_stored_list_from_visitors(client, home):
    thread = make_thread(title="Private soon")
    url = thread.category.get_absolute_url()
    anonymous_get(url), anonymous_get("/forum/")

    category = Category.objects.get(pk=thread.category_id)
    category.is_members_only = True
    category.save()

    page = anonymous_get(url).content.decode()
    assert "This category is for members" in page and "Private soon" not in page
    assert "Private soon" not in anonymous_get("/forum/").content.decode()


def test_the_index_shows_members_only_activity_to_members_only(client, member, home):
    private = CategoryFactory(name="Members space", is_members_only=True)
    make_thread(category=private, title="Members talk")
    anonymous_get("/forum/")
    client.force_login(member)

    assert "Members talk" in client.get("/forum/").content.decode()
    assert "Members talk" not in anonymous_get("/forum/").content.decode()
    assert "Members talk" in client.get("/forum/").content.decode()


def test_a_new_handle_shows_on_stored_lists(home):
    author = UserFactory(username="old_handle")
    thread = make_thread(author=author)
    url = thread.category.get_absolute_url()
    anonymous_get(url)

    author = User.objects.get(pk=author.pk)
    author.username = "new_handle"
    author.save()

    page = anonymous_get(url).content.decode()
    assert "new_handle" in page and "old_handle" not in page


def test_list_pages_go_by_page_number_or_last_and_refuse_anything_else(client, home):
    category = CategoryFactory()
    for number in range(THREADS_PER_PAGE + 2):
        make_thread(category=category, title=f"Thread number {number}")
    url = category.get_absolute_url()

    first, last = anonymous_get(url), client.get(url + "?page=last")

    assert first.content.decode().count('class="thread-title"') == THREADS_PER_PAGE
    assert last.content.decode().count('class="thread-title"') == 2
    second = anonymous_get(url + "?page=2").content.decode()
    for page in (last.content.decode(), second):
        assert "Thread number 0" in page and "Thread number 1<" in page
        assert "Page 2 of 2" in page
    assert 'rel="next"' in first.content.decode()
    for page in ("3", "0", "two"):
        assert anonymous_get(f"{url}?page={page}").status_code == 404
    assert anonymous_get("/forum/c/no-such-category/").status_code == 404


def test_row_links_match_the_sites_own_addresses(client, home):
    thread = make_thread(title="Strips", tags=["harm reduction", "fentanyl-test"])

    page = client.get(thread.category.get_absolute_url()).content.decode()

    assert f'href="{thread.get_absolute_url()}"' in page
    for tag in ("harm reduction", "fentanyl-test"):
        assert f'href="{reverse("forum:tag", kwargs={"tag": tag})}"' in page
    assert url_prefix("forum:tag", tag="x") + "caf%C3%A9/" == reverse(
        "forum:tag", kwargs={"tag": "café"}
    )


def test_tag_pages_and_the_home_page_show_rows_with_their_category(client, home):
    thread = make_thread(title="Strips", tags=["fentanyl"])

    tag_page = client.get(reverse("forum:tag", kwargs={"tag": "fentanyl"})).content.decode()
    home_page = client.get("/").content.decode()

    for page in (tag_page, home_page):
        assert "Strips" in page
        assert f'href="{thread.category.get_absolute_url()}"' in page


def fill(category, threads: int) -> None:
    for number in range(threads):
        make_thread(category=category, title=f"Thread {number}", tags=["a", "b"], replies=1)


def member_costs(client, urls, *, then=None) -> list[int]:
    """Queries for each page on a second visit; `then` runs between the visits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    costs = []
    for url in urls:
        assert client.get(url).status_code == 200
        if then is not None:
            then()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        costs.append(len(queries))
    return costs


def test_lists_cost_the_same_at_3_and_30_threads(client, member, home):
    category = CategoryFactory()
    fill(category, 3)
    client.force_login(member)
    for thread in Thread.objects.all():
        client.get(thread.get_absolute_url())  # a read marker on each
    urls = [reverse("forum:index"), category.get_absolute_url()]

    def read_again():
        thread = Thread.objects.filter(category=category).first()
        thread_mark_read(user=member, thread=thread, position=thread.last_position + 1)

    def change_the_category():
        Thread.objects.filter(category=category).first().save()

    def costs():
        return (
            member_costs(client, urls),
            member_costs(client, urls[1:], then=read_again),
            member_costs(client, urls[1:], then=change_the_category),
        )

    small = costs()
    fill(category, 27)
    large = costs()

    assert small == large
    (index_cost, category_cost), (after_reading,), (after_a_change,) = large
    assert index_cost <= MEMBER_INDEX_QUERY_BOUND
    assert category_cost <= MEMBER_LIST_QUERY_BOUND
    assert after_reading <= MEMBER_LIST_AFTER_READING_QUERY_BOUND
    assert after_a_change <= MEMBER_LIST_AFTER_A_CHANGE_QUERY_BOUND


def test_watching_or_muting_a_category_shows_on_its_stored_page(client, member, home):
    category = CategoryFactory()
    make_thread(category=category)
    url = category.get_absolute_url()
    client.force_login(member)
    follow_url = reverse("forum:category_follow", kwargs={"slug": category.slug})
    assert "You're watching this." not in client.get(url).content.decode()

    client.post(follow_url, {"level": "watch", "next": url})
    assert "You're watching this." in client.get(url).content.decode()

    client.post(follow_url, {"level": "mute", "next": url})
    assert "Muted." in client.get(url).content.decode()
