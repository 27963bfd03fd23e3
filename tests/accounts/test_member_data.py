"""The data download leaves nothing out by accident: every relation from any
installed app to the user model is either exported under a heading or left out
for a stated reason."""

import json
from decimal import Decimal

import pytest

from accounts.member_data import member_data_declared, user_relation_keys
from accounts.services import member_export
from forum.models import Bookmark, Following, ForumPreferences, Reaction
from forum.services.posting import post_create, post_edit, thread_create
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_relation_to_a_member_is_exported_or_left_out_for_a_stated_reason():
    exported, excluded = member_data_declared()
    relations = user_relation_keys()

    undeclared = relations - exported.keys() - excluded.keys()
    assert not undeclared, f"Say whether the data download includes these: {sorted(undeclared)}"
    assert not exported.keys() & excluded.keys()
    assert not (exported.keys() | excluded.keys()) - relations, "Declared, but no such relation"
    assert all(str(reason).strip() for reason in excluded.values())


def test_every_exported_heading_is_in_the_download(member):
    exported, _excluded = member_data_declared()

    headings = member_export(user=member).keys()

    assert set(exported.values()) - headings == set()


def test_the_download_has_report_facts_reactions_bookmarks_follows_and_earlier_versions(
    member,
):
    category = CategoryFactory(name="Reports")
    thread_create(
        category=category,
        author=member,
        title="My first time with a strip",
        body="How it went",
        kind="experience",
        tags=["strips"],
        report={
            "year": 2026,
            "month": 5,
            "body_weight_kg": 64,
            "test_result": "positive",
            "used_alone": "no",
            "naloxone_needed": "yes",
        },
        doses=[{"substance": "heroin", "amount": Decimal("0.1"), "unit": "g", "minutes_in": 0}],
    )
    other = thread_create(category=category, author=UserFactory(), title="Other", body="Hi")
    reply = post_create(thread=other, author=member, body="First words")
    post_edit(post=reply, editor=member, body="Second words")
    Reaction.objects.create(post=other.posts.get(position=1), user=member, kind="support")
    Bookmark.objects.create(post=other.posts.get(position=1), user=member)
    Following.objects.create(user=member, category=category, level="watch")
    ForumPreferences.objects.filter(user=member).update(always_expand_warnings=True)

    exported = json.loads(json.dumps(member_export(user=member)))

    started = exported["threads_you_started"][0]
    assert started["title"] == "My first time with a strip" and started["tags"] == ["strips"]
    report = started["experience_report"]
    assert (report["month"], report["year"], report["body_weight_kg"]) == (5, 2026, 64)
    assert (report["tested"], report["used_alone"], report["naloxone_needed"]) == (
        "Positive",
        "No",
        "Yes",
    )
    assert report["substances"][0]["substance"] == "heroin"
    mine = next(post for post in exported["forum_posts"] if post["text"] == "Second words")
    assert [version["text"] for version in mine["earlier_versions"]] == ["First words"]
    assert exported["reactions_you_gave"][0]["reaction"] == "Support"
    assert exported["bookmarks"][0]["post"] == other.posts.get(position=1).get_absolute_url()
    assert {"what": "Reports", "kind": "category", "level": "Watching"} in exported["following"]
    assert exported["forum_preferences"]["always_open_content_warnings"] is True
    assert {"thread": "Other", "read_to_post": 2} in exported["how_far_you_read"]
