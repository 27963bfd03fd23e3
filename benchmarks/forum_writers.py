"""Many members replying and reacting in one thread at once, through the real site.
Run by hand:

    .venv/bin/python benchmarks/forum_writers.py [--writers 50] [--duration 60]
    .venv/bin/python benchmarks/forum_writers.py --sqlite [--writers 10]

On PostgreSQL (the default) it uses the wwa_writers_bench database, created and
migrated if missing (--database-url names another), production settings,
Redis as cache and broker (--redis-url) and one Celery worker, as the site runs
in production. With --sqlite it uses the embedded defaults instead: a SQLite
file under the temporary folder with the project's SQLite settings, the
in-process cache and Celery tasks run in the request.

Each run writes a thread and --writers new members at trust level 3 (300
replies a day, no new-member holds: these members write far faster than
anyone does), then starts gunicorn with the
project's gunicorn.conf.py on a free 127.0.0.1 port. Every member logs in
through the login form and, until --duration runs out, loops: open the thread
at the first unread post, reply through the reply form with a body no one sent
before, and react to someone else's post through its reaction form. Requests
go as they would through the production proxy (X-Forwarded-Proto: https),
each member from an address of their own (X-Forwarded-For).

At the end it counts, in the database, the posts whose body carries this run's
marker and the reactions by this run's members, and compares them with the
replies and reactions the site accepted (a redirect). Prints requests, errors
(an exception, a status other than 2xx/3xx, or a form page that says why it
refused) with what they said, posts sent and stored, and latency percentiles
per kind of request. Exits 1 on any error or any lost post or reaction.
A refusal by a rate limit or by screening counts as an error and says so.
"""

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wwa_writers_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/4"
SQLITE_FILE = Path(tempfile.gettempdir()) / "wwa-writers-bench.sqlite3"
HANDLE_PREFIX = "writerbench-"
CATEGORY_SLUG = "safer-use"
# 300 replies a day, and no newcomer holds: a synthetic member replies far faster than anyone.
TRUST_LEVEL = 3
STARTUP_TIMEOUT = 60
REQUEST_TIMEOUT = 60
KINDS = ("login", "page", "reply", "react")

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A reaction button of the thread page's one form: name="react" value="<post id>:<kind>".
REACTION_BUTTON = re.compile(
    r'form="post-actions" name="react" value="(\d+):(\w+)" aria-pressed="(true|false)"'
)
ERROR_LIST = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
NOTICE = re.compile(r'<p class="notice"[^>]*>(.*?)</p>', re.DOTALL)
POST_LINK = re.compile(r"^/forum/t/\d+/[^/]+/(\?page=\d+)?#post-\d+$")

BODY_LINES = [
    "Checking in from the drop-in: the naloxone kits came back in stock today.",
    "Start low and go slow with anything new, and have someone around if you can.",
    "The test strips from the van were the new kind, with a clearer line.",
    "Thanks for writing this up, it helped me plan the weekend.",
    "Sleep and water first, everything else after.",
]


# --- Setting up: settings, database, members, thread ---------------------------------


