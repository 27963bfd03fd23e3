import os

from celery import Celery
from celery.signals import setup_logging

# A worker started without settings must not run with development defaults.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.production")

app = Celery("peersite")
# Every Celery option lives in Django settings, prefixed CELERY_.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def logging_from_settings(**kwargs) -> None:
    """A worker logs through the site's LOGGING, whose handlers remove every IP
    and email address. Left to itself, Celery replaces those handlers with its
    own, which remove nothing (and drops its own task lines besides). The
    worker's --loglevel is therefore not used: LOGGING sets the levels."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
