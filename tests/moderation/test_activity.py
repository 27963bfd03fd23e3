"""Members' daily activity: visits and reading time are buffered while they
read and added to their days by the periodic flush, which the trust-level job
runs first."""

import pytest

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from accounts.services import member_erase
from core.buffers import buffer_client, buffer_key
from forum.services.reading import thread_mark_read
from moderation import activity
from moderation.activity import activity_add, activity_flush
from moderation.models import MemberDay
from moderation.tasks import activity_flush as activity_flush_task
from moderation.tasks import trust_levels_recompute
from tests.factories import UserFactory, make_thread


@pytest.fixture
def buffered(db):
    """Skips where the cache is local memory: there activity is written at once."""
    if buffer_client() is None:
        pytest.skip("REDIS_URL is not set or Redis is down: activity is not buffered")


def pending_activity() -> dict[str, str]:
    return buffer_client().hgetall(buffer_key(activity.PENDING_KEY))


def read_for(member, seconds: int) -> None:
    """As if the member's previous page of posts was `seconds` ago."""
    cache.set(f"moderation:last-read:{member.pk}", timezone.now().timestamp() - seconds)


def test_visits_and_reading_time_wait_in_the_buffer_until_the_flush(client, member, home, buffered):
    thread = make_thread(replies=3)
    client.force_login(member)

    client.get("/forum/")
    read_for(member, 90)
    client.get(thread.get_absolute_url())
    read_for(member, 30)
    client.get(thread.get_absolute_url())
    before_flush = MemberDay.objects.filter(user=member).exists()
    activity_flush()

    assert not before_flush
    day = MemberDay.objects.get(user=member)
    assert day.visited and day.reading_seconds == 120
    assert pending_activity() == {}


def test_a_long_gap_between_pages_is_not_reading_time(client, member, home, buffered):
    thread = make_thread(replies=3)
    client.force_login(member)

    read_for(member, activity.READING_GAP_LIMIT_SECONDS + 60)
    client.get(thread.get_absolute_url())
    activity_flush()

    assert MemberDay.objects.get(user=member).reading_seconds == 0


def test_flushing_twice_adds_reading_time_once(member, buffered):
    activity.activity_buffer(user_id=member.pk, reading_seconds=45)

    activity_flush()
    activity_flush()

    assert MemberDay.objects.get(user=member).reading_seconds == 45


def test_buffered_counts_add_to_a_day_others_started(member, buffered):
    # A reaction to the member's post makes their day without making it a visit.
    activity_add(user_id=member.pk, by_member=False, reactions_received=1)
    activity.activity_buffer(user_id=member.pk, reading_seconds=60)

    activity_flush()

    day = MemberDay.objects.get(user=member)
    assert (day.visited, day.reactions_received, day.reading_seconds) == (True, 1, 60)


def test_a_flush_that_fails_leaves_its_batch_for_the_next_one(member, buffered, monkeypatch):
    activity.activity_buffer(user_id=member.pk, reading_seconds=100)

    def database_gone(days):
        raise RuntimeError("database connection lost")

    with monkeypatch.context() as patched:
        patched.setattr(activity, "member_days_add", database_gone)
        with pytest.raises(RuntimeError):
            activity_flush()
    activity.activity_buffer(user_id=member.pk, reading_seconds=20)
    activity_flush()

    assert MemberDay.objects.get(user=member).reading_seconds == 120
    assert pending_activity() == {}


def test_a_flush_leaves_the_work_to_one_still_running_after_its_wait(member, buffered, monkeypatch):
    activity.activity_buffer(user_id=member.pk, reading_seconds=30)
    monkeypatch.setattr(activity, "FLUSH_WAIT_SECONDS", 0.2)
    running = buffer_client().lock(buffer_key(activity.FLUSH_LOCK_KEY), timeout=60)
    running.acquire()
    try:
        written_meanwhile = activity_flush()
    finally:
        running.release()

    assert written_meanwhile == 0 and not MemberDay.objects.filter(user=member).exists()
    assert activity_flush() == 1


def test_the_trust_level_job_counts_what_is_still_buffered(member, home):
    member.trust_level = 0
    member.save()
    for number in range(3):
        thread = make_thread(title=f"Thread {number}", replies=4)
        thread_mark_read(user=member, thread=thread, position=5)
    activity.activity_buffer(user_id=member.pk, reading_seconds=5 * 60)

    trust_levels_recompute()

    member.refresh_from_db()
    assert member.trust_level == 1


def test_erasing_an_account_drops_its_buffered_activity(member, buffered):
    other = UserFactory()
    activity.activity_buffer(user_id=member.pk, reading_seconds=30)
    activity.activity_buffer(user_id=other.pk, reading_seconds=40)

    member_erase(user=member)
    activity_flush()

    assert not [field for field in pending_activity() if field.startswith(f"{member.pk}:")]
    assert MemberDay.objects.get(user=other).reading_seconds == 40


def test_a_member_deleted_while_their_counts_are_flushed_is_left_out(member, buffered):
    activity.activity_buffer(user_id=member.pk, reading_seconds=30)
    client = buffer_client()
    client.rename(buffer_key(activity.PENDING_KEY), buffer_key(activity.FLUSHING_KEY))
    member_id = member.pk
    member.delete()

    assert activity_flush() == 0
    assert not MemberDay.objects.filter(user_id=member_id).exists()


def test_the_flush_runs_every_minute_as_a_beat_job(member, buffered):
    activity.activity_buffer(user_id=member.pk, reading_seconds=30)

    scheduled = settings.CELERY_BEAT_SCHEDULE["moderation-activity-flush"]
    written = activity_flush_task.delay().get(timeout=10)

    assert scheduled == {"task": "moderation.tasks.activity_flush", "schedule": 60}
    assert written == 1 and MemberDay.objects.get(user=member).reading_seconds == 30