def configure_environment(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    if args.sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
        # The embedded run: in-process cache, Celery tasks run in the request.
        os.environ.pop("REDIS_URL", None)
    else:
        os.environ["DATABASE_URL"] = args.database_url
        os.environ["REDIS_URL"] = args.redis_url
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(HERE), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    sys.path[:0] = [str(HERE), str(ROOT)]


def database_ensure(database_url: str) -> None:
    """Create the PostgreSQL database if it is missing; Django migrates it after."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    target = dj_database_url.parse(database_url)
    name = target["NAME"]
    with psycopg.connect(
        dbname="postgres",
        host=target["HOST"] or None,
        port=target["PORT"] or None,
        user=target["USER"] or None,
        password=target["PASSWORD"] or None,
        autocommit=True,
    ) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created {name}")


@dataclass
class Run:
    marker: str
    password: str
    handles: list[str]
    thread_path: str = ""
    reply_path: str = ""
    actions_path: str = ""
    base: str = ""


def run_prepare(writers: int) -> Run:
    """Migrate, then write this run's members and thread. Returns what the
    writers need to know."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from accounts.models import User
    from forum.demo import categories_ensure
    from forum.services.posting import thread_create

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("setup_site", verbosity=0)
    category = categories_ensure()[CATEGORY_SLUG]
    # Letters only: a handle with many digits reads as a phone number and is refused.
    word = "".join(secrets.choice(string.ascii_lowercase) for _letter in range(8))
    run = Run(
        marker=f"[{HANDLE_PREFIX}{word}]",
        password=secrets.token_urlsafe(16),
        handles=[f"{HANDLE_PREFIX}{word}-{number}" for number in range(writers)],
    )
    # One hash for everyone: hashing is slow on purpose, and only the login is measured.
    hashed = make_password(run.password)
    members = User.objects.bulk_create(
        User(username=handle, password=hashed, trust_level=TRUST_LEVEL) for handle in run.handles
    )
    thread = thread_create(
        category=category,
        author=members[0],
        title=f"Checking in this week {run.marker}",
        body=f"How is everyone doing this week? {run.marker}",
    )
    run.thread_path = thread.get_absolute_url()
    run.reply_path = reverse("forum:reply", args=[thread.pk])
    run.actions_path = reverse("forum:thread_actions", args=[thread.pk])
    # The production static storage refuses to render a page without its manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()
    print(
        f"{connection.vendor}: {writers} members at trust level {TRUST_LEVEL}, "
        f"thread {run.thread_path}, marker {run.marker} ({time.perf_counter() - started:.0f} s)"
    )
    return run


def run_count(run: Run) -> dict[str, int]:
    """What this run left in the database."""
    from django.db import connection

    from forum.models import Post, Reaction
    from moderation.models import ModerationState

    connection.close()
    replies = Post.objects.filter(body_source__contains=run.marker, position__gt=1)
    counts = {
        "posts": replies.count(),
        "posts visible": replies.filter(moderation_state=ModerationState.VISIBLE).count(),
        "reactions": Reaction.objects.filter(user__username__in=run.handles).count(),
        "positions": replies.values("position").distinct().count(),
    }
    connection.close()
    return counts


# --- The site under gunicorn, and a Celery worker on PostgreSQL -------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], log, environment: dict) -> subprocess.Popen:
    # Its own process group, so a hung server can be killed without touching anything else.
    return subprocess.Popen(  # noqa: S603  (fixed commands from this virtualenv)
        command,
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn's master (or Celery) stop its children; SIGKILL to
    our own process group only if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until_answering(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting; see its log.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/ceiling/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s.")


# --- One member in a browser -----------------------------------------------------------


@dataclass
class Tally:
    """Everything the writers saw, shared between their threads under `lock`."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    replies_accepted: int = 0
    reactions_accepted: int = 0

    def record(self, kind: str, milliseconds: float, error: str = "") -> None:
        with self.lock:
            self.timings[kind].append(milliseconds)
            if error:
                self.errors[f"{kind}: {error}"] += 1


class Refused(Exception):
    """The site answered, but not with what a working request gets."""


def refusal(body: str) -> str:
    """Why a form page refused, in the site's own words."""
    found = ERROR_LIST.findall(body) or NOTICE.findall(body)
    text = " ".join(unescape(TAG.sub(" ", part)) for part in found)
    return " ".join(text.split())[:160] or "the form came back without saying why"


class Member:
    """A browser: a cookie jar, one connection at a time, CSRF from the page."""

    def __init__(self, port: int, handle: str, number: int):
        self.port, self.handle = port, handle
        # Each member is someone else behind the production proxy, which says so
        # in X-Forwarded-For; from one address, the login limit per address
        # (30 a minute) would refuse the 31st member.
        self.address = f"10.77.{number // 250}.{number % 250 + 1}"
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {
            # What the production proxy adds; the session and CSRF cookies are Secure.
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            # gunicorn's sync workers close the connection after each answer.
            self.connection.close()
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
        location = response.headers.get("Location", "")
        return response.status, location, content

    def timed(self, tally: Tally, kind: str, method: str, path: str, form=None):
        """One request, timed and recorded; raises Refused after recording an error."""
        started = time.perf_counter()
        try:
            status, location, body = self.request(method, path, form)
        except (OSError, http.client.HTTPException) as error:
            tally.record(kind, (time.perf_counter() - started) * 1000, type(error).__name__)
            raise Refused from error
        milliseconds = (time.perf_counter() - started) * 1000
        error = ""
        if status >= 400:
            error = f"{status}"
        elif method == "POST" and status != 302:
            error = f"{status}, {refusal(body)}"
        elif kind == "reply" and not POST_LINK.match(location):
            error = f"redirected to {location or 'nowhere'}"
        tally.record(kind, milliseconds, error)
        if error:
            raise Refused(error)
        return status, location, body

    def log_in(self, tally: Tally, password: str) -> None:
        _status, _location, page = self.timed(tally, "login", "GET", "/account/login/")
        token = CSRF_INPUT.search(page).group(1)
        self.timed(
            tally,
            "login",
            "POST",
            "/account/login/",
            {"csrfmiddlewaretoken": token, "login": self.handle, "password": password},
        )

    def open_thread(self, tally: Tally, thread_path: str) -> str:
        """The thread at the first unread post, as the unread link opens it."""
        status, location, page = self.timed(tally, "page", "GET", f"{thread_path}?unread=1")
        if status == 302:
            _status, _location, page = self.timed(tally, "page", "GET", location.split("#")[0])
        return page


def write_loop(member: Member, run: Run, tally: Tally, ready: threading.Barrier, until) -> None:
    number = 0
    try:
        member.log_in(tally, run.password)
    except Refused:
        ready.wait()
        return
    ready.wait()
    while time.monotonic() < until[0]:
        try:
            page = member.open_thread(tally, run.thread_path)
            token = CSRF_INPUT.search(page)
            if token is None:
                tally.record("page", 0, "the thread page had no form")
                continue
            number += 1
            body = (
                f"{BODY_LINES[number % len(BODY_LINES)]}\n\n"
                f"Reply {number} from {member.handle} {run.marker}"
            )
            member.timed(
                tally,
                "reply",
                "POST",
                run.reply_path,
                {"csrfmiddlewaretoken": token.group(1), "body": body},
            )
            with tally.lock:
                tally.replies_accepted += 1
            # Someone else's post this member hasn't reacted to in that way yet:
            # no reaction button shows on their own post.
            choices = [
                (post_id, kind)
                for post_id, kind, pressed in REACTION_BUTTON.findall(page)
                if pressed == "false"
            ]
            if not choices:
                continue
            post_id, kind = secrets.choice(choices)
            member.timed(
                tally,
                "react",
                "POST",
                run.actions_path,
                {"csrfmiddlewaretoken": token.group(1), "react": f"{post_id}:{kind}"},
            )
            with tally.lock:
                tally.reactions_accepted += 1
        except Refused:
            continue


# --- Reporting -------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def log_problems(path: str) -> list[str]:
    with open(path) as log:
        return [line.rstrip() for line in log if "Traceback" in line or "ERROR" in line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, help="members writing at once (50; 10 on SQLite)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of writing")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="cache and broker")
    parser.add_argument(
        "--sqlite", action="store_true", help=f"the embedded defaults, on {SQLITE_FILE}"
    )
    parser.add_argument(
        "--web-workers", type=int, help="gunicorn workers (gunicorn.conf.py's default otherwise)"
    )
    args = parser.parse_args()
    writers = args.writers or (10 if args.sqlite else 50)
    if not 1 <= args.duration <= 600 or not 1 <= writers <= 500:
        sys.exit("--duration must be 1 to 600 seconds and --writers 1 to 500.")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    celery = Path(sys.executable).parent / "celery"
    if not gunicorn.exists():
        sys.exit("This needs gunicorn in the virtualenv.")

    configure_environment(args)
    if not args.sqlite:
        database_ensure(args.database_url)
    run = run_prepare(writers)
    port = free_port()
    run.base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if args.web_workers:
        environment["WEB_CONCURRENCY"] = str(args.web_workers)
    logs = {
        name: tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed once the process stopped)
            "w+", prefix=f"wwa-writers-{name}-", suffix=".log", delete=False
        )
        for name in ("gunicorn", "celery")
    }
    processes = {
        "gunicorn": start(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")], logs["gunicorn"], environment
        )
    }
    if not args.sqlite:
        processes["celery"] = start(
            [str(celery), "-A", "peersite", "worker", "--pool", "solo", "--without-mingle"],
            logs["celery"],
            environment,
        )
    print(f"gunicorn on {run.base}, logs in {', '.join(log.name for log in logs.values())}")
    tally = Tally()
    try:
        wait_until_answering(port, processes["gunicorn"])
        until = [float("inf")]
        ready = threading.Barrier(writers + 1)
        members = [Member(port, handle, number) for number, handle in enumerate(run.handles)]
        threads = [
            threading.Thread(target=write_loop, args=(member, run, tally, ready, until))
            for member in members
        ]
        for thread in threads:
            thread.start()
        ready.wait()
        until[0] = time.monotonic() + args.duration
        started = time.monotonic()
        print(f"{writers} members logged in; writing for {args.duration} s ...", flush=True)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        for process in processes.values():
            stop(process)
        problems = {name: log_problems(log.name) for name, log in logs.items()}
        for log in logs.values():
            log.close()
    counts = run_count(run)

    requests = sum(len(values) for values in tally.timings.values())
    errors = sum(tally.errors.values())
    lost_posts = tally.replies_accepted - counts["posts"]
    lost_reactions = tally.reactions_accepted - counts["reactions"]
    print(f"\n{requests} requests in {elapsed:.0f} s ({requests / elapsed:.1f}/s), {errors} errors")
    for kind in KINDS:
        values = tally.timings.get(kind)
        if values:
            print(
                f"  {kind:6} {len(values):6}  p50 {percentile(values, 0.5):7.0f}  "
                f"p95 {percentile(values, 0.95):7.0f}  p99 {percentile(values, 0.99):7.0f}  "
                f"max {max(values):7.0f} ms"
            )
    for what, count in tally.errors.most_common():
        print(f"  error x{count}: {what}")
    print(
        f"posts: {tally.replies_accepted} accepted, {counts['posts']} stored "
        f"({counts['posts visible']} visible, {counts['positions']} distinct positions), "
        f"lost {lost_posts}"
    )
    print(
        f"reactions: {tally.reactions_accepted} accepted, {counts['reactions']} stored, "
        f"lost {lost_reactions}"
    )
    for name, lines in problems.items():
        if lines:
            print(f"{name} logged {len(lines)} errors; first: {lines[0]}")
    for log in logs.values():
        if not any(problems.values()):
            os.unlink(log.name)
    failed = errors or lost_posts or lost_reactions or counts["positions"] != counts["posts"]
    print("FAIL" if failed or any(problems.values()) else "PASS")
    sys.exit(1 if failed or any(problems.values()) else 0)


if __name__ == "__main__":
    main()
