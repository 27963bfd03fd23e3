"""A green CI run must mean the browser journeys and the real worker ran:
under CI=true their skips fail the run; on a newcomer's machine they skip
with the reason printed."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

JOURNEYS = """
import pytest


@pytest.mark.browser
def test_a_browser_journey():
    pytest.skip("/usr/bin/chromium is not installed")


@pytest.mark.worker
def test_a_real_worker():
    pytest.skip("REDIS_URL is not set or Redis is down")


def test_an_ordinary_test_may_skip():
    pytest.skip("only on SQLite")
"""


def run_pytest(tmp_path, **env):
    """Run pytest on a few skipping tests under the suite's own skip rules."""
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_makereport  # noqa: F401\n"
    )
    (tmp_path / "test_journeys.py").write_text(JOURNEYS)
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser\n    worker\n")
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment.update(env, PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="peersite.settings.test")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_under_ci_a_skipped_browser_or_worker_test_fails_the_run_and_says_why(tmp_path):
    result = run_pytest(tmp_path, CI="true")

    assert result.returncode != 0
    assert "CI=true, so this test may not skip: /usr/bin/chromium is not installed" in (
        result.stdout
    )
    assert "CI=true, so this test may not skip: REDIS_URL is not set or Redis is down" in (
        result.stdout
    )
    assert "2 failed" in result.stdout and "1 skipped" in result.stdout


def test_outside_ci_they_skip_with_the_reason_printed(tmp_path):
    result = run_pytest(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "/usr/bin/chromium is not installed" in result.stdout
    assert "REDIS_URL is not set or Redis is down" in result.stdout
    assert "3 skipped" in result.stdout
