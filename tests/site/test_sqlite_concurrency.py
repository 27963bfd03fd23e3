"""The embedded run (`make run`) on SQLite, with several people writing at once."""

import json
import sqlite3
import subprocess
import sys

import pytest

from django.conf import settings
from django.db import connection

WRITERS_TIMEOUT_SECONDS = 600


@pytest.fixture
def migrated_sqlite_file(tmp_path, transactional_db):
    """A database file with every migration applied. On a SQLite test run that
    is a copy of the test database as built for the session (outside any test
    transaction, which would hold its lock); on PostgreSQL the writers' process
    migrates a new file itself (slower, same result)."""
    path = tmp_path / "site.sqlite3"
    if connection.vendor != "sqlite":
        return path, True
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return path, False


def test_six_members_writing_at_once_on_the_embedded_sqlite_file_get_no_errors(
    migrated_sqlite_file,
):
    path, needs_migrating = migrated_sqlite_file
    command = [sys.executable, "-m", "tests.site.sqlite_writers", str(path)]
    if needs_migrating:
        command.append("--migrate")
    finished = subprocess.run(  # noqa: S603
        [*command, "--members", "6", "--rounds", "4"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=WRITERS_TIMEOUT_SECONDS,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    outcome = json.loads(finished.stdout.strip().splitlines()[-1])

    assert outcome["failures"] == []
    assert "exception" not in outcome["statuses"]
    assert outcome["replies_saved"] == outcome["replies_sent"]
    # The file really is shared through a write-ahead log.
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
