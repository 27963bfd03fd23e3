"""How far members have read: buffered while they read, flushed in batches,
and never lost or counted twice on the way."""

import threading

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import member_erase, member_export
from core.buffers import buffer_client, buffer_key
from forum.models import ThreadRead
from forum.services import reading
from forum.services.reading import reads_flush, thread_mark_read
from moderation.activity import activity_flush
from moderation.models import MemberDay
from tests.factories import UserFactory, make_thread

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def buffered(db):
    """Skips where the cache is local memory: there reading writes at once."""
    if buffer_client() is None:
        pytest.skip("REDIS_URL is not set or Redis is down: reading is not buffered")


def pending_reads() -> dict[str, str]:
    return buffer_client().hgetall(buffer_key(reading.PENDING_KEY))


def signed_in(user) -> Client:
    member_client = Client()
    member_client.force_login(user)
    return member_client


def page(thread, number=1) -> str:
    return thread.get_absolute_url() + (f"?page={number}" if number > 1 else "")


def test_the_members_next_pages_know_what_they_read_before_any_flush(
    client, member, home, buffered
):
    thread = make_thread(replies=25)
    client.force_login(member)

    client.get(page(thread))  # posts 1 to 20
    listed = client.get(thread.category.get_absolute_url()).content.decode()
    jump = client.get(f"/forum/t/{thread.pk}/?unread=1")
    client.get(page(thread, 2))  # the rest
    listed_after = client.get(thread.category.get_absolute_url()).content.decode()

    assert not ThreadRead.objects.filter(user=member).exists()
    assert "new: jump to first unread" in listed
    assert jump.url == f"{thread.get_absolute_url()}?page=2#post-21"
    assert "new: jump to first unread" not in listed_after


def test_reading_a_thread_page_writes_nothing_to_the_database(client, home, buffered):
    thread = make_thread(replies=25)
    newcomer = UserFactory()
    client.force_login(newcomer)

    for url in [page(thread), page(thread), page(thread, 2)]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [query["sql"] for query in queries if query["sql"].startswith(WRITES)]
        assert writes == [], url


def test_a_thread_costs_the_same_queries_to_open_to_reread_and_to_read_on(client, home, buffered):
    thread, elsewhere = make_thread(replies=25), make_thread(title="Elsewhere")
    # Another reader builds the pages' shared parts; the member's own first
    # page fills what is remembered about them between requests.
    for url in [page(thread), page(thread, 2)]:
        signed_in(UserFactory()).get(url)
    member = UserFactory()
    client.force_login(member)
    client.get(page(elsewhere))

    costs = []
    for url in [page(thread), page(thread), page(thread, 2)]:
        cache.set(f"moderation:last-read:{member.pk}", timezone.now().timestamp() - 60)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        costs.append(len(queries))

    assert costs[0] == costs[1] == costs[2]


def test_a_flush_writes_read_positions_and_counts_posts_read_and_threads_entered(
    client, member, home, buffered
):
    long_thread, short_thread = make_thread(replies=24), make_thread(title="Short", replies=2)
    client.force_login(member)

    client.get(page(long_thread))
    client.get(page(long_thread, 2))
    client.get(page(short_thread))
    activity_flush()

    positions = dict(
        ThreadRead.objects.filter(user=member).values_list("thread", "last_read_position")
    )
    assert positions == {long_thread.pk: 25, short_thread.pk: 3}
    day = MemberDay.objects.get(user=member)
    assert (day.visited, day.posts_read, day.threads_entered) == (True, 28, 2)
    assert not any(field.startswith(f"{member.pk}:") for field in pending_reads())


def test_a_read_position_never_moves_back(client, member, home, buffered):
    thread = make_thread(replies=24)
    client.force_login(member)

    client.get(page(thread, 2))
    client.get(page(thread))
    pending = pending_reads()[f"{member.pk}:{thread.pk}"]
    activity_flush()
    client.get(page(thread))
    activity_flush()

    assert pending == "25"
    assert ThreadRead.objects.get(user=member, thread=thread).last_read_position == 25
    assert MemberDay.objects.get(user=member).posts_read == 25
    jump = client.get(f"/forum/t/{thread.pk}/?unread=1")
    assert jump.url.endswith("#post-25")


