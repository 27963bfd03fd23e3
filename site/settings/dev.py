from .base import *

DEBUG = True
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
if "EMAIL_BACKEND" not in os.environ and "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
ALLOW_DEMO_DATA = True
