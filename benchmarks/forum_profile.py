"""Where one page's time goes, on the seeded wwa_bench database. Run by hand:

    .venv/bin/python benchmarks/forum_profile.py /forum/c/safer-use/ [--requests 20] [--explain]
    .venv/bin/python benchmarks/forum_profile.py --lists [--requests 200] [--profile]

Renders pages in-process with the benchmark's production settings. For one path
it prints the wall time, the SQL (count, time, slowest statements), the functions
that take the most time under cProfile, and with --explain the plan of the
slowest statement. With --lists it measures the forum index and the busiest
category (the page the side-by-side benchmark loads) for a visitor and for an
ordinary signed-in member, and prints a table of median time, queries and HTML
size; --profile adds a cProfile of each and the time spent per template.
"""

import argparse
import cProfile
import pstats
import statistics
import time
from collections import defaultdict

from forum_load import configure_environment

PROFILE_LINES = 25
# Functions whose cumulative time splits a request into its main parts.
PARTS = {
    "templates": ("django/template/base.py", "render"),
    "SQL (execute)": ("django/db/backends/utils.py", "_execute"),
    "SQL (fetch rows)": ("django/db/models/sql/compiler.py", "results_iter"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="a path on the site, e.g. /forum/c/safer-use/")
    parser.add_argument("--lists", action="store_true", help="the index and busiest category")
    parser.add_argument("--member", action="store_true", help="signed in as an ordinary member")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="with --lists: cProfile each page")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest SQL")
    parser.add_argument(
        "--redis-url", help="the cache to use instead of the load benchmark's Redis database"
    )
    args = parser.parse_args()
    if not args.path and not args.lists:
        parser.error("give a path, or --lists")
    requests = max(1, min(args.requests, 500))

    configure_environment()
    if args.redis_url:
        import os

        os.environ["REDIS_URL"] = args.redis_url
    import django

    django.setup()
    from django.core.management import call_command

    # The production static storage refuses to render a page without its manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.lists:
        measure_lists(requests, profile=args.profile)
    else:
        profile_path(args.path, requests, member=args.member, explain=args.explain)


def ordinary_member():
    """A regular member with no role, as the side-by-side benchmark signs in."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
            silenced_until__isnull=True,
            suspended_until__isnull=True,
            trust_level=1,
        )
        .order_by("pk")
        .first()
    )


def page_getter(path: str, *, member: bool):
    """A function that loads `path` once: without cookies for a visitor (as a
    load generator does), with the same session each time for a member."""
    from django.test import Client

    # One client: a new one would build a new handler, and its middleware, every time.
    client = Client(HTTP_HOST="127.0.0.1")
    if member:
        client.force_login(ordinary_member())

    def get():
        if not member:
            client.cookies.clear()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    return get


def median_ms(get, requests: int) -> tuple[float, float, float]:
    """Median wall time, median and least time on this process's CPU: on a
    busy machine those move less, though they leave out the database's share."""
    for _warmup in range(3):
        get()
    wall, cpu = [], []
    for _request in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        get()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), min(cpu)


def measure_lists(requests: int, *, profile: bool) -> None:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from forum.models import Category

    busiest = Category.objects.annotate(threads_here=Count("threads")).order_by("-threads_here")[0]
    pages = {"index": "/forum/", "category": busiest.get_absolute_url()}
    print(f"{requests} requests each; category: {pages['category']}\n")
    print(f"{'page':<20}{'median ms':>10}{'CPU ms':>8}{'least':>7}{'queries':>9}{'KB':>8}")
    rows = []
    for member in (False, True):
        for name, path in pages.items():
            get = page_getter(path, member=member)
            elapsed, cpu, least = median_ms(get, requests)
            with CaptureQueriesContext(connection) as captured:
                size = len(get().content)
            label = f"{name} ({'member' if member else 'visitor'})"
            print(
                f"{label:<20}{elapsed:>10.2f}{cpu:>8.2f}{least:>7.2f}"
                f"{len(captured):>9}{size / 1024:>8.1f}"
            )
            # The log is cleared when the next request starts: keep a copy.
            rows.append((label, get, list(captured.captured_queries)))
    if not profile:
        return
    for label, get, queries in rows:
        print(f"\n===== {label}: SQL")
        for query in queries:
            print(f"  {float(query['time']) * 1000:6.2f} ms  {query['sql'][:160]}")
        profile_requests(label, get, requests)
        template_times(get, requests)


def profile_requests(label: str, get, requests: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _request in range(requests):
        get()
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"\n===== {label}: under cProfile {stats.total_tt / requests * 1000:.1f} ms a request")
    print_parts(stats, requests)
    stats.sort_stats("tottime").print_stats(PROFILE_LINES)


def template_times(get, requests: int) -> None:
    """Milliseconds a request spent in each template, its includes not counted."""
    from django.template.base import Template

    own = defaultdict(float)
    stack = []
    original = Template._render

    def timed_render(template, context):
        started = time.perf_counter()
        stack.append(0.0)
        try:
            return original(template, context)
        finally:
            elapsed = time.perf_counter() - started
            inner = stack.pop()
            own[template.origin.template_name or "?"] += elapsed - inner
            if stack:
                stack[-1] += elapsed

    Template._render = timed_render
    try:
        for _request in range(requests):
            get()
    finally:
        Template._render = original
    print("time per request in each template (its includes excluded):")
    for name, spent in sorted(own.items(), key=lambda item: -item[1])[:12]:
        print(f"  {spent / requests * 1000:7.2f} ms  {name}")


def print_parts(stats, requests: int) -> None:
    for part, (filename, function) in PARTS.items():
        spent = max(
            (
                cumulative
                for (file, _line, name), (_calls, _primitive, _own, cumulative, _callers) in (
                    stats.stats.items()
                )
                if file.endswith(filename) and name == function
            ),
            default=0.0,
        )
        print(f"  {part:<18}{spent / requests * 1000:7.1f} ms")


def profile_path(path: str, requests: int, *, member: bool, explain: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get = page_getter(path, member=member)
    elapsed, cpu, _least = median_ms(get, requests)
    print(f"{path}: median {elapsed:.1f} ms ({cpu:.1f} ms CPU) over {requests} requests")
    page = get()
    tokens = page.content.count(b"csrfmiddlewaretoken")
    print(f"HTML {len(page.content) / 1000:.1f} KB, {tokens} CSRF tokens")

    with CaptureQueriesContext(connection) as captured:
        get()
    queries = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
    total = sum(float(query["time"]) for query in queries) * 1000
    print(f"\n{len(queries)} SQL statements, {total:.1f} ms in the database; slowest:")
    for query in queries[:5]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _request in range(requests):
        get()
    profiler.disable()
    stats = pstats.Stats(profiler)
    profiled = stats.total_tt / requests * 1000
    print(f"\nunder cProfile: {profiled:.1f} ms a request, of which (cumulative, overlapping):")
    print_parts(stats, requests)
    stats.sort_stats("tottime").print_stats(PROFILE_LINES)

    if explain and queries:
        with connection.cursor() as cursor:
            # The statement was just run by Django itself, with its parameters inlined.
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[0]["sql"])
            print("\nplan of the slowest statement:")
            for (line,) in cursor.fetchall():
                print(f"  {line}")


if __name__ == "__main__":
    main()
