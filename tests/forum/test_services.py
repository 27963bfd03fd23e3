from datetime import timedelta

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum.models import POST_MAX_LENGTH, Post, PostRevision, WhoMayStart
from forum.services.erasure import post_delete, revision_purge
from forum.services.posting import post_create, post_edit, thread_create
from moderation.models import ModerationState
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_starting_a_thread_stores_the_markdown_and_its_safe_html(member):
    thread = make_thread(author=member, body="**Start low** <script>x</script>", tags=["Fentanyl"])

    opening = thread.posts.get()
    assert opening.position == 1
    assert opening.body_source == "**Start low** <script>x</script>"
    assert "<strong>Start low</strong>" in opening.body_html
    assert "<script>" not in opening.body_html
    assert list(thread.tags.names()) == ["fentanyl"]
    assert thread.moderation_state == ModerationState.VISIBLE


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "   "}, "title", "Give your thread a title."),
        ({"title": "\u200b\u200d\u202e"}, "title", "Give your thread a title."),
        ({"body": " \n\t "}, "body", "Write something before posting."),
        ({"body": "x" * (POST_MAX_LENGTH + 1)}, "body", "Posts can be up to 20,000 characters."),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags", "Use at most 5 tags."),
        ({"tags": ["x" * 31]}, "tags", "tags can have up to 30 characters"),
        ({"tags": ["<b>"]}, "tags", "letters, numbers, spaces and hyphens"),
        ({"content_warning": "other"}, "content_warning_other", "Say what the warning is about."),
    ],
)
def test_a_thread_with_bad_input_is_refused_with_a_message_per_field(
    member, fields, field, message
):
    data = {"title": "Tester shots", "body": "Start low.", **fields}

    with pytest.raises(ValidationError) as excinfo:
        thread_create(category=CategoryFactory(), author=member, **data)

    assert message in " ".join(errors_of(excinfo)[field])
    assert not Post.objects.exists()


def test_who_may_start_threads_is_enforced(member):
    read_only = CategoryFactory(is_read_only=True)
    moderators_only = CategoryFactory(who_may_start=WhoMayStart.MODERATORS)
    trusted_only = CategoryFactory(who_may_start=WhoMayStart.TRUSTED, min_trust_level=2)

    for category in (read_only, moderators_only, trusted_only):
        with pytest.raises(PermissionDenied):
            make_thread(category=category, author=member)

    member.trust_level = 2
    assert make_thread(category=trusted_only, author=member).pk


def test_replies_are_numbered_and_update_the_thread(member):
    thread = make_thread(replies=2)

    reply = post_create(thread=thread, author=member, body="Carry naloxone.")

    thread.refresh_from_db()
    assert reply.position == 4
    assert thread.reply_count == 3
    assert thread.last_post_at == reply.created_at


def test_a_double_submit_within_seconds_makes_one_post(member):
    thread = make_thread()

    first = post_create(thread=thread, author=member, body="Same words")
    second = post_create(thread=thread, author=member, body="Same words")

    assert first.pk == second.pk
    assert thread.posts.count() == 2


def test_the_same_words_later_are_a_new_post(member):
    thread = make_thread()
    first = post_create(thread=thread, author=member, body="Same words")
    Post.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=1))

    second = post_create(thread=thread, author=member, body="Same words")

    assert second.pk != first.pk


def test_a_locked_thread_or_read_only_category_takes_no_replies(member):
    thread = make_thread()
    thread.is_locked = True
    thread.save()

    with pytest.raises(ValidationError) as excinfo:
        post_create(thread=thread, author=member, body="hello")
    assert "locked" in errors_of(excinfo)["body"][0]

    open_thread = make_thread(title="Open")
    open_thread.category.is_read_only = True
    open_thread.category.save()
    with pytest.raises(ValidationError) as excinfo:
        post_create(thread=open_thread, author=member, body="hello")
    assert "read-only" in errors_of(excinfo)["body"][0]


def test_a_quote_links_the_original_in_the_same_thread_only(member):
    thread = make_thread()
    elsewhere = make_thread(title="Elsewhere")
    original = thread.posts.get(position=1)

    quoting = post_create(
        thread=thread, author=member, body="> Start low\n\nYes", quoted_post=original
    )
    stray = post_create(
        thread=thread, author=member, body="Other", quoted_post=elsewhere.posts.get()
    )

    assert quoting.quoted_post == original
    assert stray.quoted_post is None


def test_editing_keeps_a_revision_and_marks_the_post_edited(member):
    thread = make_thread(author=member, body="First words")
    post = thread.posts.get()

    post_edit(post=post, editor=member, body="Better words")

    post.refresh_from_db()
    assert post.body_source == "Better words"
    assert post.edited_at is not None
    assert list(post.revisions.values_list("body_source", flat=True)) == ["First words"]


