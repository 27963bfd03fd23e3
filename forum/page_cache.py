"""Whole thread pages for signed-out readers, kept in the cache.

Every signed-out reader sees the same thread page, so it is rendered once and
served from the cache until something on it changes. Each thread has a version
that any change to it bumps (a post, an edit, a reaction, a moderation
decision); a shared version is bumped by changes that show on every page (a
category, the Safety setting, a member leaving). A stored page is used only
while both versions match, so hidden or deleted text is never served.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

SHARED_VERSION_KEY = "forum:page:shared"
# Also bounds how long a page can outlive a template change after a deploy.
PAGE_TIMEOUT = getattr(settings, "FORUM_PAGE_CACHE_SECONDS", 10 * 60)


def _thread_version_key(thread_id: int) -> str:
    return f"forum:page:thread:{thread_id}"


# More digits than any thread has pages; anything longer is not a page number
# (and past 4,300 digits Python refuses to read it as one).
PAGE_NUMBER_MAX_DIGITS = 6


def cacheable(request) -> bool:
    """Only requests that carry nothing personal: no cookies at all, and no
    query other than a plausible page number."""
    page = request.GET.get("page", "1")
    return (
        request.method == "GET"
        and not request.COOKIES
        and set(request.GET) <= {"page"}
        and page.isascii()
        and page.isdecimal()
        and len(page) <= PAGE_NUMBER_MAX_DIGITS
    )


def part_key(thread_id: int, part: str) -> str:
    """The key for something shown on a thread's pages (a whole page, its
    posts), valid until the thread or every page changes."""
    versions = cache.get_many([SHARED_VERSION_KEY, _thread_version_key(thread_id)])
    shared = versions.get(SHARED_VERSION_KEY, 0)
    own = versions.get(_thread_version_key(thread_id), 0)
    return f"forum:page:{thread_id}:{part}:{shared}:{own}"


def _page_key(thread_id: int, page: str) -> str:
    return part_key(thread_id, str(int(page)))


def page_get(thread_id: int, page: str, slug: str) -> bytes | None:
    stored = cache.get(_page_key(thread_id, page))
    if stored and stored["slug"] == slug:
        return stored["body"]
    return None


def page_store(thread_id: int, page: str, slug: str, body: bytes) -> None:
    cache.set(_page_key(thread_id, page), {"slug": slug, "body": body}, PAGE_TIMEOUT)


def _bump(key: str) -> None:
    cache.set(key, time.time_ns(), None)
    # A reader between the change and its commit still sees the old rows and
    # would store them under the new version: bump again once it is committed.
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), None))


def thread_changed(thread_id: int) -> None:
    _bump(_thread_version_key(thread_id))


def everything_changed() -> None:
    _bump(SHARED_VERSION_KEY)
