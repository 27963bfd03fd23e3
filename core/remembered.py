"""Answers that stay the same from one request to the next, kept in the cache
until what they depend on changes.

Every page asks a few things that rarely change: which groups the member is
in, how many notifications they haven't read, the site's Safety setting.
Each answer is kept under a version (core/versioned_cache.py); whatever
changes the answer calls `forget`, which moves the version on, so the next
request works it out afresh.

A timeout bounds anything a change could not name (a notification about a
post that a moderator hid since).
"""

from collections.abc import Callable
from typing import Any

from . import versioned_cache

DEFAULT_SECONDS = 10 * 60


def _version_key(name: str, scope: object) -> str:
    return f"remembered:{name}:{scope}:version"


def remembered(
    name: str,
    compute: Callable[[], Any],
    *,
    scope: object = "all",
    detail: str = "",
    seconds: int = DEFAULT_SECONDS,
):
    """The answer `compute` gives for `name` within `scope` (a member's id, or
    everyone), from the cache while nothing has changed it. `detail` tells
    apart answers that change together (the setting of each host name)."""
    kept = versioned_cache.Entry(
        f"remembered:{name}:{scope}:{detail}", _version_key(name, scope), timeout=seconds
    )
    versioned_cache.fetch(kept)
    if kept.found:
        return kept.value
    return kept.store(compute())


def forget(name: str, scope: object = "all") -> None:
    """Something `name` depends on changed within `scope`."""
    versioned_cache.bump(_version_key(name, scope))