def test_only_the_author_or_a_peer_moderator_edits(member, peer_moderator):
    post = make_thread(author=member).posts.get()

    with pytest.raises(PermissionDenied):
        post_edit(post=post, editor=UserFactory(), body="Not mine")
    post_edit(post=post, editor=peer_moderator, body="Moderator fix", reason="Took out a name")
    assert Post.objects.get(pk=post.pk).body_source == "Moderator fix"


def test_deleting_removes_the_text_and_every_revision_from_the_database(member):
    thread = make_thread(replies=1)
    post = post_create(thread=thread, author=member, body="My real name is Sam")
    post_edit(post=post, editor=member, body="I live on Elm Street")

    post_delete(post=post, actor=member)

    post.refresh_from_db()
    assert post.body_source == post.body_html == ""
    assert post.moderation_state == ModerationState.DELETED
    assert not PostRevision.objects.filter(post=post).exists()
    assert not Post.objects.filter(body_source__contains="Elm Street").exists()
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_only_the_author_deletes_and_purges(member):
    post = make_thread(author=member).posts.get()
    post_edit(post=post, editor=member, body="Second version")
    revision = post.revisions.get()

    with pytest.raises(PermissionDenied):
        post_delete(post=post, actor=UserFactory())
    with pytest.raises(PermissionDenied):
        revision_purge(revision=revision, actor=UserFactory())

    revision_purge(revision=revision, actor=member)
    assert not post.revisions.exists()


def test_erasing_an_account_erases_its_forum_words_and_keeps_others_replies(member):
    from wagtail.search.models import IndexEntry

    from accounts.services import member_erase

    thread = make_thread(author=member, title="Where I cop on Elm Street", body="My story")
    other = post_create(thread=thread, author=UserFactory(), body="Stay safe")
    mine = post_create(thread=make_thread(title="Else"), author=member, body="I am Sam Smith")
    post_edit(post=mine, editor=member, body="I am Sam")
    assert [entry for entry in IndexEntry.objects.all() if "elm" in str(entry.title).lower()]

    member_erase(user=member)

    thread.refresh_from_db()
    assert thread.title == "A thread by a former member"
    assert not Post.objects.filter(body_source__contains="Sam").exists()
    assert not Post.objects.filter(body_source="My story").exists()
    assert not PostRevision.objects.exists()
    assert Post.objects.get(pk=other.pk).body_source == "Stay safe"
    assert not [entry for entry in IndexEntry.objects.all() if "elm" in str(entry.title).lower()]


def test_the_data_download_includes_forum_posts(member):
    from accounts.services import member_export

    make_thread(author=member, title="Strips", body="Test every batch")

    exported = member_export(user=member)

    assert exported["forum_posts"][0]["thread"] == "Strips"
    assert exported["forum_posts"][0]["text"] == "Test every batch"


def test_deleting_the_opening_post_removes_the_report_its_facts_tags_and_warning_words(member):
    from forum.models import ExperienceReport

    thread = thread_create(
        category=CategoryFactory(),
        author=member,
        title="My report",
        body="Story",
        kind="experience",
        content_warning="other",
        content_warning_other="about my friend Sam",
        tags=["sams-street"],
        report={"setting": "at Sam's flat", "would_do_differently": "call Sam"},
        doses=[{"substance": "heroin from Sam", "minutes_in": 0}],
    )
    replier = UserFactory()
    post_create(thread=thread, author=replier, body="Take care")
    opening = thread.posts.get(position=1)

    post_delete(post=opening, actor=member)

    thread.refresh_from_db()
    assert not ExperienceReport.objects.filter(thread=thread).exists()
    assert thread.content_warning_other == ""
    assert list(thread.tags.names()) == []
    assert thread.reply_count == 1


def test_deleting_a_post_removes_the_notifications_about_it(member):
    thread = make_thread(author=member)
    replier = UserFactory()
    reply = post_create(thread=thread, author=replier, body="Hi @river")
    from notifications.models import Notification

    Notification.objects.create(recipient=member, kind="mention", thread=thread, post=reply)

    post_delete(post=reply, actor=replier)

    assert not Notification.objects.filter(post=reply).exists()


# ---- reactions and trust ---------------------------------------------------


def test_toggling_a_reaction_twenty_times_counts_one_reaction_given_and_received(member):
    from forum.services.social import reaction_toggle
    from moderation.models import MemberDay

    post = make_thread(author=member).posts.get()
    reactor = UserFactory(trust_level=1)

    for _ in range(20):
        reaction_toggle(post=post, user=reactor, kind="support")

    assert MemberDay.objects.get(user=member).reactions_received == 1
    assert MemberDay.objects.get(user=reactor).reactions_given == 1


