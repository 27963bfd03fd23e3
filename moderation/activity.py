"""Recording what members do, as daily counters the trust-level job reads."""

from datetime import date

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from .models import MemberDay

# Reading time counts the gap between two page views only when it is shorter
# than this: a longer one means the person left and came back.
READING_GAP_LIMIT_SECONDS = 5 * 60


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


def visit_record(user) -> None:
    """Count a signed-in member's day as visited, once per day."""
    day = timezone.localdate()
    if cache.add(f"moderation:visited:{user.pk}:{day.isoformat()}", 1, 60 * 60 * 26):
        row, created = MemberDay.objects.get_or_create(user_id=user.pk, day=day)
        if not created and not row.visited:
            MemberDay.objects.filter(pk=row.pk).update(visited=True)


def reading_record(user) -> None:
    """A member opened a page of posts: count the time since their previous
    page as reading, if that was recent."""
    now = timezone.now().timestamp()
    key = f"moderation:last-read:{user.pk}"
    previous = cache.get(key)
    cache.set(key, now, READING_GAP_LIMIT_SECONDS)
    seconds = int(now - previous) if previous and now - previous < READING_GAP_LIMIT_SECONDS else 0
    if seconds:
        activity_add(user_id=user.pk, reading_seconds=seconds)
