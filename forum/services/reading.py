"""How far each member has read each thread.

Every page a member reads moves their read position, so it isn't written to
the database then: the position goes to a Redis hash ("user:thread" -> the
furthest post read, only ever raised) and `reads_flush`, a periodic task,
writes the hash to ThreadRead rows in batches. Everything that asks how far a
member has read takes the larger of their row and their pending position, so
their very next page already knows.

Posts read and threads entered count towards trust levels; the flush adds
them to the member's day, worked out from the row it moves, so a flush that
runs twice (or two at once) counts each post once. They are counted on the
day of the flush, at most a minute after the reading.

Without a shared Redis (the embedded run), positions are written at once.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.buffers import buffer_client, buffer_key
from moderation.activity import activity_add, member_days_add

from .. import list_cache
from ..models.threads import Thread, ThreadRead

PENDING_KEY = "forum:reads:pending"
FLUSH_CHUNK = 1000

# Raise a field to ARGV[2] if it is lower or missing; a position never moves back.
_RAISE = """
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
    return 1
end
return 0
"""
# Delete each field still at the value the flush wrote; one raised since stays
# for the next flush.
_FORGET_WRITTEN = """
local forgotten = 0
for index = 1, #ARGV, 2 do
    if redis.call('HGET', KEYS[1], ARGV[index]) == ARGV[index + 1] then
        forgotten = forgotten + redis.call('HDEL', KEYS[1], ARGV[index])
    end