def test_a_second_kind_of_reaction_from_the_same_member_counts_once(member):
    from forum.services.social import reaction_toggle
    from moderation.models import MemberDay

    post = make_thread(author=member).posts.get()
    reactor, another = UserFactory(trust_level=1), UserFactory(trust_level=1)

    for kind in ("support", "helpful", "same_here"):
        reaction_toggle(post=post, user=reactor, kind=kind)
    reaction_toggle(post=post, user=another, kind="support")

    assert MemberDay.objects.get(user=member).reactions_received == 2
    assert MemberDay.objects.get(user=reactor).reactions_given == 1


# ---- a moderator changing someone else's post ------------------------------


def test_a_moderators_edit_of_someone_elses_post_is_logged_told_and_appealable(
    member, peer_moderator
):
    from moderation.models import ActionKind, ModerationAction
    from moderation.services import appeal_create, appeal_decide
    from notifications.models import Notification
    from tests.factories import make_peer

    post = make_thread(author=member, body="Ask Jo at the Elm St shelter").posts.get()

    post_edit(post=post, editor=peer_moderator, body="Ask at the shelter", reason="Took out a name")

    record = ModerationAction.objects.get(action=ActionKind.EDIT, object_id=post.pk)
    assert Post.objects.get(pk=post.pk).body_source == "Ask at the shelter"
    assert list(post.revisions.values_list("body_source", flat=True)) == [
        "Ask Jo at the Elm St shelter"
    ]
    assert (record.actor, record.target_user, record.reason) == (
        peer_moderator,
        member,
        "Took out a name",
    )
    assert record.is_public and record.is_appealable
    assert Notification.objects.filter(recipient=member, moderation_action=record).exists()

    appeal = appeal_create(action=record, appellant=member, message="Jo asked me to share it")
    other_moderator = make_peer("rowan", "Peer moderators")
    appeal_decide(appeal=appeal, moderator=other_moderator, reverse=True, reason="Jo agreed")
    assert Post.objects.get(pk=post.pk).body_source == "Ask Jo at the Elm St shelter"


def test_a_moderator_cannot_change_someone_elses_post_without_a_reason(member, peer_moderator):
    from moderation.models import ModerationAction

    post = make_thread(author=member, body="First words").posts.get()

    with pytest.raises(ValidationError) as excinfo:
        post_edit(post=post, editor=peer_moderator, body="Other words", reason="  ")

    assert "reason" in errors_of(excinfo)
    assert Post.objects.get(pk=post.pk).body_source == "First words"
    assert not PostRevision.objects.filter(post=post).exists()
    assert not ModerationAction.objects.exists()


def test_a_moderator_editing_their_own_post_needs_no_reason(peer_moderator):
    from moderation.models import ModerationAction

    post = make_thread(author=peer_moderator, body="First words").posts.get()

    post_edit(post=post, editor=peer_moderator, body="Better words")

    assert Post.objects.get(pk=post.pk).body_source == "Better words"
    assert not ModerationAction.objects.exists()


def test_erasing_an_account_takes_its_quoted_words_out_of_replies_and_the_search_index(member):
    from wagtail.search.models import IndexEntry

    from accounts.services import member_erase

    thread = make_thread(body="Opening")
    original = post_create(thread=thread, author=member, body="I stay at the blue motel")
    post_edit(post=original, editor=member, body="I stay at the blue motel on 5th")
    quoting = post_create(
        thread=thread,
        author=UserFactory(),
        body="> I stay at the blue motel\n\nCareful sharing that.",
        quoted_post=original,
    )
    deeper = post_create(
        thread=thread,
        author=UserFactory(),
        body="> > I stay at the blue motel\n>\n> Careful sharing that.\n\n+1",
        quoted_post=quoting,
    )

    member_erase(user=member)

    quoting.refresh_from_db()
    deeper.refresh_from_db()
    assert quoting.body_source == "> *The post quoted here was removed.*\n\nCareful sharing that."
    assert "blue motel" not in quoting.body_html
    assert "blue motel" not in deeper.body_source and "Careful sharing that." in deeper.body_source
    assert not [entry for entry in IndexEntry.objects.all() if "motel" in str(entry.body)]


def test_erasing_an_account_removes_every_fact_of_its_experience_report(member):
    from accounts.services import member_erase
    from forum.models import ExperienceReport, SubstanceDose

    thread = thread_create(
        category=CategoryFactory(),
        author=member,
        title="My report",
        body="Story",
        kind="experience",
        report={
            "year": 2025,
            "month": 3,
            "body_weight_kg": 70,
            "test_result": "positive",
            "used_alone": "yes",
            "naloxone_needed": "yes",
        },
        doses=[{"substance": "fentanyl", "minutes_in": 0}],
    )

    member_erase(user=member)

    assert not ExperienceReport.objects.filter(thread=thread).exists()
    assert not SubstanceDose.objects.exists()
