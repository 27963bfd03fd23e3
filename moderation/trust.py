"""Trust levels, recomputed daily from the activity members' days record.

Levels 1 and 2 are never lost; level 3 is, when activity drops or flags are
upheld; level 4 is the Peer moderators group. A recent silence or suspension
holds a member where they are, below level 3.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import ActionKind, Flag, FlagResolution, MemberDay, ModerationAction

MODERATOR_LEVEL = 4
RESTRICTIONS = (ActionKind.SILENCE, ActionKind.SUSPEND, ActionKind.COMMUNITY_SILENCE)


@dataclass(frozen=True)
class Activity:
    days_visited: int = 0
    posts_read: int = 0
    reading_seconds: int = 0
    threads_entered: int = 0
    reply_threads: int = 0
    reactions_given: int = 0
    reactions_received: int = 0
    recent_days_visited: int = 0
    recent_reactions_received: int = 0
    recent_flags_upheld: int = 0
    recently_restricted: bool = False


def level_earned(activity: Activity) -> int:
    """The highest level (0–3) this activity reaches on its own."""
    needs = settings.TRUST_LEVEL_REQUIREMENTS
    one, two, three = needs[1], needs[2], needs[3]
    if not (
        activity.threads_entered >= one["threads_entered"]
        and activity.posts_read >= one["posts_read"]
        and activity.reading_seconds >= one["reading_minutes"] * 60
    ):
        return 0
    if not (
        activity.days_visited >= two["days_visited"]
        and activity.reply_threads >= two["reply_threads"]
        and activity.reactions_given >= two["reactions_given"]
        and activity.reactions_received >= two["reactions_received"]
    ):
        return 1
    if (
        activity.recent_days_visited >= three["days_visited"]
        and activity.recent_reactions_received >= three["reactions_received"]
        and activity.recent_flags_upheld <= three["max_flags_upheld"]
        and not activity.recently_restricted
    ):
        return 3
    return 2


def level_next(*, current: int, activity: Activity, is_moderator: bool) -> int:
    if is_moderator:
        return MODERATOR_LEVEL
    kept = min(current, 2)
    if activity.recently_restricted:
        return kept
    return max(level_earned(activity), kept)


def activity_for(user_ids: list[int], *, now=None) -> dict[int, Activity]:
    """Activity for a batch of members, in three queries whatever the batch size."""
    now = now or timezone.now()
    window_start = now - timedelta(days=settings.TRUST_LEVEL_REQUIREMENTS[3]["window_days"])
    recent = Q(day__gte=window_start.date())
    # A reaction adds to its post author's day even when they never came by.
    visited = Q(visited=True)
    totals = (
        MemberDay.objects.filter(user_id__in=user_ids)
        .values("user_id")
        .annotate(
            # These come first: once an aggregate is named after a column, later
            # expressions that name the column get the aggregate instead.
            days_visited=Count("pk", filter=visited),
            recent_days_visited=Count("pk", filter=visited & recent),
            recent_reactions_received=Sum("reactions_received", filter=recent),
            posts_read=Sum("posts_read"),
            reading_seconds=Sum("reading_seconds"),
            threads_entered=Sum("threads_entered"),
            reply_threads=Sum("reply_threads"),
            reactions_given=Sum("reactions_given"),
            reactions_received=Sum("reactions_received"),
        )
    )
    upheld = dict(
        Flag.objects.filter(
            author_id__in=user_ids,
            resolution=FlagResolution.UPHELD,
            resolved_at__gte=window_start,
        )
        .values("author_id")
        .annotate(count=Count("pk"))
        .values_list("author_id", "count")
    )
    restricted = set(
        ModerationAction.objects.filter(
            target_user_id__in=user_ids,
            action__in=RESTRICTIONS,
            reversed_at__isnull=True,
            created_at__gte=now - timedelta(days=settings.TRUST_PENALTY_DAYS),
        ).values_list("target_user_id", flat=True)
    )
    activity = {
        row.pop("user_id"): Activity(**{key: value or 0 for key, value in row.items()})
        for row in totals
    }
    result = {}
    for user_id in user_ids:
        base = activity.get(user_id, Activity())
        result[user_id] = Activity(
            **{
                **base.__dict__,
                "recent_flags_upheld": upheld.get(user_id, 0),
                "recently_restricted": user_id in restricted,
            }
        )
    return result


def trust_levels_recompute(*, batch_size: int | None = None, now=None) -> int:
    """Recompute every active member's level; return how many changed.

    Idempotent, and batched by primary key: each batch costs the same few
    queries however many members it holds.
    """
    from .services import moderator_ids

    batch_size = batch_size or settings.TRUST_JOB_BATCH_SIZE
    moderators = set(moderator_ids())
    members = get_user_model().objects.filter(is_active=True).order_by("pk")
    changed = 0
    last_pk = 0
    while True:
        batch = list(members.filter(pk__gt=last_pk).values_list("pk", "trust_level")[:batch_size])
        if not batch:
            return changed
        last_pk = batch[-1][0]
        activity = activity_for([pk for pk, _level in batch], now=now)
        moves: dict[int, list[int]] = {}
        for pk, current in batch:
            level = level_next(
                current=current, activity=activity[pk], is_moderator=pk in moderators
            )
            if level != current:
                moves.setdefault(level, []).append(pk)
        for level, pks in moves.items():
            changed += members.filter(pk__in=pks).update(trust_level=level)
