from urllib.parse import urlsplit, urlunsplit

from .base import *

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECRET_KEY = "test-only-secret-key-which-is-long-enough-for-hmac-0123456789"
# A test that starts its own mail server (and the workers it starts) sets EMAIL_URL.
if not os.environ.get("EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process unless a test starts a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Tests run in parallel workers (pytest-xdist). Clearing the cache empties a
# whole Redis database, so each worker gets its own: the one in REDIS_URL for a
# single run, the next ones up for gw0, gw1, ...
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER:
    _parts = urlsplit(REDIS_URL)
    _database = int(_parts.path.strip("/") or 0) + 1 + int(_WORKER.removeprefix("gw"))
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_database}"))
    CACHES["default"]["LOCATION"] = REDIS_URL
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
# Each test run gets its own cache namespace too.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"wwa-test-{os.getpid()}"
WHITENOISE_AUTOREFRESH = True
ALLOW_DEMO_DATA = True
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]
