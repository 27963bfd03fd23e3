"""Time a whole digest run: 20,000 members, a week of notifications, all due.
Run by hand:

    .venv/bin/python benchmarks/digest_run.py [--members 20000]

Drops and creates the wwa_bench_digest PostgreSQL database, migrates it and
writes (bulk_create, not timed) the members, each with a verified address and
a daily or weekly digest due now, a forum of 600 threads, and a week of
notifications: new threads where they watch and, for those who chose so,
replies, mentions and quotes. A fifth of the members have nothing new.

Then, in a fresh process (so its peak memory is the run's own) sending to an
SMTP server in a third process (aiosmtpd, counting what it receives):

- queries and time for one batch of 50, 100 and 200 members, to show a batch
  costs the same per member at any size;
- the run itself: digests_queue() queueing a task per batch of
  DIGEST_BATCH_SIZE (on kombu's in-memory broker), then each batch through
  the task's code as a worker runs it: render, record, hand to SMTP;
- peak memory: the process's peak RSS, and Python's peak allocations while
  sending one batch (tracemalloc, on its own, since it slows everything);
- the size of one discreet and one detailed digest, each part.

Only ever touches the database named wwa_bench_digest.
"""

import argparse
import json
import os
import random
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DATABASE = "wwa_bench_digest"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.production")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}")
# Nothing signed while seeding needs to outlive the run.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# The in-memory broker and cache: the figures are the site's own work.
os.environ["REDIS_URL"] = ""

HANDLE_PREFIX = "digestbench-"
# Members measured apart from the run: batches of 50, 100 and 200, then one
# batch of 100 under tracemalloc. Not due until their turn.
PROBE_PREFIX = "digestprobe-"
PROBE_SIZES = (50, 100, 200)
TRACED_BATCH = 100
THREADS = 600
REPLIES_PER_THREAD = (0, 25)
SEED = 20_261_207
# Two members whose digests the mail server keeps, to weigh them.
DETAILED_SAMPLE = f"{HANDLE_PREFIX}0@example.org"
DISCREET_SAMPLE = f"{HANDLE_PREFIX}1@example.org"


# --- The mail server (its own process) ---------------------------------------------


