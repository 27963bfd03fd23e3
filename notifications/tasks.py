"""Email tasks: thin, taking ids; the decisions are in `sending`.

Every email task is `acks_late` with `reject_on_worker_lost` (set for all tasks
in settings): a worker that dies mid-task leaves its message on the broker for
another worker, and `sending` makes running it again harmless. Each has a hard
time limit well under the broker's visibility timeout (see settings), so a
stuck task is killed before Redis would hand its message to a second worker.
"""

from dataclasses import dataclass, field

from celery import shared_task

from django.conf import settings

from .delivery import TransientDeliveryError
from .sending import activity_email_send, digest_batch_send, digests_due, stale_activity_emails

RETRY = {
    "autoretry_for": (TransientDeliveryError,),
    "retry_backoff": 60,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(
    name="notifications.tasks.activity_email",
    soft_time_limit=60,
    time_limit=90,
    **RETRY,
)
def activity_email(member_id: int) -> bool:
    return activity_email_send(member_id=member_id)


@shared_task(
    name="notifications.tasks.digest_batch",
    soft_time_limit=settings.DIGEST_BATCH_TIME_LIMIT - 30,
    time_limit=settings.DIGEST_BATCH_TIME_LIMIT,
    **RETRY,
)
def digest_batch(member_ids: list[int]) -> int:
    return digest_batch_send(member_ids=member_ids)


@dataclass
class EmailsQueued:
    """What one run of the digest job queued: a result per task."""

    digest_batches: list = field(default_factory=list)
    digest_members: int = 0
    activity_emails: list = field(default_factory=list)


def emails_due_queue() -> EmailsQueued:
    """Queue one task per batch of members whose digest is due, and another go
    at each activity email whose task was lost. The beat job and the
    `send_emails` command both run this."""
    queued = EmailsQueued()
    for member_ids in digests_due():
        queued.digest_batches.append(digest_batch.delay(member_ids))
        queued.digest_members += len(member_ids)
    for member_id in stale_activity_emails():
        queued.activity_emails.append(activity_email.delay(member_id))
    return queued


@shared_task(name="notifications.tasks.digests_queue", soft_time_limit=300, time_limit=360)
def digests_queue() -> int:
    """Every 30 minutes: see `emails_due_queue`. Returns how many digest batches."""
    return len(emails_due_queue().digest_batches)
