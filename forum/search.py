"""Finding threads by their title or by what was written in them."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet

from moderation.models import ModerationState

from .models import Category, Post, Thread

# How many matches each index may contribute before the visibility filter.
MAX_MATCHES = 300
SEARCH_CONFIG = "english"


def _threads_with_matching_posts(query: str) -> list[int]:
    visible = Post.objects.filter(moderation_state=ModerationState.VISIBLE)
    if connection.vendor == "postgresql":
        # Straight to the GIN index on post text (migration forum 0004): only
        # thread ids come back, not every matching post's text.
        return list(
            visible.annotate(document=SearchVector("body_source", config=SEARCH_CONFIG))
            .filter(document=SearchQuery(query, config=SEARCH_CONFIG))
            .values_list("thread_id", flat=True)
            .distinct()[:MAX_MATCHES]
        )
    hits = visible.search(query, operator="and", order_by_relevance=False)
    return [post.thread_id for post in hits[:MAX_MATCHES]]


def search_threads(
    *, query: str, user, category: Category | None = None, tag: str = ""
) -> QuerySet:
    """Visible threads whose title or posts match, that this person may read.

    The search index is asked only for ids; every visibility rule is then
    applied in the database by Thread.objects.visible_to, so nothing held,
    hidden, deleted or members-only can leak through a stale index entry.
    """
    # Results are ordered by activity below, so ranking every match would be
    # wasted work; without it PostgreSQL can stop at the first matches it finds.
    title_hits = Thread.objects.filter(moderation_state=ModerationState.VISIBLE).search(
        query, operator="and", order_by_relevance=False
    )
    thread_ids = {thread.pk for thread in title_hits[:MAX_MATCHES]}
    thread_ids |= set(_threads_with_matching_posts(query))
    threads = Thread.objects.visible_to(user).filter(pk__in=thread_ids)
    if category is not None:
        threads = threads.filter(category=category)
    if tag:
        threads = threads.filter(tags__name=tag.strip().lower())
    return threads.for_list(user).order_by("-last_post_at")
