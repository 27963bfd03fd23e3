"""Read-side questions the forum's pages ask: may this person reply, edit,
tidy tags; whom do they ignore."""

from accounts.roles import is_peer_moderator

from .models.posts import Post
from .models.threads import Thread


def can_reply(thread: Thread, user) -> bool:
    if not user.is_authenticated or thread.category.is_read_only or user.is_silenced:
        return False
    if not thread.is_visible:
        return False
    return not thread.is_locked or is_peer_moderator(user)


def can_edit(post: Post, user) -> bool:
    if not user.is_authenticated or post.is_deleted:
        return False
    return post.author_id == user.pk or is_peer_moderator(user)


TAG_EDITOR_LEVEL = 2


def can_edit_tags(thread: Thread, user) -> bool:
    if not user.is_authenticated or user.is_silenced:
        return False
    return (
        thread.author_id == user.pk
        or user.trust_level >= TAG_EDITOR_LEVEL
        or is_peer_moderator(user)
    )
