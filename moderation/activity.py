"""Recording what members do, as daily counters the trust-level job reads.

What a member does by reading (visiting, reading time, and through the forum
posts read and threads entered) happens on every page view, so it is buffered
in Redis as per-member, per-day counters and added to their days in batches by
`activity_flush`, a periodic task. Writes (posting, reacting) are rarer and
add to the day at once with `activity_add`.

Where no shared Redis is configured (the embedded run) there is no buffer and
everything is written at once.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from core.buffers import buffer_client, buffer_key

from .models import MemberDay

# Reading time counts the gap between two page views only when it is shorter
# than this: a longer one means the person left and came back.
READING_GAP_LIMIT_SECONDS = 5 * 60

PENDING_KEY = "moderation:activity:pending"
FLUSHING_KEY = "moderation:activity:flushing"
FLUSH_LOCK_KEY = "moderation:activity:flush-lock"
# One flush at a time. The lease outlives the flush task's time limit, so a
# lock is only ever taken over from a flush that has died.
FLUSH_LEASE_SECONDS = 5 * 60
FLUSH_TIME_LIMIT_SECONDS = 2 * 60
# How long a flush waits for one already running (the trust-level job waits,
# so it sees what that flush writes).
FLUSH_WAIT_SECONDS = 30
DAYS_PER_STATEMENT = 500

BufferedSource = Callable[..., object]
_buffered_sources: list[BufferedSource] = []


def activity_add(
    *, user_id: int, day: date | None = None, by_member: bool = True, **counters: int
) -> None:
    """Add to today's counters for one member (e.g. posts_read=3). `by_member`
    is False when someone else caused it (a reaction to their post): that alone
    doesn't make the day a visit."""
    day = day or timezone.localdate()
    row, _created = MemberDay.objects.get_or_create(
        user_id=user_id, day=day, defaults={"visited": by_member}
    )
    changes = {name: F(name) + value for name, value in counters.items() if value}
    if by_member and not row.visited:
        changes["visited"] = True
    if changes:
        MemberDay.objects.filter(pk=row.pk).update(**changes)


def activity_buffer(*, user_id: int, **counters: int) -> None:
    """Add to today's counters for a member who did this themselves, through
    the buffer when there is one (nothing is written to the database)."""
    counters = {name: value for name, value in counters.items() if value}
    client = buffer_client()
    if client is None:
        activity_add(user_id=user_id, **counters)
        return
    day = timezone.localdate().isoformat()
    pipeline = client.pipeline(transaction=False)
    for name, value in counters.items() or {"visited": 1}.items():
        pipeline.hincrby(buffer_key(PENDING_KEY), f"{user_id}:{day}:{name}", value)
    pipeline.execute()


def visit_record(user) -> None:
    """Count a signed-in member's day as visited, once per day."""
    day = timezone.localdate()
    if cache.add(f"moderation:visited:{user.pk}:{day.isoformat()}", 1, 60 * 60 * 26):
        activity_buffer(user_id=user.pk)


def reading_record(user) -> None:
    """A member opened a page of posts: count the time since their previous
    page as reading, if that was recent."""
    now = timezone.now().timestamp()
    key = f"moderation:last-read:{user.pk}"
    previous = cache.get(key)
    cache.set(key, now, READING_GAP_LIMIT_SECONDS)
    seconds = int(now - previous) if previous and now - previous < READING_GAP_LIMIT_SECONDS else 0
    if seconds:
        activity_buffer(user_id=user.pk, reading_seconds=seconds)


def buffered_source_register(flush: BufferedSource) -> None:
    """An app that buffers what adds to members' days registers its flush (a
    function taking `user_id=None`, None meaning everyone) here, so that
    `activity_flush` writes that buffer first."""
    if flush not in _buffered_sources:
        _buffered_sources.append(flush)


def buffered_sources_flush(*, user_id: int | None = None) -> None:
    """Write what other apps buffered (everyone's, or one member's) to the
    database, adding to members' days."""
    for flush in _buffered_sources:
        flush(user_id=user_id)


