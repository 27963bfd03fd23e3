import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from peersite.email_url import email_settings_from_env, parse_email_url

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    left_out = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(env, DJANGO_SETTINGS_MODULE="peersite.settings.production")
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
    config = parse_email_url("smtp://mailer:p%40ss@mail.example.org:587?tls=true")

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
    config = parse_email_url("smtps://mail.example.org")

    assert (config["EMAIL_PORT"], config["EMAIL_USE_SSL"]) == (465, True)


def test_an_unknown_email_scheme_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="console, dummy, locmem, smtp, smtps"):
        parse_email_url("carrier-pigeon://coop")


def test_smtp_variables_work_without_an_email_url():
    config = email_settings_from_env(
        {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "yes"}
    )

    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_USE_TLS"] is True