end
return forgotten
"""


def thread_mark_read(*, user, thread: Thread, position: int) -> None:
    """Remember that the member has read up to `position`; never moves
    backwards. Writes nothing to the database while there is a buffer."""
    if not user.is_authenticated:
        return
    client = buffer_client()
    if client is None:
        _read_position_write(user=user, thread=thread, position=position)
        return
    if client.eval(_RAISE, 1, buffer_key(PENDING_KEY), f"{user.pk}:{thread.pk}", position):
        # The member's unread marks on stored lists; a flush moves nothing they see.
        list_cache.member_changed(user.pk)


def _read_position_write(*, user, thread: Thread, position: int) -> None:
    read, created = ThreadRead.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_position": position}
    )
    if created:
        activity_add(user_id=user.pk, threads_entered=1, posts_read=position)
        list_cache.member_changed(user.pk)
    elif read.last_read_position < position:
        moved = ThreadRead.objects.filter(pk=read.pk, last_read_position__lt=position).update(
            last_read_position=position
        )
        if moved:
            activity_add(user_id=user.pk, posts_read=position - read.last_read_position)
            list_cache.member_changed(user.pk)


def read_position(*, user, thread: Thread) -> int:
    """How far the member has read the thread: 0 when they never opened it."""
    stored = (
        ThreadRead.objects.filter(user=user, thread=thread)
        .values_list("last_read_position", flat=True)
        .first()
    )
    pending = _pending_positions(user, [thread.pk]).get(thread.pk, 0)
    return max(stored or 0, pending)


def read_positions(*, user, thread_ids: list[int]) -> dict[int, int]:
    """How far the member has read each of these threads they have opened,
    in one query and one round trip."""
    if not user.is_authenticated or not thread_ids:
        return {}
    reads = ThreadRead.objects.filter(user=user, thread_id__in=thread_ids)
    positions = dict(reads.values_list("thread_id", "last_read_position"))
    for thread_id, pending in _pending_positions(user, thread_ids).items():
        positions[thread_id] = max(positions.get(thread_id, 0), pending)
    return positions


def _pending_positions(user, thread_ids: list[int]) -> dict[int, int]:
    client = buffer_client()
    if client is None or not thread_ids:
        return {}
    values = client.hmget(
        buffer_key(PENDING_KEY), [f"{user.pk}:{thread_id}" for thread_id in thread_ids]
    )
    return {
        thread_id: int(value)
        for thread_id, value in zip(thread_ids, values, strict=True)
        if value is not None
    }


def reads_flush(*, user_id: int | None = None) -> int:
    """Write pending read positions (everyone's, or one member's) to the
    database; return how many positions moved.

    Safe to run twice or at once with another flush: the rows decide what
    moves and what counts. A position is dropped from Redis only once the
    transaction that wrote it has committed, and only if it hasn't moved on
    since, so a flush that dies loses nothing.
    """
    client = buffer_client()
    if client is None:
        return 0
    key = buffer_key(PENDING_KEY)
    match = f"{user_id}:*" if user_id is not None else None
    moved = 0
    chunk: dict[str, str] = {}
    for field, value in client.hscan_iter(key, match=match, count=FLUSH_CHUNK):
        chunk[field] = value
        if len(chunk) >= FLUSH_CHUNK:
            moved += _reads_write_and_forget(client, key, chunk)
            chunk = {}
    if chunk:
        moved += _reads_write_and_forget(client, key, chunk)
    return moved


def _reads_write_and_forget(client, key: str, chunk: dict[str, str]) -> int:
    positions = {}
    for field, value in chunk.items():
        user_id, thread_id = field.split(":")
        positions[int(user_id), int(thread_id)] = int(value)
    moved = _reads_write(positions)
    client.eval(_FORGET_WRITTEN, 1, key, *(item for pair in chunk.items() for item in pair))
    return moved


@transaction.atomic
def _reads_write(positions: dict[tuple[int, int], int]) -> int:
    """Raise ThreadRead rows to these positions and add the posts read and
    threads entered to the members' days; return how many rows moved."""
    # A member or thread deleted since is left out; its entries are dropped.
    members = set(
        get_user_model()
        .objects.filter(pk__in={user_id for user_id, _thread in positions})
        .values_list("pk", flat=True)
    )
    threads = set(
        Thread.objects.filter(pk__in={thread for _user, thread in positions}).values_list(
            "pk", flat=True
        )
    )
    positions = {
        pair: position
        for pair, position in positions.items()
        if pair[0] in members and pair[1] in threads
    }
    if not positions:
        return 0
    # Every pair gets a row first (0: not entered yet), then the rows are
    # locked, so a flush running at the same time waits here and then sees
    # what this one wrote.
    # Always in the same order, so two flushes never wait on each other in a circle.
    ThreadRead.objects.bulk_create(
        [
            ThreadRead(user_id=user_id, thread_id=thread_id, last_read_position=0)
            for user_id, thread_id in sorted(positions)
        ],
        ignore_conflicts=True,
    )
    by_member: dict[int, list[int]] = defaultdict(list)
    for user_id, thread_id in positions:
        by_member[user_id].append(thread_id)
    pairs = Q()
    for user_id, thread_ids in by_member.items():
        pairs |= Q(user_id=user_id, thread_id__in=thread_ids)
    rows = ThreadRead.objects.select_for_update().filter(pairs).order_by("pk")
    raised = []
    days: dict[tuple[int, date], dict[str, int]] = {}
    today = timezone.localdate()
    for row in rows:
        position = positions[row.user_id, row.thread_id]
        if position <= row.last_read_position:
            continue
        day = days.setdefault((row.user_id, today), {"posts_read": 0, "threads_entered": 0})
        day["posts_read"] += position - row.last_read_position
        day["threads_entered"] += int(row.last_read_position == 0)
        row.last_read_position = position
        raised.append(row)
    ThreadRead.objects.bulk_update(raised, ["last_read_position"])
    member_days_add(days)
    return len(raised)


def member_reads_erase(user) -> None:
    """Before an account is deleted: its pending read positions go too (its
    rows go with the account). A flush that already took them leaves them out
    once the account is gone."""
    client = buffer_client()
    if client is None:
        return
    key = buffer_key(PENDING_KEY)
    fields = [field for field, _value in client.hscan_iter(key, match=f"{user.pk}:*")]
    if fields:
        client.hdel(key, *fields)
