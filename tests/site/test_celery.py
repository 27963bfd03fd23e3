import pytest

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from peersite.celery import app
from tests.conftest import redis_reachable


def make_sessions():
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(days=1)
    )
    current = SessionStore()
    current.create()
    return expired.session_key, current.session_key


@pytest.mark.django_db
def test_clearing_sessions_removes_only_expired_ones_and_can_repeat():
    expired, current = make_sessions()

    assert clear_expired_sessions() == 1
    assert clear_expired_sessions() == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == [current]
    assert expired != current


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_reachable(), reason="REDIS_URL is not set or Redis is down")
def test_a_task_round_trips_through_redis_to_a_real_worker(real_worker):
    expired, current = make_sessions()
    result = clear_expired_sessions.delay()
    assert result.get(timeout=30) == 1

    assert app.conf.broker_url.startswith("redis://")
    assert list(Session.objects.values_list("session_key", flat=True)) == [current]
