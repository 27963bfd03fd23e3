"""Write buffers: what page views record (how far a member read, their daily
activity) is kept in Redis and written to the database in batches by a
periodic task, so reading a page writes nothing to the database.

A buffer needs a store every web and worker process shares. That is the
Redis cache (production, CI). The embedded run's local-memory cache lives in
one process, so there `buffer_client()` is None and callers write directly.
"""

import functools
import re

import redis

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


def buffer_client() -> redis.Redis | None:
    """A client for the Redis server behind the cache, or None when the cache
    isn't Redis. Responses come back as text."""
    if not isinstance(caches["default"], RedisCache):
        return None
    return _client_for(_primary_server(settings.CACHES["default"]["LOCATION"]))


def buffer_key(name: str) -> str:
    """`name` in the cache's own namespace, so a deployment's (or a test
    run's) key prefix applies to buffers too."""
    return cache.make_key(name)


def _primary_server(location: str | list[str]) -> str:
    # The cache writes to the first server it is given; reads of a buffer
    # must see its writes at once, so buffers use that one only.
    return re.split("[;,]", location)[0] if isinstance(location, str) else location[0]


@functools.cache
def _client_for(url: str) -> redis.Redis:
    # One connection pool per server and process; redis-py opens new
    # connections after a fork (Celery's prefork workers).
    return redis.Redis.from_url(url, decode_responses=True)
