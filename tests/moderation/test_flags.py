import re

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from moderation.models import (
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    QueueItem,
)
from moderation.services import flag_create, flag_weight, flagger_accuracy
from notifications.models import Notification, NotificationKind


def refreshed(obj):
    obj.refresh_from_db()
    return obj


def test_a_flag_from_a_trusted_member_weighs_more(make_member, peer_moderator):
    assert flag_weight(make_member(level=0)) == 1
    assert flag_weight(make_member(level=1)) == 2
    assert flag_weight(make_member(level=3)) == 4
    assert flag_weight(peer_moderator) == 5


def test_accuracy_rises_with_upheld_flags_and_falls_with_dismissed_ones(post, make_member):
    flagger = make_member(level=1)
    assert flagger_accuracy(flagger) == 1
    Flag.objects.bulk_create(
        Flag(
            content_type=ContentType.objects.get_for_model(post),
            object_id=post.pk + number + 1,
            flagger=flagger,
            reason=FlagReason.SPAM,
            resolution=FlagResolution.UPHELD,
        )
        for number in range(20)
    )
    assert 1.4 < flagger_accuracy(flagger) <= 1.5
    assert flag_weight(flagger) > 2
    Flag.objects.filter(flagger=flagger).update(resolution=FlagResolution.DISMISSED)
    assert 0.5 <= flagger_accuracy(flagger) < 0.6
    assert flag_weight(flagger) < 2


def test_flags_below_the_threshold_leave_the_post_up_but_in_the_queue(post, make_member):
    flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)

    assert refreshed(post).is_visible
    item = QueueItem.objects.get(kind="flagged", object_id=post.pk)
    assert item.score == 2
    assert item.member == post.author


def test_three_members_flagging_sourcing_hide_the_post_in_the_same_request(
    post, make_member, django_capture_on_commit_callbacks
):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)

    post = refreshed(post)
    assert post.is_hidden
    assert post.moderation_reason == "Hidden by the community, pending review: Sourcing or selling"
    action = ModerationAction.objects.get(action=ActionKind.COMMUNITY_HIDE)
    assert action.actor is None and action.target_user == post.author
    notice = Notification.objects.get(recipient=post.author, kind=NotificationKind.MODERATION)
    assert notice.moderation_action == action
    assert mail.outbox == []


def test_the_hidden_post_shows_a_placeholder_with_the_reason(client, post, make_member):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)

    page = client.get(post.thread.get_absolute_url()).content.decode()

    assert "Hidden by the community, pending review: Sourcing or selling" in page
    assert "Anyone around tonight?" not in page


def test_the_author_is_told_why_with_a_link_to_appeal(client, post, make_member):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    client.force_login(post.author)

    notifications = client.get(reverse("notifications")).content.decode()
    assert "Something you wrote was hidden while peers review it." in notifications
    notice = Notification.objects.get(recipient=post.author, kind=NotificationKind.MODERATION)
    opened = client.post(reverse("notification_open", kwargs={"pk": notice.pk}))
    decision = client.get(opened.url).content.decode()

    assert "Sourcing or selling" in decision
    assert "Send appeal" in decision


def test_a_member_can_flag_an_item_only_once(post, make_member):
    flagger = make_member(level=1)
    flag_create(content=post, flagger=flagger, reason=FlagReason.SPAM)

    with pytest.raises(ValidationError, match="already flagged"):
        flag_create(content=post, flagger=flagger, reason=FlagReason.HARASSMENT)
    assert Flag.objects.filter(flagger=flagger).count() == 1


def test_nobody_can_flag_their_own_post(post):
    with pytest.raises(ValidationError, match="what you wrote"):
        flag_create(content=post, flagger=post.author, reason=FlagReason.SPAM)


def test_something_else_needs_a_note(post, make_member):
    with pytest.raises(ValidationError) as error:
        flag_create(content=post, flagger=make_member(), reason=FlagReason.OTHER)
    assert "note" in error.value.message_dict


def test_someone_may_be_in_danger_never_hides_and_opens_a_care_item(
    post, make_member, peer_moderator
):
    for _ in range(5):
        flag_create(content=post, flagger=make_member(level=3), reason=FlagReason.DANGER)

    assert refreshed(post).is_visible
    care = QueueItem.objects.get(kind="care")
    assert care.priority > QueueItem.objects.model().priority
    assert not QueueItem.objects.filter(kind="flagged").exists()
    assert Notification.objects.filter(recipient=peer_moderator, queue_item=care).exists()


