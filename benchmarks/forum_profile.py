"""Where one page's time goes, on the seeded wwa_bench database. Run by hand:

    .venv/bin/python benchmarks/forum_profile.py /forum/c/safer-use/ [--requests 20] [--explain]
        [--member]

With --member the page is read signed in as an ordinary seeded member (no
groups, trust level 1), as the side-by-side benchmark does.

Renders the page in-process with the benchmark's production settings and prints
the wall time, the SQL (count, time, slowest statements), the functions that take
the most time under cProfile, and with --explain the plan of the slowest statement.
"""

import argparse
import cProfile
import pstats
import statistics
import time

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
    parser.add_argument("path", help="a path on the site, e.g. /forum/c/safer-use/")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest SQL")
    parser.add_argument("--member", action="store_true", help="signed in as an ordinary member")
    args = parser.parse_args()
    requests = max(1, min(args.requests, 500))

    configure_environment()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if args.member:
        client.force_login(ordinary_member())

    def get():
        response = client.get(args.path)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}")
        return response

    for _warmup in range(3):
        get()

    timings, cpu_timings = [], []
    for _request in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        get()
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    page = get()
    print(
        f"{args.path}: median {statistics.median(timings):.1f} ms over {requests} requests"
        f" ({statistics.median(cpu_timings):.1f} ms of this process's CPU: a busy machine"
        " slows the first, less the second)"
    )
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
    stats.sort_stats("tottime").print_stats(PROFILE_LINES)

    if args.explain and queries:
        with connection.cursor() as cursor:
            # The statement was just run by Django itself, with its parameters inlined.
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + queries[0]["sql"])
            print("\nplan of the slowest statement:")
            for (line,) in cursor.fetchall():
                print(f"  {line}")


def ordinary_member():
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


if __name__ == "__main__":
    main()
