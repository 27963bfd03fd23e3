import pytest

from forum.models import FollowLevel, ForumPreferences
from forum.notifications import notify_about_post, notify_about_reaction
from forum.services.posting import post_create
from forum.services.social import following_set, reaction_toggle
from notifications.models import Notification, NotificationKind
from notifications.services import notification_open
from tests.factories import UserFactory, make_thread

# Notifications are queued when the transaction commits, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_reply_notifies_the_thread_starter_who_watches_automatically(member):
    thread = make_thread(author=member)
    replier = UserFactory(username="replier")

    post_create(thread=thread, author=replier, body="Welcome!")

    notification = Notification.objects.get(recipient=member)
    assert notification.kind == NotificationKind.REPLY
    assert notification.actor == replier
    assert kinds_for(replier) == []


def test_repliers_watch_too_unless_they_turned_it_off(member):
    thread = make_thread()
    post_create(thread=thread, author=member, body="First reply")
    quiet = UserFactory()

    ForumPreferences.objects.update_or_create(user=quiet, defaults={"auto_watch": False})
    post_create(thread=thread, author=quiet, body="Quiet reply")
    post_create(thread=thread, author=UserFactory(), body="Another reply")

    assert kinds_for(member) == ["reply", "reply"]
    assert kinds_for(quiet) == []


def test_a_mention_and_a_quote_notify_once_each_as_the_most_personal_kind(member):
    thread = make_thread(author=member, body="Original words")
    friend = UserFactory(username="friend")
    replier = UserFactory(username="replier")

    post_create(
        thread=thread,
        author=replier,
        body="> Original words\n\n@River and @friend and @nobody_here",
        quoted_post=thread.posts.get(position=1),
    )

    assert kinds_for(member) == ["mention"]
    assert kinds_for(friend) == ["mention"]


def test_muting_a_thread_silences_replies_but_not_mentions(member):
    thread = make_thread(author=member)
    following_set(user=member, level=FollowLevel.MUTE, thread=thread)

    post_create(thread=thread, author=UserFactory(), body="A reply")
    post_create(thread=thread, author=UserFactory(), body="Hey @river")

    assert kinds_for(member) == ["mention"]


def test_watching_a_category_or_tag_notifies_about_new_threads(member):
    thread = make_thread(title="First")
    following_set(user=member, level=FollowLevel.WATCH, category=thread.category)
    tag_watcher = UserFactory()
    make_thread(title="Tagged", tags=["naloxone"])
    from taggit.models import Tag

    following_set(user=tag_watcher, level=FollowLevel.WATCH, tag=Tag.objects.get(name="naloxone"))

    make_thread(category=thread.category, title="Second")
    make_thread(title="Tagged again", tags=["naloxone"])

    assert kinds_for(member) == ["new_thread"]
    assert kinds_for(tag_watcher) == ["new_thread"]


def test_running_the_notification_task_twice_notifies_once(member):
    thread = make_thread(author=member)
    reply = post_create(thread=thread, author=UserFactory(), body="Hello")

    notify_about_post(reply)
    notify_about_post(reply)

    assert Notification.objects.filter(recipient=member).count() == 1


def test_reactions_batch_into_one_notification_that_counts_people(member):
    post = make_thread(author=member).posts.get()
    first, second, third = UserFactory(), UserFactory(), UserFactory()

    reaction_toggle(post=post, user=first, kind="support")
    reaction_toggle(post=post, user=first, kind="helpful")
    reaction_toggle(post=post, user=second, kind="same_here")
    reaction_toggle(post=post, user=third, kind="support")
    notify_about_reaction(post)

    batch = Notification.objects.get(recipient=member, kind="reaction")
    assert batch.count == 3
    assert batch.actor == third

    notification_open(notification=batch)
    reaction_toggle(post=post, user=UserFactory(), kind="support")
    fresh = Notification.objects.get(recipient=member, kind="reaction", read_at__isnull=True)
    assert fresh.count == 1


def test_held_posts_notify_nobody_until_released(member):
    thread = make_thread(author=member)
    reply = post_create(thread=thread, author=UserFactory(), body="Held words")
    Notification.objects.all().delete()
    reply.moderation_state = "held"

    assert notify_about_post(reply) == 0


def test_a_reaction_saved_just_before_the_author_reads_the_batch_is_not_lost(member):
    from forum.models import Reaction

    post = make_thread(author=member).posts.get()
    reaction_toggle(post=post, user=UserFactory(), kind="support")
    first_batch = Notification.objects.get(recipient=member, kind="reaction")
    # A second reaction is saved; before its task runs, the author opens the batch.
    Reaction.objects.create(post=post, user=UserFactory(), kind="helpful")
    notification_open(notification=first_batch)

    notify_about_reaction(post)

    fresh = Notification.objects.get(recipient=member, kind="reaction", read_at__isnull=True)
    assert fresh.count == 1


def test_a_mention_in_a_hidden_thread_notifies_nobody(member):
    thread = make_thread()
    from forum.models import Post, Thread

    Thread.objects.filter(pk=thread.pk).update(moderation_state="hidden")
    # Written just before the thread was hidden; the task runs just after.
    reply = Post.objects.create(
        thread=Thread.objects.get(pk=thread.pk),
        author=UserFactory(),
        position=2,
        body_source="@river",
        body_html="<p>@river</p>",
    )

    assert notify_about_post(reply) == 0
    assert kinds_for(member) == []


def test_at_most_ten_people_are_mentioned_from_one_post(member):
    thread = make_thread()
    people = [UserFactory(username=f"person_{number}") for number in range(12)]
    text = " ".join(f"@{person.username}" for person in people)

    post_create(thread=thread, author=UserFactory(), body=text)

    assert Notification.objects.filter(kind="mention").count() == 10
