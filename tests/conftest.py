import os
import socket
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.core.cache import cache

from peerkb.services import site_setup
from tests.factories import DEFAULT_PASSWORD, UserFactory


def redis_reachable() -> bool:
    url = os.environ.get("REDIS_URL")
    if not url:
        return False
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        db_line = (
            f"database: PostgreSQL at {database['HOST']}:{database['PORT']} "
            f"(test copy of {database['NAME']})"
        )
    else:
        db_line = (
            "database: SQLite — DATABASE_URL is not set, so this run FALLS BACK to SQLite. "
            "CI sets DATABASE_URL to run on PostgreSQL."
        )
    if redis_reachable():
        redis_line = f"redis: {os.environ['REDIS_URL']} (cache and Celery broker)"
    else:
        redis_line = (
            "redis: not configured or not reachable — cache is local memory and the "
            "real-worker Celery test is skipped"
        )
    return [db_line, redis_line]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI a browser or real-worker test that skips (no Chromium, no Redis)
    fails the run: a green CI must mean those journeys really ran."""
    outcome = yield
    report = outcome.get_result()
    strict = os.environ.get("CI", "").lower() == "true"
    needs_real_parts = item.get_closest_marker("browser") or item.get_closest_marker("worker")
    if strict and needs_real_parts and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"CI=true, so this test may not skip: {reason}"


def restore_what_migrations_create():
    """Transactional tests empty every table afterwards, including the Wagtail
    root page and collection, the default locale, the starter watched words and
    the starter substances that migrations create on a real install. (The peer groups and
    workflow come back with peer_groups_ensure.)"""
    from importlib import import_module

    from django.apps import apps

    from wagtail.models import Collection, Locale, Page

    from moderation.models import WatchedWord
    from peerkb.groups import starter_substances_ensure

    Locale.objects.get_or_create(language_code="en-us")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not WatchedWord.objects.exists():
        import_module("moderation.migrations.0002_starter_watched_words").starter_words_add(
            apps, None
        )
        import_module("moderation.migrations.0007_sourcing_detector_and_plainer_reasons").forward(
            apps, None
        )
    starter_substances_ensure(apps)


def _empties_the_database(item) -> bool:
    """Transactional tests (browser journeys, real workers) end by emptying
    every table, where other tests roll back to what the run started with."""
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put back what every install has once a transactional test has emptied
    the tables, so a test that runs after it in the same worker finds it."""
    yield
    # A test skipped before its fixtures ran (no PostgreSQL, no Redis) never
    # touched the database, which may not even exist yet.
    set_up = set(getattr(item, "funcargs", None) or ())
    database_used = bool({"transactional_db", "live_server", "_django_db_marker"} & set_up)
    if nextitem is not None and database_used and _empties_the_database(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore_what_migrations_create()
            site_setup()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the page tree every install has once per run: each test's
    transaction rolls back to it, so `home` only has to find it."""
    with django_db_blocker.unblock():
        restore_what_migrations_create()
        site_setup()


@pytest.fixture(autouse=True)
def outside_any_celery_task():
    """No test runs inside a Celery task. An in-process worker started by an
    earlier test in the same process can leave Celery believing otherwise,
    and then an eager task's .get() refuses to wait."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached settings must not leak between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def real_worker():
    """Start a real Celery worker on the Redis broker for the test's body.

    Celery's worker takes over the root logger (its level and handlers) when it
    starts; this puts logging back afterwards, so a later test in the same
    process still sees its warnings written."""
    import logging

    from celery.contrib.testing.worker import start_worker

    from peersite.celery import app

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True
        root.setLevel(level)
        root.handlers[:] = handlers


@pytest.fixture
def home(db):
    """The page tree every install has: home, /overdose/ and the footer pages."""
    return site_setup()


@pytest.fixture
def member(db):
    return UserFactory(username="river")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def peer_moderator(home):
    from django.contrib.auth.models import Group

    moderator = UserFactory(username="jules")
    moderator.groups.add(Group.objects.get(name="Peer moderators"))
    return moderator


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def page_costs(db):
    """`page_costs(client, urls)`: how many queries each page costs `client` on
    a second visit, once the first has created any per-member rows and warmed
    the site's cached paths."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def costs(client, urls) -> list[int]:
        counts = []
        for url in urls:
            assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    return costs
