"""What moderation's decisions do to posts and threads, where that takes the
forum's services. forum.apps registers these on the models when the app is
ready; moderation calls them as `subject.moderation_edit(...)` and
`subject.moderation_state_changed()` (see moderation.models.ModerationSubject)."""

from django.db import transaction

from ..models.posts import Post
from ..models.threads import Thread
from .erasure import quotes_of_post_remove
from .posting import post_moderator_edit, thread_refresh_stats, thread_retitle


def post_edit(post: Post, *, editor, text: str) -> None:
    post_moderator_edit(post=post, editor=editor, body=text)


def post_state_changed(post: Post) -> None:
    with transaction.atomic():
        if post.is_deleted:
            # A moderator removed it: replies quoting it lose its words too.
            quotes_of_post_remove(post=post)
        thread = Thread.objects.select_for_update().get(pk=post.thread_id)
        thread_refresh_stats(thread=thread)


def thread_edit(thread: Thread, *, editor, text: str) -> None:
    thread_retitle(thread=thread, editor=editor, title=text)


def subjects_register() -> None:
    Post.moderation_handlers_register(edit=post_edit, state_changed=post_state_changed)
    Thread.moderation_handlers_register(edit=thread_edit)
