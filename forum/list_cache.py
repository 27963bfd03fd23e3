"""Thread lists and the forum index, kept in the cache between changes.

A category's list is the same for everyone who may read it, so its rows are
rendered once and kept; each member's unread marks are added when the page is
served. Signed-out readers all get the same whole page, so it is kept as it is.

Every category has a version that any change to one of its threads bumps (a
new thread or reply, a title, tags, a move, a moderation decision); a
forum-wide version moves with every category's, for the index. Entries also
carry the shared version of forum/page_cache.py (changes that show on every
page: a category, the Safety setting, a member's handle). An entry is used only
while every version it was made under still holds, so a hidden or deleted
title is never served. A member's own marks (how far they have read, what
they follow) also carry a version of that member's. Entries expire after a
minute, so a relative time ("active 5 minutes ago") is never more than a
minute behind.
"""

from django.conf import settings

from core import versioned_cache
from core.versioned_cache import bump

from .page_cache import SHARED_VERSION_KEY

FORUM_VERSION_KEY = "forum:lists:forum"
LIST_TIMEOUT = getattr(settings, "FORUM_LIST_CACHE_SECONDS", 60)


def _category_version_key(category_id: int) -> str:
    return f"forum:lists:category:{category_id}"


def _member_version_key(user_id: int) -> str:
    return f"forum:lists:member:{user_id}"


def category_changed(*category_ids: int) -> None:
    """Something a list shows changed in these categories."""
    bump(FORUM_VERSION_KEY, *(_category_version_key(pk) for pk in category_ids if pk))


def member_changed(user_id: int) -> None:
    """How far the member has read, or what they follow, changed."""
    bump(_member_version_key(user_id))


def _entry(key: str, *version_keys: str) -> versioned_cache.Entry:
    """A kept part of a list, valid while its versions and the shared version
    of every page hold, in the language it was rendered in."""
    return versioned_cache.Entry(
        key, SHARED_VERSION_KEY, *version_keys, timeout=LIST_TIMEOUT, per_language=True
    )


fetch = versioned_cache.fetch


def category_by_slug(slug: str) -> versioned_cache.Entry:
    """The category itself: it changes only with the shared version."""
    return _entry(f"forum:lists:slug:{slug}")


def category_rows(category_id: int, page: int) -> versioned_cache.Entry:
    """A page of a category's list: the thread count and the rendered rows."""
    return _entry(f"forum:lists:rows:{category_id}:{page}", _category_version_key(category_id))


def member_marks(user_id: int, category_id: int, page: int) -> versioned_cache.Entry:
    """What one member's view of a page of a category adds: whether they follow
    the category, and how far they have read each thread on the page."""
    return _entry(
        f"forum:lists:marks:{user_id}:{category_id}:{page}",
        _category_version_key(category_id),
        _member_version_key(user_id),
    )


def category_page(category_id: int, page: int) -> versioned_cache.Entry:
    """A signed-out reader's whole category page."""
    return _entry(f"forum:lists:page:{category_id}:{page}", _category_version_key(category_id))


def index_categories(*, signed_in: bool) -> versioned_cache.Entry:
    """The index's list of categories: a member also sees members-only activity."""
    audience = "member" if signed_in else "visitor"
    return _entry(f"forum:lists:index:{audience}", FORUM_VERSION_KEY)


def index_page() -> versioned_cache.Entry:
    """A signed-out reader's whole index page."""
    return _entry("forum:lists:index-page", FORUM_VERSION_KEY)
