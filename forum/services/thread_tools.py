"""Peer moderators' thread tools (lock, move, slow mode) and tidying tags."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from moderation.models import ActionKind
from moderation.services import action_record, require_moderator
from moderation.writing import may_write_check, write_screen

from ..models.categories import Category
from ..models.threads import Thread
from ..permissions import can_edit_tags
from .cleaning import clean_tags

SLOW_MODE_CHOICES = (0, 5, 15, 30, 60, 240)


@transaction.atomic
def thread_lock(*, thread: Thread, moderator, locked: bool, reason: str):
    """Lock a thread against new replies, or open it again."""
    require_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked == locked:
        raise ValidationError(
            _("The thread is already locked.") if locked else _("The thread isn't locked.")
        )
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    return action_record(
        action=ActionKind.LOCK if locked else ActionKind.UNLOCK,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        notify=locked,
    )


@transaction.atomic
def thread_move(*, thread: Thread, moderator, category: Category, reason: str):
    require_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if category.pk == thread.category_id:
        raise ValidationError({"category": _("The thread is already in that category.")})
    previous = thread.category_id
    thread.category = category
    thread.save(update_fields=["category"])
    return action_record(
        action=ActionKind.MOVE,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        detail={"from_category": previous, "to_category": category.pk},
    )


@transaction.atomic
def thread_slow_mode(*, thread: Thread, moderator, minutes: int, reason: str):
    """One post per `minutes` per member (0 turns slow mode off)."""
    require_moderator(moderator)
    if minutes not in SLOW_MODE_CHOICES:
        raise ValidationError({"minutes": _("Choose a length from the list.")})
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    previous = thread.slow_mode_minutes
    thread.slow_mode_minutes = minutes
    thread.save(update_fields=["slow_mode_minutes"])
    return action_record(
        action=ActionKind.SLOW_MODE,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        detail={"from_minutes": previous, "to_minutes": minutes},
        # Slow mode paces everyone in the thread; it says nothing about its author.
        notify=False,
    )


def thread_tags_set(*, thread: Thread, editor, tags: list[str]) -> list[str]:
    """Members at trust level 2 and up tidy the tags on any thread."""
    may_write_check(editor)
    if not can_edit_tags(thread, editor):
        raise PermissionDenied(_("You can edit tags once you reach trust level 2."))
    cleaned = clean_tags(tags)
    # Tags skip review, so anything screening would hold or block is refused.
    write_screen(
        author=editor,
        action="edit",
        fields={"tags": "\n".join(cleaned)},
        nudge_acknowledged=True,
        can_hold=False,
    )
    thread.tags.set(cleaned)
    return cleaned