def test_the_care_item_links_the_overdose_page_and_the_crisis_lines(
    client, post, make_member, peer_moderator
):
    flag_create(content=post, flagger=make_member(), reason=FlagReason.DANGER, note="scared")
    client.force_login(peer_moderator)

    page = client.get(QueueItem.objects.get(kind="care").get_absolute_url()).content.decode()

    assert 'href="/overdose/"' in page
    assert "Reach out first" in page
    assert "scared" in page


def test_a_spam_flag_from_a_trusted_member_hides_a_new_members_post_at_once(post, make_member):
    flag_create(content=post, flagger=make_member(level=3), reason=FlagReason.SPAM)

    assert refreshed(post).is_hidden


def test_a_spam_flag_from_a_trusted_member_does_not_hide_an_established_members_post(
    post, make_member
):
    post.author.trust_level = 2
    post.author.save()

    flag_create(content=post, flagger=make_member(level=3), reason=FlagReason.SPAM)

    assert refreshed(post).is_visible


def test_spam_flags_from_three_members_silence_a_new_account_until_review(post, make_member):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SPAM)

    author = refreshed(post.author)
    assert author.is_silenced
    assert QueueItem.objects.filter(kind="account", member=author).exists()
    assert ModerationAction.objects.filter(
        action=ActionKind.COMMUNITY_SILENCE, target_user=author
    ).exists()


def test_throwaway_accounts_cannot_silence_a_newcomer(post, make_member):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=0), reason=FlagReason.SPAM)

    assert not refreshed(post.author).is_silenced


def test_spam_flags_do_not_silence_a_member_who_has_earned_trust(post, make_member):
    post.author.trust_level = 1
    post.author.save()
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=0), reason=FlagReason.SPAM)

    assert not refreshed(post.author).is_silenced


def test_a_silenced_member_cannot_flag(post, make_member):
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    flagger = make_member(silenced_until=timezone.now() + timezone.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        flag_create(content=post, flagger=flagger, reason=FlagReason.SPAM)


def test_the_flag_form_keeps_the_note_when_the_reason_is_missing(client, post, make_member):
    client.force_login(make_member())
    url = reverse("moderation:flag", kwargs={"model": "forum.post", "pk": post.pk})

    response = client.post(url, {"note": "It names my cousin <script>x</script>"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a reason." in page
    assert "It names my cousin &lt;script&gt;x&lt;/script&gt;" in page


def test_flagging_through_the_page_thanks_the_flagger(client, post, make_member):
    client.force_login(make_member())
    url = reverse("moderation:flag", kwargs={"model": "forum.post", "pk": post.pk})

    response = client.post(url, {"reason": "harassment"}, follow=True)

    assert "Thank you. Peers will look at it." in response.content.decode()
    assert Flag.objects.filter(reason="harassment").count() == 1


def test_flagging_runs_into_the_rate_limit_with_a_time_to_try_again(
    client, thread, make_member, settings
):
    from forum.services.posting import post_create

    settings.TRUST_RATE_LIMITS = {0: {"flag": (2, 3600)}, 1: {"flag": (2, 3600)}}
    flagger = make_member(level=1)
    posts = [
        post_create(thread=thread, author=make_member(), body=f"Post {number}")
        for number in range(3)
    ]
    for post in posts[:2]:
        flag_create(content=post, flagger=flagger, reason=FlagReason.SPAM)
    client.force_login(flagger)

    response = client.post(
        reverse("moderation:flag", kwargs={"model": "forum.post", "pk": posts[2].pk}),
        {"reason": "spam"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "At your trust level you can send 2 flags a day." in page
    assert re.search("You can do it again in (59\xa0minutes|1\xa0hour)", page)


def test_only_content_that_can_be_flagged_has_a_flag_page(client, make_member):
    client.force_login(make_member())

    response = client.get(reverse("moderation:flag", kwargs={"model": "accounts.user", "pk": 1}))

    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_flag_sent_outside_any_transaction_locks_and_saves_in_its_own():
    """Views run without a request-wide transaction: the flag makes its own
    (PostgreSQL refuses a row lock outside one; SQLite has no row locks)."""
    from tests.factories import UserFactory, make_thread

    post = make_thread().posts.get()

    flag = flag_create(content=post, flagger=UserFactory(trust_level=1), reason="spam")

    assert Flag.objects.filter(pk=flag.pk).exists()
