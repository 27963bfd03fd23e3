"""How the forum's own moderator decisions are undone. Imported when the app is
ready, so undoing works whichever page loaded first."""

from moderation.models import ActionKind
from moderation.services import reverser_register

from ..models.categories import Category
from ..models.posts import Post
from ..models.threads import Thread
from .posting import post_moderator_edit, thread_retitle


@reverser_register(ActionKind.LOCK)
def _unlock(record, moderator) -> None:
    Thread.objects.filter(pk=record.object_id).update(is_locked=False)
    _thread_touch(record.object_id)


@reverser_register(ActionKind.MOVE)
def _move_back(record, moderator) -> None:
    category = Category.objects.filter(pk=record.detail.get("from_category")).first()
    thread = Thread.objects.filter(pk=record.object_id).first()
    if category is not None and thread is not None:
        # Saved, not updated: the lists of both categories change.
        thread.category = category
        thread.save()


@reverser_register(ActionKind.SLOW_MODE)
def _slow_mode_back(record, moderator) -> None:
    Thread.objects.filter(pk=record.object_id).update(
        slow_mode_minutes=record.detail.get("from_minutes", 0)
    )
    _thread_touch(record.object_id)


@reverser_register(ActionKind.EDIT)
def _edit_back(record, moderator) -> None:
    """Put back the words as they were before the moderator's edit."""
    content = record.target
    if content is not None:
        content.flags.exclude(reason="danger").update(resolution="dismissed")
    if isinstance(content, Post):
        before = content.revisions.filter(replaced_at__lte=record.created_at).first()
        if before is not None:
            post_moderator_edit(post=content, editor=moderator, body=before.body_source)
    elif isinstance(content, Thread) and record.detail.get("previous_text"):
        thread_retitle(thread=content, editor=moderator, title=record.detail["previous_text"])


def _thread_touch(thread_id: int) -> None:
    """update() skips signals; save once so cached pages and indexes refresh."""
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is not None:
        thread.save()
