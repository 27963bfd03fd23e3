"""Answers that stay the same from one request to the next, kept in the cache
until what they depend on changes.

Every page asks a few things that rarely change: which groups the member is
in, how many notifications they haven't read, the site's Safety setting.
Each answer is stored under a key that carries a version; whatever changes
the answer calls `forget`, which moves the version on, so the next request
works it out afresh. The version moves twice: at once, and again when the
change is committed, because a request that read the old rows before the
commit would otherwise store them under the new version.

A short timeout bounds anything a change could not name (a notification
about a post that a moderator hid since).
"""

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

DEFAULT_SECONDS = 10 * 60
_MISSING = object()


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
    version = cache.get(_version_key(name, scope), 0)
    key = f"remembered:{name}:{scope}:{version}:{detail}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, seconds)
    return value


def forget(name: str, scope: object = "all") -> None:
    """Something `name` depends on changed within `scope`."""
    key = _version_key(name, scope)
    cache.set(key, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(key, time.time_ns(), None))