def test_flushing_twice_counts_nothing_twice(client, member, home, buffered):
    thread = make_thread(replies=5)
    client.force_login(member)
    client.get(page(thread))

    activity_flush()
    first = MemberDay.objects.values().get(user=member)
    activity_flush()

    assert MemberDay.objects.values().get(user=member) == first
    assert first["posts_read"] == 6 and first["threads_entered"] == 1


def test_a_flush_that_died_after_committing_is_not_counted_again(member, home, buffered):
    thread = make_thread(replies=5)
    thread_mark_read(user=member, thread=thread, position=6)

    # The flush wrote the rows, then its worker died before clearing Redis.
    reading._reads_write({(member.pk, thread.pk): 6})
    reads_flush()

    assert ThreadRead.objects.get(user=member, thread=thread).last_read_position == 6
    day = MemberDay.objects.get(user=member)
    assert (day.posts_read, day.threads_entered) == (6, 1)
    assert f"{member.pk}:{thread.pk}" not in pending_reads()


def test_a_flush_that_fails_keeps_the_positions_for_the_next_one(
    member, home, buffered, monkeypatch
):
    thread = make_thread(replies=5)
    thread_mark_read(user=member, thread=thread, position=6)

    def database_gone(days):
        raise RuntimeError("database connection lost")

    with monkeypatch.context() as patched:
        patched.setattr(reading, "member_days_add", database_gone)
        with pytest.raises(RuntimeError):
            reads_flush()
    kept = pending_reads()
    reads_flush()

    assert kept[f"{member.pk}:{thread.pk}"] == "6"
    assert ThreadRead.objects.get(user=member, thread=thread).last_read_position == 6
    assert MemberDay.objects.get(user=member).posts_read == 6


def test_reading_further_during_a_flush_is_kept_for_the_next_one(
    member, home, buffered, monkeypatch
):
    thread = make_thread(replies=24)
    thread_mark_read(user=member, thread=thread, position=20)
    write = reading._reads_write

    def write_while_the_member_reads_on(positions):
        moved = write(positions)
        thread_mark_read(user=member, thread=thread, position=25)
        return moved

    monkeypatch.setattr(reading, "_reads_write", write_while_the_member_reads_on)
    reads_flush()
    monkeypatch.undo()
    still_pending = pending_reads()[f"{member.pk}:{thread.pk}"]
    reads_flush()

    assert still_pending == "25"
    assert ThreadRead.objects.get(user=member, thread=thread).last_read_position == 25
    assert MemberDay.objects.get(user=member).posts_read == 25


@pytest.mark.django_db(transaction=True)
def test_two_flushes_at_once_count_each_thread_entered_once(home, buffered):
    threads = [make_thread(title=f"Thread {number}", replies=2) for number in range(10)]
    readers = [UserFactory() for _number in range(5)]
    for reader in readers:
        for thread in threads:
            thread_mark_read(user=reader, thread=thread, position=3)
    start = threading.Barrier(2)
    errors = []

    def flush():
        try:
            start.wait()
            reads_flush()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=flush) for _number in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    for reader in readers:
        day = MemberDay.objects.get(user=reader)
        assert (day.threads_entered, day.posts_read) == (10, 30)


def test_erasing_an_account_drops_its_pending_reads(client, member, home, buffered):
    thread = make_thread(replies=3)
    other = UserFactory()
    thread_mark_read(user=other, thread=thread, position=4)
    client.force_login(member)
    client.get(page(thread))

    member_erase(user=member)
    activity_flush()

    assert not [field for field in pending_reads() if field.startswith(f"{member.pk}:")]
    assert ThreadRead.objects.get(user=other, thread=thread).last_read_position == 4


def test_the_data_download_has_what_the_member_read_since_the_last_flush(
    client, member, home, buffered
):
    thread = make_thread(title="Naloxone questions", replies=3)
    client.force_login(member)
    client.get(page(thread))

    exported = member_export(user=member)

    assert {"thread": "Naloxone questions", "read_to_post": 4} in exported["how_far_you_read"]
    today = exported["activity_by_day"][-1]
    assert (today["posts_read"], today["threads_entered"]) == (4, 1)


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_without_a_shared_cache_reading_is_written_at_once(client, member, home):
    thread = make_thread(replies=3)
    client.force_login(member)

    client.get(page(thread))

    assert ThreadRead.objects.get(user=member, thread=thread).last_read_position == 4
    assert MemberDay.objects.get(user=member).threads_entered == 1
    assert reads_flush() == 0
