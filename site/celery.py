import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings.dev")

app = Celery("peersite")
# Every Celery option lives in Django settings, prefixed CELERY_.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
