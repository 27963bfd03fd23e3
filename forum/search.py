"""Finding threads by their title or by what was written in them."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import QuerySet

from moderation.models import ModerationState

from .models import Category, Post, Thread

# How many matches each index may contribute before the visibility filter.
MAX_MATCHES = 300
# Matching rows read to find them: a busy thread has many matching posts.
MAX_ROWS_READ = MAX_MATCHES * 5
SEARCH_CONFIG = "english"


def _matching_ids(model, field: str, id_field: str, query: str) -> list[int]:
    """Ids whose `field` matches: through PostgreSQL's full-text index on exactly
    this expression (forum migration 0004), or Wagtail's search index
    elsewhere. Only ids come back, never the matching text."""
    visible = model.objects.filter(moderation_state=ModerationState.VISIBLE)
    if connection.vendor == "postgresql":
        # Deduplicated here, not with DISTINCT: for DISTINCT ... LIMIT the
        # planner walks the id index and tests every row's text, which took a
        # quarter of a second for a common word in 100,000 posts.
        rows = (
            visible.annotate(document=SearchVector(field, config=SEARCH_CONFIG))
            .filter(document=SearchQuery(query, config=SEARCH_CONFIG))
            .values_list(id_field, flat=True)[:MAX_ROWS_READ]
        )
        return list(dict.fromkeys(rows))[:MAX_MATCHES]
    # Results are ordered by activity afterwards, so ranking would be wasted work.
    hits = visible.search(query, operator="and", order_by_relevance=False)
    return [getattr(hit, id_field) for hit in hits[:MAX_MATCHES]]


def matching_threads(
    *, query: str, user, category: Category | None = None, tag: str = ""
) -> QuerySet:
    """Visible threads whose title or posts match, that this person may read,
    most recently active first.

    The search index is asked only for ids; every visibility rule is then
    applied in the database by Thread.objects.visible_to, so nothing held,
    hidden, deleted or members-only can leak through a stale index entry.
    """
    thread_ids = set(_matching_ids(Thread, "title", "pk", query))
    thread_ids |= set(_matching_ids(Post, "body_source", "thread_id", query))
    threads = Thread.objects.visible_to(user).filter(pk__in=thread_ids)
    if category is not None:
        threads = threads.filter(category=category)
    if tag:
        threads = threads.filter(tags__name=tag.strip().lower())
    return threads.order_by("-last_post_at")
