"""Settings shared by every environment.

Values that differ between deployments come from environment variables; the
defaults are the embedded run (SQLite, local-memory cache, eager Celery).
"""

import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SITE_NAME = "Where We're At"
WAGTAIL_SITE_NAME = SITE_NAME
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-key-for-the-embedded-run-only")
DEBUG = False
ALLOWED_HOSTS = [
    host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    "accounts",
    "notifications",
    "moderation",
    "forum",
    "peerkb",
    "consultations",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "accounts.apps.PseudonymousWagtailUsersConfig",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "peersite.middleware.PrivacyHeadersMiddleware",
    "peersite.middleware.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "peersite.middleware.NulCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "moderation.middleware.SuspensionMiddleware",
    "moderation.middleware.VisitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "peersite.middleware.AdminAreaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "peersite.unsent.UnsentFormMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "peersite.urls"
WSGI_APPLICATION = "peersite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "peerkb.context_processors.safety_settings",
                "peersite.context_processors.site_shell",
                "notifications.context_processors.notifications",
                "moderation.context_processors.review_queue",
                "moderation.context_processors.silence_notice",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded run serves several people at once from one file. Writers
    # take the write lock when their transaction begins, so two of them never
    # deadlock upgrading a read lock (SQLite answers that with "database is
    # locked" at once, whatever the timeout); the rest wait their turn for up
    # to `timeout` seconds; and the write-ahead log lets pages be read while
    # someone writes. NORMAL sync is safe with WAL: a power cut can lose the
    # last commit, never corrupt the file.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA temp_store=MEMORY;"
            "PRAGMA cache_size=-16000"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the cache and the Celery broker when it is configured; otherwise the
# embedded run keeps everything in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wwa",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# A task is acknowledged only once it has run (acks_late), and a worker that
# dies mid-task hands it back (reject_on_worker_lost), so nothing is lost; every
# task is safe to run twice. Redis hands an unacknowledged message to another
# worker after the visibility timeout, so it must be longer than anything a
# worker holds on to: the longest task (DIGEST_BATCH_TIME_LIMIT), the longest
# wait before a task (an activity email's window, a retry's backoff of up to an
# hour). Otherwise a slow task would run twice at once.
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 2 * 60 * 60))
}
CELERY_BEAT_SCHEDULE = {
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": 60 * 60,
    },
    # Read positions, reading time and visits are buffered in Redis while
    # members read; this writes them to the database.
    "moderation-activity-flush": {
        "task": "moderation.tasks.activity_flush",
        "schedule": 60,
    },
    "moderation-trust-levels": {
        "task": "moderation.tasks.trust_levels_recompute",
        "schedule": 24 * 60 * 60,
    },
    "moderation-escalate-waiting-items": {
        "task": "moderation.tasks.queue_escalate",
        "schedule": 60 * 60,
    },
    "peerkb-articles-review-due": {
        "task": "peerkb.tasks.articles_review_due",
        "schedule": 24 * 60 * 60,
    },
    "consultations-close-due-drafts": {
        "task": "consultations.tasks.drafts_close_due",
        "schedule": 60 * 60,
    },
    "notifications-digests": {
        "task": "notifications.tasks.digests_queue",
        "schedule": 30 * 60,
    },
    "consultations-reports-overdue": {
        "task": "consultations.tasks.reports_overdue_queue",
        "schedule": 24 * 60 * 60,
    },
}

# Email. Replies, mentions and quotes that arrive within this window go out in
# one email. Digests are sent in batches of DIGEST_BATCH_SIZE members, each
# batch a task with this hard time limit (keep it under the visibility timeout).
ACTIVITY_EMAIL_WINDOW_SECONDS = 5 * 60
DIGEST_BATCH_SIZE = 100
DIGEST_BATCH_TIME_LIMIT = 15 * 60

# Community moderation. A flag weighs 1 + the flagger's trust level (a peer
# moderator's weighs MODERATION_MODERATOR_FLAG_WEIGHT), times their accuracy.
MODERATION_HIDE_THRESHOLD = int(os.environ.get("MODERATION_HIDE_THRESHOLD", "5"))
MODERATION_MODERATOR_FLAG_WEIGHT = 5
# Spam flags from this many members silence a trust-level-0 account until review.
MODERATION_SPAM_SILENCE_FLAGGERS = 3
# Concordant votes from trust-level-3 members that decide a queue item.
MODERATION_TRUSTED_VOTES = 3
MODERATION_ESCALATE_AFTER_HOURS = 48

# Trust levels, modeled on Discourse's and scaled for a small community.
# Level 4 is the Peer moderators group; levels 1 and 2 are never lost.
TRUST_LEVEL_REQUIREMENTS = {
    1: {"threads_entered": 3, "posts_read": 15, "reading_minutes": 5},
    2: {"days_visited": 10, "reply_threads": 3, "reactions_given": 1, "reactions_received": 1},
    3: {
        "window_days": 100,
        "days_visited": 30,
        "reactions_received": 15,
        "max_flags_upheld": 2,
    },
}
# A silence or suspension this recent keeps a member from trust level 3 and
# from moving up at all.
TRUST_PENALTY_DAYS = 180
TRUST_JOB_BATCH_SIZE = 500

