"""A version of everything the site search can find, for caches of its matches.

Any saved change to something searchable, or to who may read it, calls
`search_changed()`; a cache of matches keys on `search_version()`, so a search
after a change asks the indexes again instead of showing what they said before.
"""

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "search:version"


def search_version() -> int:
    return cache.get(VERSION_KEY, 0)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache yet
        if not cache.add(VERSION_KEY, 1, None):
            cache.incr(VERSION_KEY)


def search_changed() -> None:
    """Now, and again once the change is committed: a search in between would
    otherwise keep the matches from before it under the new version."""
    _bump()
    transaction.on_commit(_bump)
