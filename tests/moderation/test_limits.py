"""What people type is refused when it is too long, never cut; what the site
writes itself is made to fit in one place."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from core.text import text_fit
from moderation.models import (
    FLAG_NOTE_MAX_LENGTH,
    PRIVATE_NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    STATE_REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    ActionKind,
    Flag,
    FlagReason,
    ModerationAction,
    ModerationState,
    QueueItem,
)
from moderation.services import (
    action_record,
    content_decide,
    flag_create,
    member_warn,
    queue_item_open,
)

pytestmark = pytest.mark.django_db


def words_of_length(length: int) -> str:
    """Readable text of exactly `length` characters."""
    return ("too many words " * length)[:length].strip().ljust(length, "x")


def flagged_item(post, flagger) -> QueueItem:
    flag_create(content=post, flagger=flagger, reason=FlagReason.SOURCING)
    return QueueItem.objects.open().get(kind="flagged", object_id=post.pk)


# ---- refused, with the typed text kept ------------------------------------


def test_an_over_long_flag_note_is_refused_with_a_message_and_kept(client, post, make_member):
    client.force_login(make_member())
    note = words_of_length(FLAG_NOTE_MAX_LENGTH + 1)

    response = client.post(
        reverse("moderation:flag", kwargs={"model": "forum.post", "pk": post.pk}),
        {"reason": FlagReason.OTHER, "note": note},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert f"Keep this under {FLAG_NOTE_MAX_LENGTH} characters." in page
    assert note in page
    assert not Flag.objects.exists()


def test_an_over_long_moderator_reason_is_refused_with_a_message_and_kept(
    client, post, make_member, peer_moderator
):
    item = flagged_item(post, make_member())
    client.force_login(peer_moderator)
    reason = words_of_length(REASON_MAX_LENGTH + 1)

    response = client.post(
        reverse("moderation:item_decide", kwargs={"pk": item.pk}),
        {"decision": "hide", "reason": reason},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert f"Keep this under {REASON_MAX_LENGTH} characters." in page
    assert reason in page
    post.refresh_from_db()
    assert post.is_visible
    assert not ModerationAction.objects.filter(action=ActionKind.HIDE).exists()


def test_an_over_long_warning_note_is_refused_with_a_message_and_kept(
    client, author, peer_moderator
):
    client.force_login(peer_moderator)
    note = words_of_length(PRIVATE_NOTE_MAX_LENGTH + 1)

    response = client.post(
        reverse("moderation:member", kwargs={"handle": author.username}),
        {"action": "warn", "reason": "Please keep numbers out of posts", "note": note},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert f"Keep this under {PRIVATE_NOTE_MAX_LENGTH} characters." in page
    assert note in page
    assert not ModerationAction.objects.filter(action=ActionKind.WARN).exists()


def test_the_services_refuse_what_the_forms_would_have_refused(
    post, author, make_member, peer_moderator
):
    with pytest.raises(ValidationError) as flag_error:
        flag_create(
            content=post,
            flagger=make_member(),
            reason=FlagReason.OTHER,
            note=words_of_length(FLAG_NOTE_MAX_LENGTH + 1),
        )
    with pytest.raises(ValidationError) as warn_error:
        member_warn(
            member=author,
            moderator=peer_moderator,
            reason="Please keep numbers out of posts",
            note=words_of_length(PRIVATE_NOTE_MAX_LENGTH + 1),
        )
    with pytest.raises(ValidationError) as log_error:
        action_record(action=ActionKind.WARN, reason=words_of_length(REASON_MAX_LENGTH + 1))

    assert "note" in flag_error.value.message_dict
    assert "note" in warn_error.value.message_dict
    assert "reason" in log_error.value.message_dict
    assert not ModerationAction.objects.exists()


def test_a_reason_of_exactly_the_limit_is_kept_whole_in_the_log(post, make_member, peer_moderator):
    item = flagged_item(post, make_member())
    reason = words_of_length(REASON_MAX_LENGTH)

    record = content_decide(item=item, moderator=peer_moderator, decision="hide", reason=reason)

    assert record.reason == reason


# ---- what the site writes, fitted -----------------------------------------


def test_the_note_in_hidden_contents_place_fits_and_says_it_was_shortened(
    post, make_member, peer_moderator
):
    item = flagged_item(post, make_member())
    reason = words_of_length(REASON_MAX_LENGTH)

    content_decide(item=item, moderator=peer_moderator, decision="hide", reason=reason)

    post.refresh_from_db()
    assert post.moderation_state == ModerationState.HIDDEN
    assert len(post.moderation_reason) <= STATE_REASON_MAX_LENGTH
    assert post.moderation_reason.endswith("…")


def test_a_long_queue_summary_is_fitted_where_the_item_opens(post):
    item = queue_item_open(kind="held", subject=post, summary=words_of_length(1000))

    assert len(item.summary) <= SUMMARY_MAX_LENGTH
    assert item.summary.endswith("…")


def test_text_fit_keeps_whole_words_and_marks_what_it_left_out():
    assert text_fit("short enough", 20) == "short enough"
    assert text_fit("one two three four", 12) == "one two…"
    assert len(text_fit("x" * 50, 10)) == 10