DAY = 24 * 60 * 60
# (how many, per how many seconds) for each trust level. Every member write is
# counted under one of these (moderation.writing.write_screen); an action left
# out of a level has no limit there.
TRUST_RATE_LIMITS = {
    0: {
        "thread": (3, DAY),
        "reply": (10, DAY),
        "report": (2, DAY),
        "edit": (20, DAY),
        "profile": (10, DAY),
        "flag": (5, DAY),
        "suggestion": (10, DAY),
        "proposal": (5, DAY),
    },
    1: {
        "thread": (10, DAY),
        "reply": (60, DAY),
        "report": (5, DAY),
        "edit": (60, DAY),
        "profile": (20, DAY),
        "flag": (15, DAY),
        "suggestion": (30, DAY),
        "proposal": (10, DAY),
    },
    2: {
        "thread": (20, DAY),
        "reply": (150, DAY),
        "report": (10, DAY),
        "edit": (150, DAY),
        "profile": (30, DAY),
        "flag": (30, DAY),
        "suggestion": (60, DAY),
        "proposal": (20, DAY),
    },
    3: {
        "thread": (40, DAY),
        "reply": (300, DAY),
        "report": (20, DAY),
        "edit": (300, DAY),
        "profile": (50, DAY),
        "flag": (60, DAY),
        "suggestion": (120, DAY),
        "proposal": (40, DAY),
    },
}

# Wagtail's own background work (search indexing, reference index) stays on
# the immediate backend; the site's own work goes through Celery.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: a handle and a password are enough; email is optional.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
# A member who confirms an address lands where they choose what it gets.
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "email:settings"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PRESERVE_USERNAME_CASING = True
# Handle length is checked by accounts.handles, with messages in plain words.
ACCOUNT_USERNAME_MIN_LENGTH = 1
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# No "remember me": closing the browser signs a shared device out.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.VerifiedEmailResetPasswordForm",
}
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "recovery_code": "10/m/ip,5/15m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "peersite.views.csrf_failure"
# A browser closing on a shared device should not leave anyone signed in.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Sessions are read from the cache on every request and kept in the database
# too, so a restarted cache signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en-us", _("English"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: discreet by default, configured by EMAIL_URL alone.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_EMAIL_SCHEMES = sorted(dj_email_url.SCHEMES)
_RETIRED_EMAIL_VARIABLES = (
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
)


def email_settings(url: str) -> dict:
    """Django's EMAIL_* settings for an EMAIL_URL, read by dj-email-url.

    ``smtp://user:password@host:587?tls=true`` for STARTTLS, ``smtps://host`` for
    implicit TLS (port 465 unless given), ``console://`` to print emails.
    An empty URL leaves Django's defaults. Anything else stops the start.
    """
    if not url:
        return {}
    scheme = urlsplit(url).scheme
    if scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL's scheme {scheme!r} is not one of: {', '.join(_EMAIL_SCHEMES)}. "
            "For example smtp://user:password@mail.example.org:587?tls=true, "
            "smtps://mail.example.org or console://."
        )
    with warnings.catch_warnings():
        # dj-email-url warns that its smtps means STARTTLS; here it means implicit TLS.
        warnings.simplefilter("ignore", UserWarning)
        config = dj_email_url.parse(url)
    if scheme == "smtps":
        config.update(
            EMAIL_HOST=config["EMAIL_HOST"] or "localhost",
            EMAIL_PORT=config["EMAIL_PORT"] or 465,
            EMAIL_USE_SSL=True,
            EMAIL_USE_TLS=False,
        )
    # Left out of the URL: keep Django's default.
    return {name: value for name, value in config.items() if value not in (None, "")}


_leftover = [name for name in _RETIRED_EMAIL_VARIABLES if name in os.environ]
if _leftover and not os.environ.get("EMAIL_URL"):
    raise ImproperlyConfigured(
        f"{', '.join(_leftover)} {'is' if len(_leftover) == 1 else 'are'} no longer read: "
        "email is configured by EMAIL_URL alone, e.g. "
        "smtp://user:password@mail.example.org:587?tls=true."
    )


globals().update(email_settings(os.environ.get("EMAIL_URL", "")))

# Wagtail
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Gravatar would send a hash of each admin's email to another company.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# English stemming, as the forum's search uses, so "wound care" finds "wounds".
# (PostgreSQL only; after changing it, run `manage.py update_index`.)
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_I18N_ENABLED = False
# The knowledge base's peer review: the version readers see is always the one
# the peers approved, so any edit needs approving again; the last approval
# publishes, whether or not that peer may publish by hand.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "peerkb.workflow_finish.publish_approved_workflow_state"
# Reviewers talk about a draft in the editor's comments.
WAGTAILADMIN_COMMENTS_ENABLED = True

# Security and privacy headers. Django sets most of them; the rest come from
# peersite.middleware. X-Frame-Options and frame-ancestors relax to same-origin
# under /admin/ only, where Wagtail previews pages in a frame.
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin": no Referer ever leaves for another site, so following an
# outbound link leaks nothing. "no-referrer" would go further and also blank
# the Origin header on our own form posts, which fails Django's CSRF origin
# check; trading that check away would make every form weaker.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
ADMIN_PATH_PREFIX = "/admin/"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    },
}
# The Wagtail admin uses inline styles and scripts, blob: images while
# uploading, and frames its own previews. Nothing there comes from elsewhere.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_client_address": {"()": "peersite.logging.RemoveClientAddresses"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_address"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "celery": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Handles nobody may take: they would let someone pass as staff or the site.
RESERVED_HANDLES = [
    "admin",
    "administrator",
    "moderator",
    "mod",
    "staff",
    "support",
    "system",
    "root",
    "sysadmin",
    "wherewereat",
    "whereweareat",
    "wwa",
]
ALLOW_DEMO_DATA = False
