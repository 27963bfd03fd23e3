"""Load-test the forum under gunicorn with wrk. Run by hand, after seed_forum.py:

    .venv/bin/python benchmarks/forum_load.py [--duration 15] [--connections 8]

Starts gunicorn with the project's gunicorn.conf.py (2 workers, a free port on
127.0.0.1), production settings on the wwa_bench database and Redis database 3,
plus a constant 10 KB page as the ceiling. Against each URL it runs wrk, then a
bounded single-client series for latency without queueing, and reports requests
per second, latency percentiles and HTML size raw and gzipped. Gunicorn is
stopped however the run ends.
"""

import argparse
import gzip
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
# Another name lets two checkouts each seed and load their own copy.
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "wwa_bench")
SEARCH_WORD = "naloxone"
TARGET_THREAD_SHARE_OF_CEILING = 1 / 3
TARGET_GZIPPED_HTML = 14 * 1024
TARGET_SEARCH_P95_MS = 100
STARTUP_TIMEOUT = 30
WRK_TIMEOUT = 30
WARMUP_REQUESTS = 20
SEQUENTIAL_REQUESTS = 200
SEQUENTIAL_TIME_LIMIT = 60


def configure_environment() -> None:
    os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}")
    # A fresh key each run: nothing signed by one run needs to outlive it.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    # Its own Redis database, so the benchmark never reads or clears anyone else's cache.
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(HERE), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    sys.path[:0] = [str(HERE), str(ROOT)]


def find_paths() -> dict[str, str]:
    """The URLs to load, found in the seeded database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from forum.models import Category, Thread

    if connection.settings_dict["NAME"] != BENCH_DATABASE:
        sys.exit(f"DATABASE_URL must point at the {BENCH_DATABASE} database.")
    hot = Thread.objects.visible().order_by("-last_post_at").first()
    if hot is None:
        sys.exit(f"{BENCH_DATABASE} has no threads: run benchmarks/seed_forum.py first.")
    busiest = Category.objects.annotate(threads_here=Count("threads")).order_by("-threads_here")[0]
    last_page = hot.last_page
    print(f"hot thread: {hot.title!r}, {hot.last_position} posts, {last_page} pages")
    # The production static storage refuses to render a page without its manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    return {
        "ceiling": "/bench/ceiling/",
        "thread": hot.get_absolute_url(),
        "thread, last page": f"{hot.get_absolute_url()}?page={last_page}",
        "category": busiest.get_absolute_url(),
        # Everything together: the articles, the forum and the pages.
        "search": f"/search/?q={SEARCH_WORD}",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        # Only ever http://127.0.0.1 built by this script.
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_answering(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting; see its log above.")
        try:
            if fetch(base + "/bench/ceiling/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s.")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn's master stop its workers; SIGKILL to our own process
    group only if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def run_wrk(wrk: str, url: str, args) -> dict:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        # wrk drops responses slower than 2 s by default; a slow page should be
        # measured, not left out of the percentiles.
        f"--timeout={WRK_TIMEOUT}s",
        "-s",
        str(HERE / "wrk_report.lua"),
        url,
    ]
    # Fixed arguments, and the URL is one this script built for 127.0.0.1.
    finished = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, timeout=args.duration + 60
    )
    for line in finished.stdout.splitlines():
        if line.startswith("WRK_RESULT "):
            result = json.loads(line.removeprefix("WRK_RESULT "))
            break
    else:
        raise RuntimeError(f"wrk printed no result:\n{finished.stdout}\n{finished.stderr}")
    result["requests_per_second"] = result["requests"] / (result["duration_us"] / 1e6)
    result["output"] = finished.stdout
    return result


def sequential(url: str) -> list[float]:
    """One request at a time, no queueing: what a single reader waits, in ms."""
    timings: list[float] = []
    deadline = time.monotonic() + SEQUENTIAL_TIME_LIMIT
    for _request in range(SEQUENTIAL_REQUESTS):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        status, _body = fetch(url)
        timings.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def gzipped(data: bytes) -> int:
    # The same level as page_weight.py, so the two benchmarks' sizes compare.
    return len(gzip.compress(data, compresslevel=9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--only", action="append", help="load only this URL (ceiling, thread, category, search...)"
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= 300:
        sys.exit("--duration must be between 1 and 300 seconds.")
    wrk = shutil.which("wrk")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if wrk is None or not gunicorn.exists():
        sys.exit("This needs wrk on PATH and gunicorn in the virtualenv.")

    configure_environment()
    paths = find_paths()
    if args.only:
        paths = {name: path for name, path in paths.items() if name in args.only}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"}
    log = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed in finally, after gunicorn)
        "w+", prefix="wwa-bench-gunicorn-", suffix=".log", delete=False
    )
    print(f"gunicorn on {base}, log in {log.name}")
    # Its own process group, so a hung gunicorn can be killed without touching anything else.
    server = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results = {}
    try:
        wait_until_answering(base, server)
        for name, path in paths.items():
            url = base + path
            status, body = fetch(url)
            if status != 200:
                raise RuntimeError(f"{name}: {path} answered {status}")
            for _request in range(WARMUP_REQUESTS):
                fetch(url)
            print(f"\n== {name}: {path}", flush=True)
            loaded = run_wrk(wrk, url, args)
            if loaded["status_errors"]:
                print(loaded["output"])
                raise RuntimeError(f"{name}: some answers were not 200")
            single = sequential(url)
            results[name] = {"loaded": loaded, "single": single, "html": body}
            print(
                f"   {loaded['requests_per_second']:7.1f} req/s  under load: "
                f"p50 {loaded['p50_us'] / 1000:.1f}  p95 {loaded['p95_us'] / 1000:.1f}  "
                f"p99 {loaded['p99_us'] / 1000:.1f} ms  ({loaded['requests']} requests, "
                f"{loaded['timeouts']} over {WRK_TIMEOUT} s)"
            )
            print(
                f"   one client ({len(single)} requests): p50 {percentile(single, 0.5):.1f}  "
                f"p95 {percentile(single, 0.95):.1f}  p99 {percentile(single, 0.99):.1f}  "
                f"mean {statistics.fmean(single):.1f} ms"
            )
            print(f"   HTML {len(body):,} bytes, {gzipped(body):,} gzipped")
    finally:
        stop(server)
        log.seek(0)
        errors = [line for line in log if "Traceback" in line or "ERROR" in line]
        log.close()
        if errors:
            print(f"gunicorn logged errors; see {log.name}")
        else:
            os.unlink(log.name)

    if args.only:
        return  # the checks compare pages with each other
    ceiling = results["ceiling"]["loaded"]["requests_per_second"]
    thread = results["thread"]["loaded"]["requests_per_second"]
    html = results["thread"]["html"]
    search_p95 = percentile(results["search"]["single"], 0.95)
    search_p95_loaded = results["search"]["loaded"]["p95_us"] / 1000
    checks = [
        (
            f"thread page {thread:.0f} req/s is at least a third of the ceiling's {ceiling:.0f}",
            thread >= ceiling * TARGET_THREAD_SHARE_OF_CEILING,
        ),
        (
            f"thread page HTML {gzipped(html):,} bytes gzipped is at most 14 KB",
            gzipped(html) <= TARGET_GZIPPED_HTML,
        ),
        (
            f"search p95 {search_p95:.0f} ms for one client is under {TARGET_SEARCH_P95_MS} ms "
            f"(under load: {search_p95_loaded:.0f} ms)",
            search_p95 < TARGET_SEARCH_P95_MS,
        ),
    ]
    print()
    for description, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {description}")


if __name__ == "__main__":
    main()
