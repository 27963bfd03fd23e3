"""Settings for the Celery workers the crash test starts: the test settings,
with Redis looking for abandoned tasks every second instead of every 100
seconds (kombu's default sweep, fine beside a 2-hour visibility timeout), so
a batch a killed worker held comes back soon after CELERY_VISIBILITY_TIMEOUT."""

from peersite.settings.test import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
