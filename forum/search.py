"""Finding threads by their title or by what was written in them."""

from django.db.models import QuerySet

from moderation.models import ModerationState

from .models import Category, Post, Thread

# How many matches each index may contribute before the visibility filter.
MAX_MATCHES = 300


def search_threads(
    *, query: str, user, category: Category | None = None, tag: str = ""
) -> QuerySet:
    """Visible threads whose title or posts match, that this person may read.

    The search index is asked only for ids; every visibility rule is then
    applied in the database by Thread.objects.visible_to, so nothing held,
    hidden, deleted or members-only can leak through a stale index entry.
    """
    title_hits = Thread.objects.filter(moderation_state=ModerationState.VISIBLE).search(
        query, operator="and"
    )
    post_hits = Post.objects.filter(moderation_state=ModerationState.VISIBLE).search(
        query, operator="and"
    )
    thread_ids = {thread.pk for thread in title_hits[:MAX_MATCHES]}
    thread_ids |= {post.thread_id for post in post_hits[:MAX_MATCHES]}
    threads = Thread.objects.visible_to(user).filter(pk__in=thread_ids)
    if category is not None:
        threads = threads.filter(category=category)
    if tag:
        threads = threads.filter(tags__name=tag.strip().lower())
    return threads.for_list(user).order_by("-last_post_at")
