"""Email configuration from the environment.

`EMAIL_URL` wins when set, e.g. ``smtp://user:password@mail.example.org:587?tls=true``,
``smtps://…`` for implicit TLS, or ``console://`` while developing. Without it the
usual SMTP variables apply (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL).
"""

from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
TRUE_WORDS = {"1", "true", "yes", "on"}


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUE_WORDS


def parse_email_url(url: str) -> dict:
    """Turn an EMAIL_URL into Django email settings; raise ValueError if unusable."""
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ValueError(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of: {', '.join(sorted(BACKENDS))}."
        )
    config: dict = {"EMAIL_BACKEND": BACKENDS[parts.scheme]}
    if parts.scheme not in ("smtp", "smtps"):
        return config
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    config.update(
        EMAIL_HOST=parts.hostname or "localhost",
        EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_SSL=parts.scheme == "smtps" or _flag(query.get("ssl")),
        EMAIL_USE_TLS=_flag(query.get("tls")),
    )
    if config["EMAIL_USE_SSL"] and config["EMAIL_USE_TLS"]:
        raise ValueError("EMAIL_URL cannot ask for both ssl and tls; pick one.")
    return config


def email_settings_from_env(environ: Mapping[str, str]) -> dict:
    if environ.get("EMAIL_URL"):
        return parse_email_url(environ["EMAIL_URL"])
    config: dict = {}
    if environ.get("EMAIL_BACKEND"):
        config["EMAIL_BACKEND"] = environ["EMAIL_BACKEND"]
    if environ.get("EMAIL_HOST"):
        config["EMAIL_HOST"] = environ["EMAIL_HOST"]
        config["EMAIL_PORT"] = int(environ.get("EMAIL_PORT", "25"))
        config["EMAIL_HOST_USER"] = environ.get("EMAIL_HOST_USER", "")
        config["EMAIL_HOST_PASSWORD"] = environ.get("EMAIL_HOST_PASSWORD", "")
        config["EMAIL_USE_TLS"] = _flag(environ.get("EMAIL_USE_TLS"))
        config["EMAIL_USE_SSL"] = _flag(environ.get("EMAIL_USE_SSL"))
    return config
