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

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from .page_cache import SHARED_VERSION_KEY

FORUM_VERSION_KEY = "forum:lists:forum"
LIST_TIMEOUT = getattr(settings, "FORUM_LIST_CACHE_SECONDS", 60)


def _category_version_key(category_id: int) -> str:
    return f"forum:lists:category:{category_id}"


def _member_version_key(user_id: int) -> str:
    return f"forum:lists:member:{user_id}"


def _bump(*keys: str) -> None:
    def bump():
        cache.set_many(dict.fromkeys(keys, time.time_ns()), None)

    bump()
    # A reader between the change and its commit still sees the old rows and
    # would store them under the new version: bump again once it is committed.
    transaction.on_commit(bump)


def category_changed(*category_ids: int) -> None:
    """Something a list shows changed in these categories."""
    _bump(FORUM_VERSION_KEY, *(_category_version_key(pk) for pk in category_ids if pk))


def member_changed(user_id: int) -> None:
    """How far the member has read, or what they follow, changed."""
    _bump(_member_version_key(user_id))


class Entry:
    """One cached thing and the versions it must match to be used: look it up
    with fetch(), then read .value (None when missing or stale)."""

    def __init__(self, key: str, *version_keys: str):
        self.key = key
        self.version_keys = [SHARED_VERSION_KEY, *version_keys]
        self.versions = []
        self.value = None

    def read(self, found: dict) -> None:
        self.versions = [get_language(), *(found.get(name) for name in self.version_keys)]
        stored = found.get(self.key)
        self.value = stored["value"] if stored and stored["versions"] == self.versions else None

    def store(self, value):
        """Keep `value` for the versions read when this entry was looked up."""
        cache.set(self.key, {"versions": self.versions, "value": value}, LIST_TIMEOUT)
        self.value = value
        return value


def fetch(*entries: Entry) -> None:
    """Look up the entries, and the versions they need, in one round trip."""
    version_names = {name for entry in entries for name in entry.version_keys}
    found = cache.get_many([*version_names, *(entry.key for entry in entries)])
    missing = [name for name in version_names if name not in found]
    if missing:
        # A version the cache lost starts again from a new value, never from
        # one an old entry was stored under.
        for name in missing:
            cache.add(name, time.time_ns(), None)
        found.update(cache.get_many(missing))
    for entry in entries:
        entry.read(found)


def category_by_slug(slug: str) -> Entry:
    """The category itself: it changes only with the shared version."""
    return Entry(f"forum:lists:slug:{slug}")


def category_rows(category_id: int, page: int) -> Entry:
    """A page of a category's list: the thread count and the rendered rows."""
    return Entry(f"forum:lists:rows:{category_id}:{page}", _category_version_key(category_id))


def member_marks(user_id: int, category_id: int, page: int) -> Entry:
    """What one member's view of a page of a category adds: whether they follow
    the category, and how far they have read each thread on the page."""
    return Entry(
        f"forum:lists:marks:{user_id}:{category_id}:{page}",
        _category_version_key(category_id),
        _member_version_key(user_id),
    )


def category_page(category_id: int, page: int) -> Entry:
    """A signed-out reader's whole category page."""
    return Entry(f"forum:lists:page:{category_id}:{page}", _category_version_key(category_id))


def index_categories(*, signed_in: bool) -> Entry:
    """The index's list of categories: a member also sees members-only activity."""
    audience = "member" if signed_in else "visitor"
    return Entry(f"forum:lists:index:{audience}", FORUM_VERSION_KEY)


def index_page() -> Entry:
    """A signed-out reader's whole index page."""
    return Entry("forum:lists:index-page", FORUM_VERSION_KEY)
