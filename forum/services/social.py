"""What members do around posts: follow, react, bookmark, mark the reply
that helped."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from moderation.activity import activity_add

from ..models.posts import Post
from ..models.social import Bookmark, CountedReactor, Following, Reaction, ReactionKind
from ..models.threads import Thread, ThreadKind


def following_set(*, user, level: str | None, thread=None, category=None, tag=None) -> None:
    """Watch, mute, or (level None) go back to the default for one target."""
    target = {"thread": thread, "category": category, "tag": tag}
    if sum(value is not None for value in target.values()) != 1:
        raise ValueError("Follow exactly one of thread, category or tag.")
    target = {key: value for key, value in target.items() if value is not None}
    if level is None:
        Following.objects.filter(user=user, **target).delete()
        return
    Following.objects.update_or_create(user=user, **target, defaults={"level": level})


@transaction.atomic
def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns True when added."""
    if kind not in ReactionKind.values:
        raise ValidationError(_("That reaction doesn't exist."))
    if not user.is_authenticated or not post.is_visible or user.is_silenced:
        raise PermissionDenied(_("You can't react to this post."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You can't react to your own post."))
    deleted, _detail = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:
        # A second click raced the first; the reaction is there either way.
        return True
    _count_reactor(post=post, user=user)
    from ..tasks import notify_reaction

    post_id = post.pk
    transaction.on_commit(lambda: notify_reaction.delay(post_id))
    return True


def _count_reactor(*, post: Post, user) -> None:
    """Trust counts people who reacted, not clicks: toggling a reaction on and
    off must not raise anyone's level."""
    _counted, first_time = CountedReactor.objects.get_or_create(post=post, user=user)
    if not first_time:
        return
    activity_add(user_id=user.pk, reactions_given=1)
    if post.author_id:
        activity_add(user_id=post.author_id, by_member=False, reactions_received=1)


def bookmark_toggle(*, post: Post, user) -> bool:
    """Bookmark the post, or remove the bookmark. Returns True when bookmarked."""
    deleted, _detail = Bookmark.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    if not post.is_visible:
        raise PermissionDenied(_("You can't bookmark this post."))
    Bookmark.objects.create(post=post, user=user)
    return True


@transaction.atomic
def post_mark_helpful(*, post: Post, user) -> Thread:
    """The asker marks the reply that helped (again to unmark it)."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if thread.kind != ThreadKind.QUESTION or thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can mark the reply that helped."))
    if post.thread_id != thread.pk or post.position == 1 or not post.is_visible:
        raise PermissionDenied(_("Pick a visible reply in this thread."))
    thread.helpful_post = None if thread.helpful_post_id == post.pk else post
    thread.save(update_fields=["helpful_post"])
    return thread
