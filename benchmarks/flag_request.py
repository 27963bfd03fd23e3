"""Time flagging a post through the site, including the flag that hides it.
Run by hand:

    .venv/bin/python benchmarks/flag_request.py [--posts 200]

Uses the moderation benchmarks' database (wwa_bench_trust, created and
migrated if missing, as benchmarks/trust_levels.py does) with production
settings. Writes a thread with `--posts` replies by a new member and three
members at trust level 1 who each flag every reply as sourcing through
POST /moderation/flag/forum.post/<id>/: the third flag reaches the hide
threshold, so that request also hides the post, writes the decision, opens the
queue item and notifies the author. Prints the median and 95th percentile time
and the queries for the first, second and third (hiding) flag. Everything it
wrote is removed at the start of the next run.
"""

import argparse
import statistics
import sys
import time

import trust_levels  # noqa: F401 - sets the benchmark database and settings
from trust_levels import database_ensure

PREFIX = "flagbench-"


def clear() -> None:
    from accounts.models import User
    from forum.models import Category, Thread
    from moderation.models import Flag, ModerationAction, QueueItem

    Flag.objects.filter(author__username__startswith=PREFIX).delete()
    QueueItem.objects.filter(member__username__startswith=PREFIX).delete()
    ModerationAction.objects.filter(target_user__username__startswith=PREFIX).delete()
    Thread.objects.filter(category__slug=f"{PREFIX}category").delete()
    Category.objects.filter(slug=f"{PREFIX}category").delete()
    User.objects.filter(username__startswith=PREFIX).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    args = parser.parse_args()
    if not 1 <= args.posts <= 2_000:
        sys.exit("--posts must be between 1 and 2,000.")
    database_ensure()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from forum.models import Category, Post, Thread

    call_command("migrate", interactive=False, verbosity=0)
    clear()
    # The benchmark flags far more than a day's limit allows.
    settings.TRUST_RATE_LIMITS = {level: {"flag": (10**6, 86_400)} for level in range(4)}
    category = Category.objects.create(name="Flag benchmark", slug=f"{PREFIX}category")
    author = User.objects.create(username=f"{PREFIX}author", trust_level=0)
    opener = User.objects.create(username=f"{PREFIX}opener", trust_level=1)
    thread = Thread.objects.create(
        category=category, author=opener, title="Flag benchmark", last_post_at=timezone.now()
    )
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=author,
            position=number + 1,
            body_source=f"Reply {number}",
            body_html=f"<p>Reply {number}</p>",
        )
        for number in range(args.posts)
    )
    thread.last_position = args.posts
    thread.save()
    flaggers = []
    for number in range(3):
        member = User.objects.create(username=f"{PREFIX}flagger-{number}", trust_level=1)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(member)
        flaggers.append(client)

    timings: dict[int, list[float]] = {0: [], 1: [], 2: []}
    queries: dict[int, list[int]] = {0: [], 1: [], 2: []}
    for post in Post.objects.filter(thread=thread).order_by("position"):
        url = f"/moderation/flag/forum.post/{post.pk}/"
        for turn, client in enumerate(flaggers):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(url, {"reason": "sourcing"})
                timings[turn].append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                sys.exit(f"flag {turn + 1} on post {post.pk} answered {response.status_code}")
            queries[turn].append(len(captured))
    hidden = Post.objects.filter(thread=thread, moderation_state="hidden").count()

    print(f"{args.posts} posts, 3 flags each; {hidden} hidden by the third flag")
    print(f"{'flag':<22}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for turn, label in enumerate(["first", "second", "third (hides the post)"]):
        ordered = sorted(timings[turn])
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(
            f"{label:<22}{statistics.median(ordered):>10.1f}{p95:>9.1f}"
            f"{statistics.median(queries[turn]):>9.0f}"
        )
    clear()


if __name__ == "__main__":
    main()
