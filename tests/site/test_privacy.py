import io
import logging
import re

import pytest

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from peersite.logging import RemoveClientAddresses, remove_client_addresses

pytestmark = pytest.mark.django_db

IP_NAME = re.compile(
    r"(^|_)(ip|ips|ip_address|ipaddress|remote_addr|remote_address|client_address)($|_)"
)


def ip_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            name = getattr(field, "name", "")
            if isinstance(field, models.GenericIPAddressField) or IP_NAME.search(name.lower()):
                yield f"{model._meta.label}.{name}"


def test_no_model_has_a_field_that_could_hold_an_ip_address():
    assert list(ip_fields()) == []


def test_the_field_check_would_notice_an_ip_field():
    assert IP_NAME.search("last_login_ip")
    assert IP_NAME.search("ip_address")
    assert not IP_NAME.search("description")
    assert not IP_NAME.search("tip")


def test_log_lines_never_carry_a_client_address():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RemoveClientAddresses())
    logger = logging.getLogger("tests.privacy")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
        logger.warning("Bad request from %s", "203.0.113.9", extra={"request": request})
        logger.warning("Forwarded for 2001:db8::7 at 13:19:34")
        logger.warning("Invalid request from ip=::ffff:198.51.100.23")
    finally:
        logger.removeHandler(handler)

    written = stream.getvalue()
    assert "203.0.113.9" not in written
    assert "2001:db8::7" not in written
    assert "198.51.100.23" not in written and ".100.23" not in written
    assert "13:19:34" in written


def test_log_lines_never_carry_an_email_address():
    assert (
        remove_client_addresses("Failed to send notification email 'x' to river@example.org")
        == "Failed to send notification email 'x' to [email removed]"
    )


def test_a_traceback_in_a_log_line_never_carries_an_address():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RemoveClientAddresses())
    logger = logging.getLogger("tests.privacy.traceback")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("452 <river@example.org>: Mailbox full, from 203.0.113.9")
        except ValueError:
            logger.exception("Sending failed")
    finally:
        logger.removeHandler(handler)

    written = stream.getvalue()
    assert "Sending failed" in written
    assert "ValueError: 452" in written
    assert "river@example.org" not in written
    assert "203.0.113.9" not in written


@pytest.fixture
def logging_put_back():
    """A Celery worker sets logging up for the whole process: put it back."""
    from peersite.celery import app

    names = ["", "celery", "celery.task", "celery.redirected", "django"]
    saved = {
        name: (logger.level, list(logger.handlers), logger.propagate)
        for name in names
        for logger in [logging.getLogger(name)]
    }
    already_setup = app.log.already_setup
    yield app
    app.log.already_setup = already_setup
    for name, (level, handlers, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.handlers[:] = handlers
        logger.propagate = propagate


def test_a_celery_worker_logs_through_the_handlers_that_remove_addresses(logging_put_back):
    app = logging_put_back
    app.log.already_setup = False

    # What a worker does as it starts.
    app.log.setup(loglevel="INFO", redirect_stdouts=False)

    for name in ("", "celery"):
        handlers = logging.getLogger(name).handlers
        assert handlers, name
        for handler in handlers:
            assert any(isinstance(f, RemoveClientAddresses) for f in handler.filters), name


def test_the_configured_handlers_all_remove_addresses():
    from django.conf import settings

    for name, handler in settings.LOGGING["handlers"].items():
        assert "no_client_address" in handler.get("filters", []), name
    assert remove_client_addresses("from 198.51.100.4") == "from [address removed]"


def test_gunicorn_keeps_no_access_log_and_scrubs_its_error_log():
    from pathlib import Path

    from gunicorn.config import Config

    namespace: dict = {}
    source = (Path(__file__).resolve().parents[2] / "gunicorn.conf.py").read_text()
    exec(compile(source, "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["accesslog"] is None

    config = Config()
    config.set("logger_class", namespace["logger_class"])
    config.set("errorlog", "-")
    gunicorn_logger = config.logger_class(config)
    stream = io.StringIO()
    for handler in gunicorn_logger.error_log.handlers:
        handler.setStream(stream)
    gunicorn_logger.error("Invalid request from ip=%s: bad header", "::ffff:203.0.113.5")

    assert "Invalid request from ip=[address removed]" in stream.getvalue()


def cache_keys() -> list[str]:
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):
        return [str(key) for key in backend]
    client = cache._cache.get_client()
    return [key.decode() for key in client.keys("*")]


def test_login_rate_limit_counters_hold_no_ip_address(client, member, home):
    client.post(
        reverse("account_login"),
        {"login": "river", "password": "wrong"},
        REMOTE_ADDR="203.0.113.77",
    )

    keys = cache_keys()
    assert any("login_failed" in key for key in keys)
    assert not any("203.0.113.77" in key for key in keys)


def test_behind_a_proxy_each_visitor_has_their_own_login_limit(client, member, password, home):
    from django.test import override_settings

    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        for attempt in range(10):
            client.post(
                reverse("account_login"),
                {"login": f"someone_{attempt}", "password": "wrong"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="203.0.113.50",
            )
        response = client.post(
            reverse("account_login"),
            {"login": "river", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.60",
        )

    assert response.status_code == 302


def test_members_pages_ask_search_engines_to_stay_away(client, home):
    robots = client.get("/robots.txt").content.decode()

    assert "Disallow: /forum/" in robots and "Disallow: /members/" in robots
    assert client.get("/forum/")["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/moderation/log/")["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/overdose/")
