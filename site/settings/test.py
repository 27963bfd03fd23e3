from .base import *

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECRET_KEY = "test-only-secret-key-which-is-long-enough-for-hmac-0123456789"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process unless a test starts a real worker on Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Each test run gets its own cache namespace on a shared Redis.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"wwa-test-{os.getpid()}"
WHITENOISE_AUTOREFRESH = True
ALLOW_DEMO_DATA = True
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]
