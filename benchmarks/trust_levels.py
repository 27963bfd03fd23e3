"""Time the daily trust-level job on a large membership. Run by hand:

    .venv/bin/python benchmarks/trust_levels.py [--members 2000 20000]

For each size, writes that many members into the wwa_bench_trust PostgreSQL
database with 200 days of daily activity, a few upheld flags, silences and
peer moderators (bulk_create; not timed), everyone at level 0. Then it times
trust_levels_recompute() twice: the first run, which moves most members, and
the next day's, which finds only the few whose last 100 days changed. Prints
time, queries and levels changed, and how many members ended at each level.

Creates and migrates wwa_bench_trust if it is missing, and only ever touches
that database. Each size replaces the members the previous one wrote; the last
size's stay, to look at afterwards.
"""

import argparse
import os
import random
import secrets
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DATABASE = "wwa_bench_trust"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.production")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}")
# Nothing signed while seeding needs to outlive the run.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

HANDLE_PREFIX = "trustbench-"
HISTORY_DAYS = 200
PEER_MODERATORS = 12
SEED = 20_251_125

# How members use the site: (share, days visited out of the days since they
# joined, chance of replying / reacting on a day, reactions their posts get a day).
# Most people who sign up read a little and leave; a few are here most days.
HABITS = {
    "signed up and left": (0.35, (0.0, 0.03), 0.0, 0.0, 0.0),
    "occasional reader": (0.30, (0.03, 0.15), 0.05, 0.10, 0.1),
    "regular": (0.20, (0.15, 0.45), 0.25, 0.40, 0.6),
    "most days": (0.10, (0.45, 0.95), 0.45, 0.70, 1.5),
    "drifted away": (0.05, (0.20, 0.60), 0.25, 0.40, 0.6),
}
FLAGGED_SHARE = 0.03
SILENCED_SHARE = 0.01


