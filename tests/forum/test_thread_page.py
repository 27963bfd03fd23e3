"""A member's thread page: what it costs, and that the parts kept for every
reader never show one member what is another's, or what was since hidden."""

import json
import re

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.models import Ignore
from core.buffers import buffer_client
from forum import thread_page
from forum.models import Bookmark, ForumPreferences, Post, Reaction, ThreadKind
from forum.services.posting import post_create, post_edit
from forum.services.social import post_mark_helpful, reaction_toggle
from moderation.models import ModerationState
from moderation.services.records import content_state_set
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def member_thread_queries() -> int:
    """What a member's thread page costs, whatever the number of posts on it:
    the member, the thread, and what is theirs on it (reactions, bookmarks,
    following, ignores, preferences) in one query. Without a Redis buffer the
    read marker is read and written at once (tests/forum/test_reading.py)."""
    return 3 if buffer_client() is not None else 4


# Raw HTML of a page of 20 replies of a few sentences each.
MEMBER_THREAD_BYTES = 30_000
BODY = (
    "Tested a batch from the same person as last week and the strip lit up. "
    "Went much slower, with a friend around and naloxone on the table."
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_of(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_thread_page_costs_the_same_queries_at_2_and_20_posts(home, page_costs):
    small = make_thread(replies=1)
    large = make_thread(title="Busy thread", replies=19)
    reader = UserFactory(trust_level=1)
    for thread in (small, large):
        for post in thread.posts.all()[:3]:
            reaction_toggle(post=post, user=reader, kind="support")
        Bookmark.objects.create(user=reader, post=thread.posts.last())

    counts = page_costs(signed_in(reader), [small.get_absolute_url(), large.get_absolute_url()])

    assert counts == [member_thread_queries()] * 2


def test_a_member_page_of_20_posts_stays_light_with_one_form(home):
    thread = make_thread(body=BODY)
    for _number in range(19):
        post_create(thread=thread, author=UserFactory(), body=BODY)
    reader = UserFactory(trust_level=1)

    page = page_of(signed_in(reader), thread)

    assert len(page.encode()) <= MEMBER_THREAD_BYTES
    assert page.count("<article") == 20
    # The page form, the reply form and the header's log out: not one per post.
    assert page.count("csrfmiddlewaretoken") == 3
    assert page.count('form="post-actions" name="react"') == 60
    assert page.count('form="post-actions" name="bookmark"') == 20


def test_reacting_bookmarking_and_marking_what_helped_work_without_javascript(home):
    asker = UserFactory(trust_level=1)
    thread = make_thread(author=asker, kind=ThreadKind.QUESTION, replies=1)
    reply = thread.posts.get(position=2)
    client = signed_in(asker)
    actions = reverse("forum:thread_actions", kwargs={"pk": thread.pk})
    back = thread.get_absolute_url()

    reacted = client.post(actions, {"react": f"{reply.pk}:helpful", "next": back})
    bookmarked = client.post(actions, {"bookmark": str(reply.pk), "next": back}, follow=True)
    helped = client.post(actions, {"helpful": str(reply.pk), "next": back})

    assert reacted.url == reply.get_absolute_url()
    assert Reaction.objects.filter(post=reply, user=asker, kind="helpful").exists()
    assert bookmarked.redirect_chain[0][0] == f"{back}#post-2"
    assert "Bookmarked." in bookmarked.content.decode()
    assert helped.url == f"{back}#post-2"
    page = page_of(client, thread)
    assert f'value="{reply.pk}:helpful" aria-pressed="true">Helpful <span>1</span>' in page
    assert "Remove bookmark" in page
    assert "Unmark: this helped" in page
    assert "The asker marked this reply as the one that helped" in page


def test_the_page_script_gets_json_from_the_page_form(home, member):
    thread = make_thread(replies=1)
    reply = thread.posts.get(position=2)
    client = signed_in(member)
    actions = reverse("forum:thread_actions", kwargs={"pk": thread.pk})

    response = client.post(
        actions, {"react": f"{reply.pk}:support"}, HTTP_ACCEPT="application/json"
    )

    assert json.loads(response.content) == {"kind": "support", "active": True, "count": 1}


@pytest.mark.parametrize(
    "field", [{"react": "abc:support"}, {"bookmark": "9" * 30}, {"helpful": "-1"}]
)
def test_the_page_form_refuses_odd_values_with_not_found(home, member, field):
    thread = make_thread(replies=1)
    response = signed_in(member).post(
        reverse("forum:thread_actions", kwargs={"pk": thread.pk}), field
    )

    assert response.status_code == 404
    assert not Reaction.objects.exists() and not Bookmark.objects.exists()


def test_the_page_form_acts_only_on_posts_of_its_own_thread(home, member):
    thread = make_thread(replies=1)
    elsewhere = make_thread(title="Elsewhere", replies=1).posts.get(position=2)

    response = signed_in(member).post(
        reverse("forum:thread_actions", kwargs={"pk": thread.pk}),
        {"react": f"{elsewhere.pk}:support"},
    )

    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_signed_out_the_page_form_asks_to_sign_in_and_comes_back_to_the_thread(client, home):
    thread = make_thread(replies=1)
    actions = reverse("forum:thread_actions", kwargs={"pk": thread.pk})

    posted = client.post(actions, {"bookmark": str(thread.posts.last().pk)})
    client.force_login(UserFactory())
    after_sign_in = client.get(actions)

    assert posted.status_code == 302 and "/login/" in posted.url
    assert after_sign_in.url == thread.get_absolute_url()


def test_one_members_reactions_and_bookmarks_never_show_on_anothers_page(home):
    thread = make_thread(replies=2)
    first, second = UserFactory(), UserFactory()
    reply = thread.posts.get(position=2)
    reaction_toggle(post=reply, user=first, kind="same_here")
    Bookmark.objects.create(user=first, post=reply)

    first_page = page_of(signed_in(first), thread)
    second_page = page_of(signed_in(second), thread)

    pressed = f'value="{reply.pk}:same_here" aria-pressed="true">Same here <span>1</span>'
    assert pressed in first_page and "Remove bookmark" in first_page
    assert pressed not in second_page and "Remove bookmark" not in second_page
    assert (
        f'value="{reply.pk}:same_here" aria-pressed="false">Same here <span>1</span>' in second_page
    )


def test_what_changes_in_a_thread_shows_on_the_next_member_page(home, member):
    thread = make_thread(replies=1)
    reply = thread.posts.get(position=2)
    reader = signed_in(member)
    assert "Reply number 0." in page_of(reader, thread)

    post_edit(post=reply, editor=reply.author, body="Changed my mind about the dose.")
    edited = page_of(reader, thread)
    reaction_toggle(post=reply, user=UserFactory(), kind="support")
    reacted = page_of(reader, thread)
    content_state_set(reply, ModerationState.HIDDEN, "Hidden pending review")
    hidden = page_of(reader, thread)

    assert "Changed my mind about the dose." in edited and "Reply number 0." not in edited
    assert f'value="{reply.pk}:support" aria-pressed="false">Support <span>1</span>' in reacted
    assert "Changed my mind about the dose." not in hidden
    assert "Hidden pending review" in hidden


def test_a_held_reply_stays_with_its_author_and_moderators_on_a_kept_page(
    home, member, peer_moderator
):
    thread = make_thread(replies=1)
    writer = UserFactory(trust_level=1)
    held = post_create(thread=thread, author=writer, body="Waiting for a second look.")
    content_state_set(held, ModerationState.HELD, "New member")

    pages = {
        "writer": page_of(signed_in(writer), thread),
        "member": page_of(signed_in(member), thread),
        "moderator": page_of(signed_in(peer_moderator), thread),
    }

    assert "Waiting for a second look." in pages["writer"]
    assert "Only you can see this for now." in pages["writer"]
    assert "Waiting for a second look." not in pages["member"]
    assert "Waiting for a second look." in pages["moderator"]
    assert "Held for review: only its author and moderators can see it." in pages["moderator"]


def test_an_ignored_members_posts_fold_only_for_who_ignores_them(home):
    thread = make_thread(replies=1)
    reply = thread.posts.get(position=2)
    ignoring, other = UserFactory(), UserFactory()
    Ignore.objects.create(user=ignoring, ignored=reply.author)

    folded = page_of(signed_in(ignoring), thread)
    shown = page_of(signed_in(other), thread)

    assert f"You're ignoring {reply.author.username}. Show this post." in folded
    assert "You're ignoring" not in shown
    assert "Reply number 0." in shown


def test_content_warnings_open_only_for_members_who_asked(home):
    thread = make_thread(content_warning="overdose", replies=1)
    opens, keeps_closed = UserFactory(), UserFactory()
    ForumPreferences.objects.create(user=opens, always_expand_warnings=True)

    opened = page_of(signed_in(opens), thread)
    closed = page_of(signed_in(keeps_closed), thread)

    assert '<details class="content-warning" open>' in opened
    assert '<details class="content-warning">' in closed
    assert '<details class="content-warning" open>' not in closed


def test_reading_a_thread_creates_no_settings_row(home, member):
    thread = make_thread(replies=1)

    page_of(signed_in(member), thread)

    assert not ForumPreferences.objects.filter(user=member).exists()


def test_a_moderator_sees_edit_links_a_member_sees_only_their_own(home, member, peer_moderator):
    thread = make_thread(author=member, replies=1)
    own, other = thread.posts.get(position=1), thread.posts.get(position=2)

    member_page = page_of(signed_in(member), thread)
    moderator_page = page_of(signed_in(peer_moderator), thread)

    edit = "/forum/p/{}/edit/"
    assert edit.format(own.pk) in member_page and edit.format(other.pk) not in member_page
    assert edit.format(own.pk) in moderator_page and edit.format(other.pk) in moderator_page
    # Flag links go to others' posts only.
    assert f"/moderation/flag/forum.post/{own.pk}/" not in member_page
    assert f"/moderation/flag/forum.post/{other.pk}/" in member_page


def test_a_new_group_member_gets_its_tools_on_their_next_page(home, member):
    thread = make_thread(replies=1)
    reader = signed_in(member)
    assert "Thread tools" not in page_of(reader, thread)

    member.groups.add(Group.objects.get(name="Peer moderators"))

    assert "Thread tools" in page_of(reader, thread)
    member.groups.clear()
    assert "Thread tools" not in page_of(reader, thread)


def test_the_page_dates_each_post_without_a_relative_clock(home, member):
    thread = make_thread(replies=1)
    post = Post.objects.get(thread=thread, position=1)

    page = page_of(signed_in(member), thread)

    stamp = post.created_at.strftime("%Y-%m-%dT%H:%MZ")
    assert re.search(rf'<time datetime="{stamp}">\w{{3}} \d{{1,2}}, \d{{4}}</time>', page)


@pytest.mark.parametrize("title", ["Reply", "Actions", "Tags"])
def test_a_thread_named_like_one_of_its_own_addresses_still_opens(client, home, title):
    thread = make_thread(title=title, replies=1)

    response = client.get(thread.get_absolute_url())

    assert thread.slug == f"{title.lower()}-thread"
    assert response.status_code == 200
    assert "Reply number 0." in response.content.decode()


def test_a_question_with_a_reply_that_helped_costs_what_any_thread_costs(home, page_costs):
    asker = UserFactory(trust_level=1)
    answered = make_thread(author=asker, kind=ThreadKind.QUESTION, replies=2)
    post_mark_helpful(post=answered.posts.get(position=2), user=asker)
    reader = UserFactory(trust_level=1)

    counts = page_costs(signed_in(reader), [answered.get_absolute_url()])

    assert counts == [member_thread_queries()]
    assert "a reply that helped" in page_of(signed_in(reader), answered)


def test_the_kept_page_holds_no_email_address_or_password_of_anyone(home, member):
    writer = UserFactory(email="writer@example.org")
    thread = make_thread(author=writer, replies=1)
    opening = thread.posts.get(position=1)
    post_create(thread=thread, author=UserFactory(), body="Same here.", quoted_post=opening)
    page_of(signed_in(member), thread)

    shared = thread_page.shared_page(thread, 1)

    for post in shared.posts:
        for named in (post, post.quoted_post):
            if named is not None:
                assert named.author.email == ""
                assert named.author.password == ""
    assert shared.posts[0].author.username == writer.username
