from celery import shared_task

from . import activity, services, trust


@shared_task
def trust_levels_recompute() -> int:
    # Levels are worked out from members' days: first add what is still buffered.
    activity.activity_flush()
    return trust.trust_levels_recompute()


@shared_task
def queue_escalate() -> int:
    return services.queue_escalate()


@shared_task(
    soft_time_limit=activity.FLUSH_TIME_LIMIT_SECONDS - 30,
    time_limit=activity.FLUSH_TIME_LIMIT_SECONDS,
)
def activity_flush() -> int:
    return activity.activity_flush()
