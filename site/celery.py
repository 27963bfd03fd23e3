import os

from celery import Celery

# A worker started without settings must not run with development defaults.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.production")

app = Celery("peersite")
# Every Celery option lives in Django settings, prefixed CELERY_.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