def database_ensure() -> None:
    """Create the benchmark database if it is missing; Django migrates it after."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    target = dj_database_url.parse(os.environ["DATABASE_URL"])
    if target["NAME"] != BENCH_DATABASE:
        sys.exit(f"DATABASE_URL must point at the {BENCH_DATABASE} database; nothing was done.")
    with psycopg.connect(
        dbname="postgres",
        host=target["HOST"] or None,
        port=target["PORT"] or None,
        user=target["USER"] or None,
        password=target["PASSWORD"] or None,
        autocommit=True,
    ) as server:
        if not server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
            print(f"created {BENCH_DATABASE}")


def members_clear() -> None:
    from django.db import transaction

    from accounts.models import User
    from moderation.models import Flag, MemberDay, ModerationAction

    bench = {"username__startswith": HANDLE_PREFIX}
    with transaction.atomic():
        MemberDay.objects.filter(**{f"user__{key}": value for key, value in bench.items()}).delete()
        Flag.objects.filter(**{f"author__{key}": value for key, value in bench.items()}).delete()
        ModerationAction.objects.filter(
            **{f"target_user__{key}": value for key, value in bench.items()}
        ).delete()
        User.objects.filter(**bench).delete()


def day_counters(rng: random.Random, habit: tuple) -> dict[str, int]:
    _share, _visits, reply_chance, react_chance, reactions_a_day = habit
    posts_read = rng.choice([0, 2, 5, 8, 12, 20, 35])
    return {
        "posts_read": posts_read,
        "reading_seconds": posts_read * rng.randint(5, 40),
        "threads_entered": rng.choice([0, 0, 1, 1, 2, 3]) if posts_read else 0,
        "reply_threads": rng.choice([1, 1, 2]) if rng.random() < reply_chance else 0,
        "reactions_given": rng.choice([1, 2, 4]) if rng.random() < react_chance else 0,
        "reactions_received": int(rng.expovariate(1 / reactions_a_day)) if reactions_a_day else 0,
    }


def seed(members: int, rng: random.Random) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import PEER_MODERATORS_GROUP
    from moderation.models import (
        ActionKind,
        Flag,
        FlagReason,
        FlagResolution,
        MemberDay,
        ModerationAction,
    )

    now = timezone.now()
    today = timezone.localdate()
    unusable = make_password(None)
    names = list(HABITS)
    shares = [HABITS[name][0] for name in names]
    habits = rng.choices(names, shares, k=members)
    # Someone who drifted away was here long enough to have a history.
    joined_days_ago = [
        rng.randint(140 if habit == "drifted away" else 1, HISTORY_DAYS) for habit in habits
    ]
    accounts = [
        User(
            username=f"{HANDLE_PREFIX}{number}",
            password=unusable,
            date_joined=now - timedelta(days=joined_days_ago[number]),
            is_active=rng.random() > 0.01,
        )
        for number in range(members)
    ]
    User.objects.bulk_create(accounts, batch_size=5000)
    moderators, _created = Group.objects.get_or_create(name=PEER_MODERATORS_GROUP)
    moderators.user_set.add(*rng.sample(accounts, PEER_MODERATORS))

    days = []
    for account, habit_name, joined in zip(accounts, habits, joined_days_ago, strict=True):
        habit = HABITS[habit_name]
        low, high = habit[1]
        # Someone who drifted away has not been back for 100 to 130 days.
        newest = rng.randint(100, 130) if habit_name == "drifted away" else 0
        span = list(range(newest, joined + 1))
        visited = set(rng.sample(span, min(len(span), round(len(span) * rng.uniform(low, high)))))
        if habit_name == "signed up and left":
            visited.add(joined)
        for back in visited:
            days.append(
                MemberDay(
                    user=account, day=today - timedelta(days=back), **day_counters(rng, habit)
                )
            )
        # Reactions keep arriving on old posts on days the author is not here.
        if habit[4]:
            for back in rng.sample(span, min(len(span), 3)):
                if back not in visited:
                    days.append(
                        MemberDay(
                            user=account,
                            day=today - timedelta(days=back),
                            reactions_received=rng.randint(1, 3),
                        )
                    )
    MemberDay.objects.bulk_create(days, batch_size=10_000)

    # The job reads only whose content a flag was about and when it was upheld.
    about = ContentType.objects.get_for_model(User)
    flags, actions = [], []
    for account in rng.sample(accounts, round(members * FLAGGED_SHARE)):
        for _flag in range(rng.choice([1, 1, 2, 3, 4])):
            flags.append(
                Flag(
                    content_type=about,
                    object_id=account.pk,
                    author=account,
                    reason=rng.choice(list(FlagReason)),
                    resolution=rng.choice([FlagResolution.UPHELD, FlagResolution.DISMISSED]),
                    resolved_at=now - timedelta(days=rng.randint(1, HISTORY_DAYS)),
                )
            )
    for account in rng.sample(accounts, round(members * SILENCED_SHARE)):
        actions.append(
            ModerationAction(
                action=rng.choice(
                    [ActionKind.SILENCE, ActionKind.SUSPEND, ActionKind.COMMUNITY_SILENCE]
                ),
                target_user=account,
                reason="Benchmark restriction.",
                reversed_at=now if rng.random() < 0.2 else None,
            )
        )
    Flag.objects.bulk_create(flags, batch_size=5000)
    ModerationAction.objects.bulk_create(actions, batch_size=5000)
    # bulk_create stamps created_at with this moment; spread them over the year.
    for action in actions:
        action.created_at = now - timedelta(days=rng.randint(1, 365))
    ModerationAction.objects.bulk_update(actions, ["created_at"], batch_size=5000)

    with connection.cursor() as cursor:
        # Fresh rows have no planner statistics; production tables do.
        cursor.execute("VACUUM ANALYZE")
    print(
        f"  seeded {members} members, {len(days)} member-days, {len(flags)} flags, "
        f"{len(actions)} silences and suspensions"
    )


def measure(label: str, members: int, *, days_later: int = 0) -> tuple:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from moderation.trust import trust_levels_recompute

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        changed = trust_levels_recompute(now=timezone.now() + timedelta(days=days_later))
        seconds = time.perf_counter() - started
    levels = dict(
        User.objects.filter(username__startswith=HANDLE_PREFIX)
        .values("trust_level")
        .annotate(count=Count("pk"))
        .values_list("trust_level", "count")
    )
    distribution = "  ".join(f"{level}: {levels.get(level, 0)}" for level in range(5))
    return (members, label, f"{seconds:.2f}", len(queries), changed, distribution)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--members", type=int, nargs="+", default=[2_000, 20_000], help="sizes to measure"
    )
    args = parser.parse_args()
    if not all(1 <= size <= 200_000 for size in args.members):
        sys.exit("--members must be between 1 and 200,000.")
    database_ensure()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(SEED)
    rows = []
    for members in args.members:
        print(f"{members} members ...", flush=True)
        members_clear()
        seed(members, rng)
        rows.append(measure("first", members))
        rows.append(measure("next day", members, days_later=1))

    print(f"\nbatch size {settings.TRUST_JOB_BATCH_SIZE}")
    header = ("members", "run", "seconds", "queries", "changed", "levels 0-4")
    print(f"{header[0]:>8}  {header[1]:<9}{header[2]:>8}{header[3]:>9}{header[4]:>9}  {header[5]}")
    for members, label, seconds, queries, changed, distribution in rows:
        print(f"{members:>8}  {label:<9}{seconds:>8}{queries:>9}{changed:>9}  {distribution}")


if __name__ == "__main__":
    main()
