"""Taking a member's words out for good: a deleted post, an earlier version,
everything they wrote when their account is deleted."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.markup import render_markdown
from moderation.models import ModerationState
from moderation.services import items_close_for
from notifications.models import Notification

from ..models.posts import Post, PostRevision
from ..models.reports import ExperienceReport
from ..models.threads import Thread
from ..quotes import quoted_text_remove
from .posting import thread_refresh_stats


@transaction.atomic
def post_delete(*, post: Post, actor) -> Post:
    """The author deletes their post: its text and every earlier version are
    removed from the database; the post keeps its place as a placeholder."""
    if not (actor.is_authenticated and post.author_id == actor.pk):
        raise PermissionDenied(_("Only the author can delete this post."))
    quotes_of_post_remove(post=post)
    post.revisions.all().delete()
    post.body_source = ""
    post.body_html = ""
    post.set_moderation_state(ModerationState.DELETED)
    post.save()
    # Notifications pointing at the post would keep its thread's title in sight.
    Notification.objects.filter(post=post).delete()
    items_close_for(post, outcome=_("Deleted by its author"))
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.position == 1:
        _erase_opening_details(thread)
    thread_refresh_stats(thread=thread)
    return post


def _erase_opening_details(thread: Thread) -> None:
    """The opening post's author also wrote the report, the warning text and the
    tags; deleting the opening post removes those too. Every fact of the report
    goes (when, the test result, whether they were alone, whether naloxone was
    needed, the dose chart): a fact someone gave about their own use is theirs."""
    ExperienceReport.objects.filter(thread=thread).delete()
    thread.content_warning_other = ""
    thread.save(update_fields=["content_warning_other"])
    thread.tags.clear()


def quotes_of_post_remove(*, post: Post) -> None:
    """Take the post's words out of every reply that quoted it, and out of
    those replies' earlier versions, before the post's own text goes.

    Replies to a quoting reply carry the words one level deeper, so they are
    followed too. The replies are saved one by one so the search index and
    cached pages forget the words as well; their authors' own lines stay.
    """
    removed = [post.body_source, *post.revisions.values_list("body_source", flat=True)]
    if not any(text.strip() for text in removed):
        return
    seen = {post.pk}
    pending = [post.pk]
    while pending:
        quoting = list(
            Post.objects.filter(quoted_post_id__in=pending)
            .exclude(pk__in=seen)
            .prefetch_related("revisions")
        )
        pending = [reply.pk for reply in quoting]
        seen.update(pending)
        for reply in quoting:
            body = quoted_text_remove(reply.body_source, removed=removed)
            if body != reply.body_source:
                reply.body_source = body
                reply.body_html = render_markdown(body)
                reply.save(update_fields=["body_source", "body_html"])
            for revision in reply.revisions.all():
                earlier = quoted_text_remove(revision.body_source, removed=removed)
                if earlier != revision.body_source:
                    revision.body_source = earlier
                    revision.save(update_fields=["body_source"])


def revision_purge(*, revision: PostRevision, actor) -> None:
    """Remove one earlier version for good, e.g. one that named someone."""
    if not (actor.is_authenticated and revision.post.author_id == actor.pk):
        raise PermissionDenied(_("Only the author can remove an earlier version."))
    revision.delete()


@transaction.atomic
def member_posts_erase(user) -> None:
    """Before an account is deleted: its posts' text and history are removed for
    good, and titles of threads it started no longer carry its words. Replies by
    others stay, so conversations still make sense."""
    erased_title = _("A thread by a former member")
    for post in Post.objects.filter(author=user).exclude(moderation_state=ModerationState.DELETED):
        post_delete(post=post, actor=user)
    # Posts a moderator removed keep their text for an appeal; erasure ends
    # that. Saved one by one so the search index forgets them too.
    for post in Post.objects.filter(author=user, moderation_state=ModerationState.DELETED):
        quotes_of_post_remove(post=post)
        post.body_source = post.body_html = ""
        post.save()
    PostRevision.objects.filter(post__author=user).delete()
    # Saved one by one, not with update(), so the search index forgets the old title too.
    for thread in Thread.objects.filter(author=user):
        # Also when a moderator had removed the opening post already.
        _erase_opening_details(thread)
        thread.title, thread.slug = erased_title, "thread"
        thread.moderation_reason = ""
        thread.save(update_fields=["title", "slug", "moderation_reason"])