def activity_flush() -> int:
    """Write every buffered count to members' days; return how many
    member-days it added to.

    Runs one at a time (a Redis lock); a second caller waits for the first to
    finish, then writes what came in since. The pending counters are renamed
    to a "flushing" key, written in one transaction, and only then deleted,
    so a flush that dies leaves them for the next one: nothing is lost. The
    price is a narrow window, between the commit and the delete, in which a
    worker dying would have the next flush add that batch again; visits can't
    double, reading time can. Reading time only feeds trust-level thresholds,
    where counting a minute twice is a smaller harm than losing it silently.
    """
    buffered_sources_flush()
    client = buffer_client()
    if client is None:
        return 0
    lock = client.lock(
        buffer_key(FLUSH_LOCK_KEY),
        timeout=FLUSH_LEASE_SECONDS,
        blocking_timeout=FLUSH_WAIT_SECONDS,
    )
    if not lock.acquire():
        return 0
    try:
        written = 0
        pending, flushing = buffer_key(PENDING_KEY), buffer_key(FLUSHING_KEY)
        # First a batch an earlier flush left behind, if any, then what is pending.
        for _batch in range(2):
            if not client.exists(flushing):
                if not client.exists(pending):
                    break
                client.rename(pending, flushing)
            written += _buffered_days_write(client.hgetall(flushing))
            client.delete(flushing)
        return written
    finally:
        lock.release()


def _buffered_days_write(fields: Mapping[str, str]) -> int:
    days: dict[tuple[int, date], dict[str, int]] = defaultdict(dict)
    for field, value in fields.items():
        user_id, day, name = field.split(":")
        days[int(user_id), date.fromisoformat(day)][name] = int(value)
    with transaction.atomic():
        # An account erased since is left out: its counts go with it.
        members = set(
            get_user_model()
            .objects.filter(pk__in={user_id for user_id, _day in days})
            .values_list("pk", flat=True)
        )
        kept = {key: counters for key, counters in days.items() if key[0] in members}
        member_days_add(kept)
    return len(kept)


def member_days_add(days: Mapping[tuple[int, date], Mapping[str, int]]) -> None:
    """Add counters to members' days, `{(user_id, day): {"posts_read": 3}}`,
    creating days that don't exist yet, in one statement per few hundred days
    whoever else is adding to them. Every count here is something the member
    did, so each day counts as visited. The members must exist."""
    if not days:
        return
    meta = MemberDay._meta
    counters = [
        field.column
        for field in meta.concrete_fields
        if field.name not in {"id", "user", "day", "visited"}
    ]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ["user_id", "day", "visited", *counters]
    updates = [f"visited = {table}.visited OR excluded.visited"] + [
        f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}" for name in counters
    ]
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Sorted, so statements adding to the same days never wait on each other in a circle.
    items = sorted(days.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), DAYS_PER_STATEMENT):
            batch = items[start : start + DAYS_PER_STATEMENT]
            params = []
            for (user_id, day), added in batch:
                params += [user_id, day, True, *(added.get(name, 0) for name in counters)]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(quote(name) for name in columns)}) "  # noqa: S608
                f"VALUES {', '.join([row] * len(batch))} "
                f"ON CONFLICT (user_id, day) DO UPDATE SET {', '.join(updates)}",
                params,
            )


def activity_pending(user_id: int) -> dict[date, dict[str, int]]:
    """A member's counts still in the buffer, by day (for their data export)."""
    pending: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for field, value in _member_fields(user_id):
        _user, day, name = field.split(":")
        pending[date.fromisoformat(day)][name] += int(value)
    return pending


def activity_pending_forget(user_id: int) -> None:
    """Drop a member's buffered counts (their account is being erased)."""
    client = buffer_client()
    if client is None:
        return
    for key in (PENDING_KEY, FLUSHING_KEY):
        fields = [field for field, _value in _scan(client, key, user_id)]
        if fields:
            client.hdel(buffer_key(key), *fields)


def _member_fields(user_id: int) -> Iterable[tuple[str, str]]:
    client = buffer_client()
    if client is None:
        return []
    return [item for key in (PENDING_KEY, FLUSHING_KEY) for item in _scan(client, key, user_id)]


def _scan(client, key: str, user_id: int) -> Iterable[tuple[str, str]]:
    return client.hscan_iter(buffer_key(key), match=f"{user_id}:*", count=1000)
