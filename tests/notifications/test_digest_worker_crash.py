"""A digest run whose worker is killed mid-batch still sends every digest
exactly once: nobody misses theirs, nobody gets two.

Real parts only: PostgreSQL, a Redis broker, a Celery worker in its own
process and a real SMTP server (in this process). The server kills the
worker's whole process group (SIGKILL, so nothing gets to clean up) at a
chosen moment of its conversation; a second worker then takes over the
unacknowledged batch once Redis's visibility timeout hands it back.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import redis
from allauth.account.models import EmailAddress

from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import User
from notifications.models import DigestSend, EmailPreference, NotificationKind
from notifications.sending import digests_due
from notifications.services import notify
from notifications.tasks import digest_batch
from peersite.celery import app
from tests.conftest import redis_reachable

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 200
# The broker hands an unacknowledged task to another worker after this many seconds.
VISIBILITY_TIMEOUT = 5
ALL_DELIVERED_WITHIN = 90

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="needs PostgreSQL: DATABASE_URL is not set",
    ),
    pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down"),
]


@pytest.fixture
def broker_url():
    """A Redis database for this test's queue alone, empty before and after:
    the one this process's cache and results use, moved up by 8, so parallel
    test processes (each on its own database) never share one."""
    parts = urlsplit(settings.CELERY_BROKER_URL)
    database = (int(parts.path.strip("/") or 0) + 8) % 16
    url = urlunsplit(parts._replace(path=f"/{database}"))
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def members_with_a_digest_due(count: int) -> list[int]:
    """Members with a verified address, a daily digest due a minute ago and one
    new thread where they watch."""
    now = timezone.now()
    members = User.objects.bulk_create(
        User(username=f"crash-{number:03d}", password="!") for number in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(
            user=member, email=f"{member.username}@example.org", verified=True, primary=True
        )
        for member in members
    )
    EmailPreference.objects.bulk_create(
        EmailPreference(member=member, digest="daily", next_digest_at=now - timedelta(minutes=1))
        for member in members
    )
    notify(
        recipients=members,
        kind=NotificationKind.NEW_THREAD,
        summary="A new thread where you watch",
        url="/forum/",
    )
    return [member.pk for member in members]


def database_url() -> str:
    """The test database, as the worker's settings read it."""
    database = connection.settings_dict
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{database['NAME']}"


def worker_start(name: str, *, broker: str, mail_url: str, log: Path) -> subprocess.Popen:
    """A Celery worker in a new process group, on the test database and `broker`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        # Test settings move REDIS_URL per xdist worker; the worker must use `broker` as given.
        if not key.startswith("PYTEST_")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.notifications.worker_settings",
        DATABASE_URL=database_url(),
        REDIS_URL=broker,
        EMAIL_URL=mail_url,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
        SITE_URL=settings.SITE_URL,
    )
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "peersite",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        "celery",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        f"--hostname={name}@%h",
    ]
    with log.open("ab") as output:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill(process: subprocess.Popen | None) -> None:
    """SIGKILL the worker and every process it started, and reap it."""
    if process is None:
        return
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def broker_idle(broker: redis.Redis) -> bool:
    """Nothing waiting and nothing taken but unacknowledged: every batch done."""
    return broker.llen("celery") == 0 and broker.hlen("unacked") == 0


@pytest.mark.parametrize(
    ("moment", "message_number"),
    [("rcpt", 60), ("data", 120)],
    ids=["killed-at-rcpt-of-the-60th", "killed-after-the-120th-arrived-before-its-250"],
)
def test_a_worker_killed_mid_batch_loses_no_digest_and_sends_none_twice(
    transactional_db, smtp_sink, broker_url, tmp_path, moment, message_number
):
    members_with_a_digest_due(MEMBERS)
    handler = smtp_sink.handler
    workers: dict[str, subprocess.Popen] = {}
    killed = threading.Event()
    at_kill: dict[str, object] = {}

    def kill_first_worker(recipient: str) -> None:
        at_kill["recipient"] = recipient
        at_kill["received"] = len(handler.received)
        os.killpg(workers["first"].pid, signal.SIGKILL)
        killed.set()

    if moment == "rcpt":

        def on_rcpt(address, attempt):
            if attempt == message_number and not killed.is_set():
                kill_first_worker(address)

        handler.on_rcpt = on_rcpt
    else:

        def on_data(received, number):
            if number == message_number and not killed.is_set():
                kill_first_worker(received.recipients[0])

        handler.on_data = on_data

    always_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    broker = redis.Redis.from_url(broker_url)
    log = tmp_path / "workers.log"
    try:
        with app.connection_for_write(broker_url) as broker_connection:
            producer = app.amqp.Producer(broker_connection)
            batches = [
                digest_batch.apply_async(args=[member_ids], producer=producer)
                for member_ids in digests_due()
            ]
        assert len(batches) == MEMBERS // settings.DIGEST_BATCH_SIZE

        workers["first"] = worker_start("first", broker=broker_url, mail_url=smtp_sink.url, log=log)
        assert killed.wait(timeout=60), f"the worker never got there:\n{log.read_text()}"
        workers["first"].wait(timeout=10)

        workers["second"] = worker_start(
            "second", broker=broker_url, mail_url=smtp_sink.url, log=log
        )
        deadline = time.monotonic() + ALL_DELIVERED_WITHIN
        idle_polls = 0
        while time.monotonic() < deadline:
            idle_polls = idle_polls + 1 if broker_idle(broker) else 0
            # Idle twice in a row: every batch is done, so nothing more will come.
            if idle_polls >= 2 or (idle_polls and len(handler.received) >= MEMBERS):
                break
            assert workers["second"].poll() is None, log.read_text()
            time.sleep(0.5)
        else:
            pytest.fail(
                f"{len(handler.received)} of {MEMBERS} arrived in {ALL_DELIVERED_WITHIN} s:\n"
                f"{log.read_text()}"
            )
    finally:
        app.conf.task_always_eager = always_eager
        for process in workers.values():
            kill(process)
        broker.close()

    delivered = handler.delivered_recipients()
    assert len(set(delivered)) == MEMBERS, f"{MEMBERS - len(set(delivered))} never arrived"
    assert len(delivered) == MEMBERS, "someone got their digest twice"
    assert DigestSend.objects.filter(sent_at__isnull=False).count() == MEMBERS
    assert DigestSend.objects.count() == MEMBERS

    recipient = at_kill["recipient"]
    [only_copy] = handler.to(recipient)
    arrived_as = handler.received.index(only_copy) + 1
    if moment == "rcpt":
        # It never got past RCPT: not counted then, sent whole by the second worker.
        assert at_kill["received"] == message_number - 1
        assert arrived_as > message_number - 1
    else:
        # It had arrived; its record was committed first, so it was never sent again.
        assert at_kill["received"] == message_number
        assert arrived_as == message_number
