import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.exceptions import ImproperlyConfigured

from peersite.settings.base import email_settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, settings="production", **env):
    left_out = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL")
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(env, DJANGO_SETTINGS_MODULE=f"peersite.settings.{settings}")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key_and_says_why():
    result = run_manage("check", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_smtp_email_url_becomes_django_settings():
    config = email_settings("smtp://mailer:p%40ss@mail.example.org:587?tls=true")

    assert config == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }


def test_smtps_means_implicit_tls_on_port_465():
    config = email_settings("smtps://mail.example.org")

    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"], config["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_console_prints_emails_instead_of_sending_them():
    config = email_settings("console://")

    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_an_unknown_email_scheme_is_refused_with_the_choices():
    with pytest.raises(ImproperlyConfigured, match="console, dummy, file, memory, smtp, smtps"):
        email_settings("carrier-pigeon://coop")


def test_a_bad_email_url_stops_the_site_starting_and_says_why():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        EMAIL_URL="mail.example.org:587",
    )

    assert result.returncode != 0
    assert "EMAIL_URL's scheme" in result.stderr
    assert "smtp://user:password@mail.example.org:587?tls=true" in result.stderr


def test_the_old_smtp_variables_stop_the_start_instead_of_being_ignored():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="2525",
    )

    assert result.returncode != 0
    assert "EMAIL_HOST, EMAIL_PORT are no longer read" in result.stderr


def test_development_prints_emails_when_no_email_url_is_set():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        settings="dev",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
