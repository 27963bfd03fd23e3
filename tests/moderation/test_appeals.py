import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from moderation.models import ActionKind, Appeal, FlagReason, ModerationAction, QueueItem
from moderation.services import (
    appeal_create,
    appeal_decide,
    content_decide,
    flag_create,
    member_silence,
)
from notifications.models import Notification


def refreshed(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def hidden_by_m1(post, make_member, peer_moderator):
    """sam's post, flagged and then hidden by the first moderator."""
    flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    item = QueueItem.objects.get(kind="flagged")
    return content_decide(
        item=item, moderator=peer_moderator, decision="hide", reason="Offering to sell"
    )


def test_the_author_appeals_a_decision_once(hidden_by_m1, post):
    appeal = appeal_create(action=hidden_by_m1, appellant=post.author, message="It was a joke.")

    assert QueueItem.objects.get(kind="appeal").subject == appeal
    with pytest.raises(ValidationError, match="already appealed"):
        appeal_create(action=hidden_by_m1, appellant=post.author, message="Please?")


def test_only_the_member_a_decision_is_about_can_appeal_it(hidden_by_m1, make_member):
    with pytest.raises(PermissionDenied):
        appeal_create(action=hidden_by_m1, appellant=make_member(), message="Unfair")


def test_an_appeal_needs_a_message(hidden_by_m1, post):
    with pytest.raises(ValidationError) as error:
        appeal_create(action=hidden_by_m1, appellant=post.author, message="   ")
    assert "message" in error.value.message_dict


def test_the_moderator_who_decided_cannot_decide_the_appeal(hidden_by_m1, post, peer_moderator):
    appeal = appeal_create(action=hidden_by_m1, appellant=post.author, message="Look again")

    with pytest.raises(PermissionDenied, match="different moderator"):
        appeal_decide(appeal=appeal, moderator=peer_moderator, reverse=True, reason="Mine")
    assert refreshed(appeal).status == "open"


def test_a_reversal_by_another_moderator_restores_the_post_logs_and_notifies(
    client, hidden_by_m1, post, second_moderator
):
    appeal = appeal_create(action=hidden_by_m1, appellant=post.author, message="Look again")

    appeal_decide(
        appeal=appeal, moderator=second_moderator, reverse=True, reason="Read in context, it's fine"
    )

    assert refreshed(post).is_visible
    assert refreshed(hidden_by_m1).reversed_at is not None
    assert refreshed(appeal).status == "reversed"
    assert ModerationAction.objects.filter(action=ActionKind.APPEAL_REVERSED).exists()
    assert not QueueItem.objects.open().filter(kind="appeal").exists()
    latest = Notification.objects.filter(recipient=post.author).order_by("-pk").first()
    assert latest.moderation_action.action == ActionKind.APPEAL_REVERSED
    page = client.get(post.thread.get_absolute_url()).content.decode()
    assert "Anyone around tonight?" in page


def test_an_upheld_appeal_leaves_the_decision_in_place(hidden_by_m1, post, second_moderator):
    appeal = appeal_create(action=hidden_by_m1, appellant=post.author, message="Look again")

    appeal_decide(appeal=appeal, moderator=second_moderator, reverse=False, reason="It stands")

    assert refreshed(post).is_hidden
    assert refreshed(appeal).status == "upheld"
    assert ModerationAction.objects.filter(action=ActionKind.APPEAL_UPHELD).exists()


def test_an_appeal_is_decided_once(hidden_by_m1, post, second_moderator, home):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    third = UserFactory(username="ash")
    third.groups.add(Group.objects.get(name="Peer moderators"))
    appeal = appeal_create(action=hidden_by_m1, appellant=post.author, message="Look again")
    appeal_decide(appeal=appeal, moderator=second_moderator, reverse=False, reason="It stands")

    with pytest.raises(ValidationError, match="already decided"):
        appeal_decide(appeal=appeal, moderator=third, reverse=True, reason="No")


def test_a_community_hide_can_be_reversed_by_any_moderator(post, make_member, peer_moderator):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    hide = ModerationAction.objects.get(action=ActionKind.COMMUNITY_HIDE)
    appeal = appeal_create(action=hide, appellant=post.author, message="I was asking, not selling")

    appeal_decide(appeal=appeal, moderator=peer_moderator, reverse=True, reason="Asking is fine")

    assert refreshed(post).is_visible


def test_a_reversed_silence_gives_the_voice_back(post, peer_moderator, second_moderator):
    silence = member_silence(member=post.author, moderator=peer_moderator, days=7, reason="Spam")
    appeal = appeal_create(action=silence, appellant=post.author, message="I posted once")

    appeal_decide(appeal=appeal, moderator=second_moderator, reverse=True, reason="One post")

    assert not refreshed(post.author).is_silenced


def test_the_appeal_form_keeps_the_message_when_it_is_too_long(client, hidden_by_m1, post):
    client.force_login(post.author)
    url = reverse("moderation:decision", kwargs={"pk": hidden_by_m1.pk})
    long_message = "I was asking where to get test strips. " * 60

    response = client.post(url, {"message": long_message})

    assert response.status_code == 400
    assert "I was asking where to get test strips." in response.content.decode()
    assert not Appeal.objects.exists()


def test_appealing_through_the_page_puts_it_in_the_queue(client, hidden_by_m1, post):
    client.force_login(post.author)
    url = reverse("moderation:decision", kwargs={"pk": hidden_by_m1.pk})

    response = client.post(url, {"message": "Please look again."}, follow=True)

    assert "Your appeal is sent." in response.content.decode()
    assert "Waiting for a moderator" in response.content.decode()
    assert Appeal.objects.get().message == "Please look again."


def test_the_hidden_post_links_its_author_to_the_decision(client, hidden_by_m1, post):
    client.force_login(post.author)

    page = client.get(post.thread.get_absolute_url()).content.decode()
    followed = client.get(
        reverse("moderation:content_decision", kwargs={"model": "forum.post", "pk": post.pk})
    )

    assert "Why, and how to appeal" in page
    assert followed.url == reverse("moderation:decision", kwargs={"pk": hidden_by_m1.pk})


def test_restoring_a_post_on_appeal_marks_every_earlier_hide_of_it_reversed(
    post, make_member, peer_moderator, second_moderator
):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)
    hide = content_decide(
        item=QueueItem.objects.get(kind="flagged"),
        moderator=peer_moderator,
        decision="hide",
        reason="Selling",
    )
    appeal = appeal_create(action=hide, appellant=post.author, message="I wasn't selling")

    appeal_decide(appeal=appeal, moderator=second_moderator, reverse=True, reason="Not selling")

    community_hide = ModerationAction.objects.get(action=ActionKind.COMMUNITY_HIDE)
    assert community_hide.reversed_at is not None
    assert QueueItem.objects.filter(kind="appeal").get().summary == "sam appeals: Hid content"


