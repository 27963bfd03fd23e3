"""Values kept in the cache for as long as the versions they were made under
still hold.

Whatever changes what a value shows bumps one of its versions; the value is
stored with the versions read when it was looked up, so one made from rows
that changed meanwhile is never taken for current. Looking up any number of
values, with their versions, is one round trip to the cache.

A version moves twice: at once, and again when the change is committed,
because a request that read the old rows before the commit would otherwise
store them under the new version. A version the cache has lost starts again
from a new value, never from one an old value was stored under.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language


class Entry:
    """One kept value and the versions it must match to be used: look it up
    with fetch(), then read .found and .value."""

    def __init__(self, key: str, *version_keys: str, timeout: int, per_language=False):
        self.key = key
        self.version_keys = list(version_keys)
        self.timeout = timeout
        # Rendered text depends on the language it was rendered in.
        self.per_language = per_language
        self.versions: list = []
        self.found = False
        self.value = None

    def read(self, found: dict) -> None:
        self.versions = [found.get(name) for name in self.version_keys]
        if self.per_language:
            self.versions.append(get_language())
        stored = found.get(self.key)
        self.found = stored is not None and stored["versions"] == self.versions
        self.value = stored["value"] if self.found else None

    def store(self, value):
        """Keep `value` for the versions read when this entry was looked up."""
        cache.set(self.key, {"versions": self.versions, "value": value}, self.timeout)
        self.found, self.value = True, value
        return value


def fetch(*entries: Entry) -> None:
    """Look up the entries, and the versions they need, in one round trip."""
    version_names = {name for entry in entries for name in entry.version_keys}
    found = cache.get_many([*version_names, *(entry.key for entry in entries)])
    missing = [name for name in version_names if name not in found]
    if missing:
        for name in missing:
            cache.add(name, time.time_ns(), None)
        found.update(cache.get_many(missing))
    for entry in entries:
        entry.read(found)


def bump(*version_keys: str) -> None:
    """What the values under these versions show has changed."""

    def move():
        cache.set_many(dict.fromkeys(version_keys, time.time_ns()), None)

    move()
    transaction.on_commit(move)
