"""Whole thread pages for signed-out readers, kept in the cache.

Every signed-out reader sees the same thread page, so it is rendered once and
served from the cache until something on it changes. Each thread has a version
that any change to it bumps (a post, an edit, a reaction, a moderation
decision); a shared version is bumped by changes that show on every page (a
category, the Safety setting, a member leaving). A stored page is used only
while both versions match, so hidden or deleted text is never served.
"""

from django.conf import settings

from core import versioned_cache

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


def part(thread_id: int, name: str) -> versioned_cache.Entry:
    """Something kept for a thread's pages (a whole page, a page's posts),
    valid until the thread or every page changes. Look it up with
    `versioned_cache.fetch`."""
    return versioned_cache.Entry(
        f"forum:page:{thread_id}:{name}",
        SHARED_VERSION_KEY,
        _thread_version_key(thread_id),
        timeout=PAGE_TIMEOUT,
        per_language=True,
    )


def whole_page(thread_id: int, page: str) -> versioned_cache.Entry:
    """A signed-out reader's whole page, looked up: its value is
    {"slug", "body"} when found."""
    entry = part(thread_id, f"page:{int(page)}")
    versioned_cache.fetch(entry)
    return entry


def thread_changed(thread_id: int) -> None:
    versioned_cache.bump(_thread_version_key(thread_id))


def everything_changed() -> None:
    versioned_cache.bump(SHARED_VERSION_KEY)