def test_erasing_an_account_removes_what_moderation_kept_of_its_words(post, thread, peer_moderator):
    from accounts.services import member_erase
    from forum.services.posting import post_create
    from moderation.services import member_warn

    held = post_create(thread=thread, author=post.author, body="Call me on 312-555-0199")
    member_warn(member=post.author, moderator=peer_moderator, reason="Kind", note="Private word")
    appeal_create(
        action=ModerationAction.objects.get(action=ActionKind.WARN),
        appellant=post.author,
        message="My appeal text",
    )

    member_erase(user=post.author)

    held.refresh_from_db()
    assert "312-555-0199" not in held.body_source + held.moderation_reason
    assert not QueueItem.objects.filter(summary__contains="312-555-0199").exists()
    assert not ModerationAction.objects.filter(private_note="Private word").exists()
    assert not Appeal.objects.exists()


def test_reversing_a_spam_silence_dismisses_the_flags_and_closes_the_account_item(
    post, make_member, peer_moderator
):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SPAM)
    silence = ModerationAction.objects.get(action=ActionKind.COMMUNITY_SILENCE)
    appeal = appeal_create(action=silence, appellant=post.author, message="Not spam")

    appeal_decide(appeal=appeal, moderator=peer_moderator, reverse=True, reason="Not spam")

    assert not refreshed(post.author).is_silenced
    assert not post.flags.exclude(resolution="dismissed").exists()
    assert not QueueItem.objects.open().filter(kind="account").exists()
    # The hidden post is a decision of its own, still waiting for a moderator.
    assert QueueItem.objects.open().filter(kind="flagged").exists()


def test_keeping_a_hidden_post_ends_the_community_hide(post, make_member, peer_moderator):
    for _ in range(3):
        flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SOURCING)

    content_decide(
        item=QueueItem.objects.get(kind="flagged"),
        moderator=peer_moderator,
        decision="keep",
        reason="Asking, not selling",
    )

    assert refreshed(post).is_visible
    hide = ModerationAction.objects.get(action=ActionKind.COMMUNITY_HIDE)
    assert hide.reversed_at is not None


def test_a_post_its_author_deletes_leaves_the_queue(post, make_member):
    from forum.services.erasure import post_delete

    flag_create(content=post, flagger=make_member(level=1), reason=FlagReason.SPAM)

    post_delete(post=post, actor=post.author)

    assert not QueueItem.objects.open().exists()