def sink(port: int, keep: list[str], keep_dir: Path) -> None:
    """Accept every message on 127.0.0.1:`port`; keep the first one to each
    address in `keep`; on SIGTERM print what arrived, as JSON, and stop."""
    from aiosmtpd.controller import Controller

    sizes: list[int] = []
    kept: set[str] = set()
    lock = threading.Lock()

    class Counting:
        async def handle_DATA(self, server, session, envelope):
            with lock:
                sizes.append(len(envelope.content))
                for recipient in envelope.rcpt_tos:
                    if recipient in keep and recipient not in kept:
                        kept.add(recipient)
                        (keep_dir / f"{recipient}.eml").write_bytes(envelope.content)
            return "250 OK"

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(json.dumps({"messages": len(sizes), "bytes": sum(sizes), "sizes": sizes}), flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- The database ------------------------------------------------------------------


def database_recreate() -> None:
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
        name = sql.Identifier(BENCH_DATABASE)
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        server.execute(sql.SQL("CREATE DATABASE {}").format(name))


def seed(members: int) -> None:
    import django

    django.setup()
    from allauth.account.models import EmailAddress

    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from forum.models import Category, Post, Thread
    from forum.models.threads import ContentWarning
    from notifications.models import EmailPreference, Notification, NotificationKind
    from notifications.preferences import TIME_ZONE_CHOICES

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"  migrated in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now()
    unusable = make_password(None)
    probes = sum(PROBE_SIZES) + TRACED_BATCH
    handles = [f"{HANDLE_PREFIX}{n}" for n in range(members)] + [
        f"{PROBE_PREFIX}{n}" for n in range(probes)
    ]
    accounts = User.objects.bulk_create(
        (User(username=handle, password=unusable) for handle in handles), batch_size=5000
    )
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=account, email=f"{account.username}@example.org", verified=True)
            for account in accounts
        ),
        batch_size=5000,
    )
    zones = [name for name, _label in TIME_ZONE_CHOICES]
    preferences = []
    for account in accounts:
        probe = account.username.startswith(PROBE_PREFIX)
        preferences.append(
            EmailPreference(
                member=account,
                digest="weekly" if rng.random() < 0.6 else "daily",
                digest_weekday=rng.randrange(7),
                digest_hour=rng.randrange(24),
                time_zone=rng.choice(zones),
                detailed=rng.random() < 0.3,
                activity="digest" if rng.random() < 0.4 else "off",
                # Due within the last half hour, as the job every 30 minutes finds them.
                next_digest_at=None if probe else now - timedelta(minutes=rng.uniform(0, 30)),
            )
        )
    for preference, detailed in zip(preferences[:2], (True, False), strict=True):
        preference.digest, preference.activity, preference.detailed = "weekly", "digest", detailed
    EmailPreference.objects.bulk_create(preferences, batch_size=5000)

    categories = Category.objects.bulk_create(
        Category(name=f"Bench {n}", slug=f"bench-{n}", is_sensitive=n == 0) for n in range(6)
    )
    authors = rng.sample(accounts, 300)
    threads = Thread.objects.bulk_create(
        Thread(
            category=rng.choice(categories),
            author=rng.choice(authors),
            title=f"Bench thread {n} about gardens and weather",
            slug=f"bench-thread-{n}",
            last_post_at=now,
        )
        for n in range(THREADS)
    )
    # One in ten carries a content warning: detailed digests leave those out.
    for thread in rng.sample(threads, THREADS // 10):
        thread.content_warning = ContentWarning.OTHER
        thread.content_warning_other = "Something heavy"
    posts = []
    for thread in threads:
        replies = rng.randint(*REPLIES_PER_THREAD)
        for position in range(1, replies + 2):
            text = f"Post {position} in thread {thread.pk}: watering, mulch and the first frost."
            posts.append(
                Post(
                    thread=thread,
                    author=rng.choice(authors),
                    position=position,
                    body_source=text,
                    body_html=f"<p>{text}</p>",
                )
            )
        thread.last_position = thread.reply_count = replies
        thread.last_position += 1
    posts = Post.objects.bulk_create(posts, batch_size=5000)
    Thread.objects.bulk_update(
        threads,
        ["last_position", "reply_count", "content_warning", "content_warning_other"],
        batch_size=5000,
    )
    openings = [post for post in posts if post.position == 1]
    replies = [post for post in posts if post.position > 1]

    kinds = [
        (NotificationKind.NEW_THREAD, 0.45, openings),
        (NotificationKind.REPLY, 0.35, replies),
        (NotificationKind.MENTION, 0.15, replies),
        (NotificationKind.QUOTE, 0.05, replies),
    ]
    notifications = []
    for index, account in enumerate(accounts):
        # A fifth have had a quiet week; the rest 1 to 40 notifications, 10 on average.
        if index < 2:
            count = 12
        elif rng.random() < 0.2:
            count = 0
        else:
            count = min(40, 1 + int(rng.expovariate(1 / 9)))
        seen = set()
        for _n in range(count):
            kind, _share, pool = rng.choices(kinds, [k[1] for k in kinds])[0]
            post = rng.choice(pool)
            if (kind, post.pk) in seen:
                continue
            seen.add((kind, post.pk))
            notifications.append(
                Notification(
                    recipient=account,
                    kind=kind,
                    actor=post.author,
                    summary=f"{post.author.username} posted in “Bench thread”",
                    sensitive=True,
                    thread_id=post.thread_id,
                    post=post,
                )
            )
    Notification.objects.bulk_create(notifications, batch_size=10_000)
    with connection.cursor() as cursor:
        # A week of activity, not one moment's.
        cursor.execute(
            "UPDATE forum_notification SET created_at = now() - random() * interval '7 days'"
        )
        cursor.execute("UPDATE forum_notification SET updated_at = created_at")
        cursor.execute("VACUUM ANALYZE")
    print(
        f"  seeded {members} members (+{probes} to measure batches), {len(threads)} threads, "
        f"{len(posts)} posts, {len(notifications)} notifications "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


# --- The measurements (a fresh process) -------------------------------------------


class QueryCounter:
    """Counts every query the connection runs, without keeping them."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure() -> dict:
    import django

    django.setup()
    from kombu import Queue

    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from notifications.emails import email_settings
    from notifications.models import DigestSend, EmailPreference
    from notifications.tasks import digest_batch, digests_queue
    from peersite.celery import app

    counter = QueryCounter()
    results: dict = {"batch_size": settings.DIGEST_BATCH_SIZE}
    email_settings()
    probe_ids = list(
        EmailPreference.objects.filter(member__username__startswith=PROBE_PREFIX)
        .order_by("member_id")
        .values_list("member_id", flat=True)
    )

    def make_due(member_ids):
        EmailPreference.objects.filter(member_id__in=member_ids).update(
            next_digest_at=timezone.now() - timedelta(minutes=1)
        )

    # One batch at each size.
    results["sizes"] = []
    offset = 0
    for size in PROBE_SIZES:
        batch = probe_ids[offset : offset + size]
        offset += size
        make_due(batch)
        counter.count = 0
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            sent = digest_batch(batch)
        seconds = time.perf_counter() - started
        # The forum is asked what a digest may show only when it is detailed and has something.
        detailed = EmailPreference.objects.filter(
            member_id__in=batch, detailed=True, member__digest_sends__sent_at__isnull=False
        ).count()
        results["sizes"].append(
            {
                "members": size,
                "sent": sent,
                "detailed": detailed,
                "queries": counter.count,
                "seconds": seconds,
            }
        )
    results["rss_before_run_mb"] = peak_rss_mb()

    # The run: queue every due member, then each batch as a worker runs it.
    app.conf.task_always_eager = False
    started = time.perf_counter()
    batches = digests_queue()
    results["queue_seconds"] = time.perf_counter() - started
    results["batches"] = batches
    batch_queries, batch_seconds = [], []
    started = time.perf_counter()
    with app.connection_for_read() as broker:
        queue = Queue("celery", routing_key="celery")(broker.default_channel)
        while (message := queue.get(no_ack=True)) is not None:
            assert message.headers["task"] == digest_batch.name
            (member_ids,), _kwargs, _embed = message.decode()
            counter.count = 0
            batch_started = time.perf_counter()
            with connection.execute_wrapper(counter):
                digest_batch(member_ids)
            batch_seconds.append(time.perf_counter() - batch_started)
            batch_queries.append((len(member_ids), counter.count))
    results["send_seconds"] = time.perf_counter() - started
    results["batch_queries"] = batch_queries
    results["batch_seconds"] = batch_seconds
    results["peak_rss_mb"] = peak_rss_mb()
    bench = DigestSend.objects.filter(member__username__startswith=HANDLE_PREFIX)
    results["digests_sent"] = bench.filter(sent_at__isnull=False).count()
    results["nothing_new"] = bench.filter(sent_at__isnull=True).count()

    # Python's own allocations while one batch is sent.
    import tracemalloc

    batch = probe_ids[offset : offset + TRACED_BATCH]
    make_due(batch)
    tracemalloc.start()
    digest_batch(batch)
    results["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return results


# --- The report --------------------------------------------------------------------


def digest_size(path: Path) -> dict:
    import email
    import email.policy

    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    text = message.get_body(("plain",)).get_content().encode()
    html = message.get_body(("html",)).get_content().encode()
    return {"total": len(raw), "text": len(text), "html": len(html)}


def report(members: int, results: dict, received: dict, keep_dir: Path) -> None:
    print(f"\n{members} members, batches of {results['batch_size']}")
    print("\nOne batch at each size (digest_batch, the task's code):")
    columns = ("members", 8), ("sent", 6), ("detailed", 10), ("queries", 9), ("4 + 6m + d", 12)
    print("".join(f"{name:>{width}}" for name, width in columns) + f"{'ms/member':>11}")
    for row in results["sizes"]:
        formula = 4 + 6 * row["members"] + row["detailed"]
        print(
            f"{row['members']:>8}{row['sent']:>6}{row['detailed']:>10}{row['queries']:>9}"
            f"{formula:>12}{1000 * row['seconds'] / row['members']:>11.1f}"
        )
    print(
        "  4 per batch, 6 per member (m), 1 more per detailed digest sent (d);\n"
        "  BEGIN and COMMIT around each member aren't counted"
    )

    sent, quiet = results["digests_sent"], results["nothing_new"]
    send = results["send_seconds"]
    full = [q for n, q in results["batch_queries"] if n == results["batch_size"]]
    print("\nThe run:")
    print(
        f"  queue (digests_queue): {results['queue_seconds']:.2f} s, {results['batches']} batches"
    )
    print(
        f"  render + record + send: {send:.0f} s for {sent + quiet} members "
        f"({sent} digests sent, {quiet} with nothing new), {sent / send:.0f} digests/s"
    )
    print(
        f"  per batch of {results['batch_size']}: {min(full)}-{max(full)} queries, "
        f"{statistics.median(results['batch_seconds']):.2f} s median"
    )
    print(
        f"  mail server received {received['messages']} messages, "
        f"{received['bytes'] / 2**20:.1f} MB, median {statistics.median(received['sizes'])} bytes"
    )
    print("\nMemory:")
    print(f"  peak RSS before the run {results['rss_before_run_mb']:.0f} MB,")
    print(f"  after the run {results['peak_rss_mb']:.0f} MB")
    print(f"  Python's peak allocations sending one batch: {results['traced_peak_mb']:.1f} MB")
    print("\nOne digest (12 notifications), bytes:")
    for label, address in (("detailed", DETAILED_SAMPLE), ("discreet", DISCREET_SAMPLE)):
        path = keep_dir / f"{address}.eml"
        if path.exists():
            size = digest_size(path)
            print(
                f"  {label}: {size['total']} as sent; text part {size['text']}, "
                f"HTML part {size['html']}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20_000, help="how many members")
    parser.add_argument("--role", default="run", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keep-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "sink":
        sink(args.port, [DETAILED_SAMPLE, DISCREET_SAMPLE], args.keep_dir)
        return
    if args.role == "seed":
        seed(args.members)
        return
    if args.role == "measure":
        print(json.dumps(measure()), flush=True)
        return
    if not 10 <= args.members <= 200_000:
        sys.exit("--members must be between 10 and 200,000.")

    database_recreate()
    me = [sys.executable, str(Path(__file__).resolve())]
    print(f"seeding {BENCH_DATABASE} ...", flush=True)
    subprocess.run([*me, "--role", "seed", "--members", str(args.members)], check=True)  # noqa: S603

    port = free_port()
    keep_dir = Path(tempfile.mkdtemp(prefix="digest-run-"))
    server = subprocess.Popen(  # noqa: S603
        [*me, "--role", "sink", "--port", str(port), "--keep-dir", str(keep_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip() == "ready"
        print("sending ...", flush=True)
        measured = subprocess.run(  # noqa: S603
            [*me, "--role", "measure"],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}"},
        )
        results = json.loads(measured.stdout.strip().splitlines()[-1])
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    received = json.loads(output.strip().splitlines()[-1])
    report(args.members, results, received, keep_dir)


if __name__ == "__main__":
    main()
