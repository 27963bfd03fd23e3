"""Members writing in the same thread at the same moment, each request in its own
transaction on its own connection: nobody gets a server error and nothing
anyone wrote is lost."""

import threading
from contextlib import suppress

import pytest

from django.db import connection

import forum.services.social as social
from forum.models import Post, Reaction
from forum.services.posting import post_create
from forum.services.social import reaction_toggle
from moderation.models import MemberDay
from tests.concurrency import at_once
from tests.factories import UserFactory, make_thread

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite queues"
    ),
]


def test_two_members_reacting_to_each_other_at_the_same_moment_both_count(monkeypatch):
    river, sky = UserFactory(username="river"), UserFactory(username="sky")
    thread = make_thread(author=river, body="Carrying naloxone now.")
    rivers_post = thread.posts.get()
    skys_post = post_create(thread=thread, author=sky, body="Same here, every day.")
    # A reaction counts on both members' days. Hold each request after its first
    # count, so both have a day locked before either takes its second.
    both_counted_once = threading.Barrier(2)
    counted = threading.local()
    activity_add = social.activity_add

    def activity_add_then_wait(**counters):
        activity_add(**counters)
        if not getattr(counted, "once", False):
            counted.once = True
            # Broken when the other request waits on the database instead.
            with suppress(threading.BrokenBarrierError):
                both_counted_once.wait(timeout=3)

    monkeypatch.setattr(social, "activity_add", activity_add_then_wait)

    outcomes = at_once(
        lambda: reaction_toggle(post=skys_post, user=river, kind="support"),
        lambda: reaction_toggle(post=rivers_post, user=sky, kind="support"),
    )

    assert outcomes == [True, True]
    assert Reaction.objects.count() == 2
    given = dict(MemberDay.objects.values_list("user_id", "reactions_given"))
    received = dict(MemberDay.objects.values_list("user_id", "reactions_received"))
    assert given == {river.pk: 1, sky.pk: 1}
    assert received == {river.pk: 1, sky.pk: 1}


def test_members_replying_at_the_same_moment_each_get_their_own_place_in_the_thread():
    writers = [UserFactory(trust_level=3) for _number in range(6)]
    thread = make_thread(author=writers[0], body="Checking in this week.")

    outcomes = at_once(
        *(
            lambda writer=writer: post_create(
                thread=thread, author=writer, body=f"Doing all right, {writer.username}."
            )
            for writer in writers
        )
    )

    assert all(isinstance(outcome, Post) for outcome in outcomes), outcomes
    thread.refresh_from_db()
    positions = sorted(thread.posts.values_list("position", flat=True))
    assert positions == list(range(1, 8))
    assert thread.last_position == 7
    assert thread.reply_count == 6
