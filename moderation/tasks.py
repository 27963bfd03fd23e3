from celery import shared_task

from . import services, trust


@shared_task
def trust_levels_recompute() -> int:
    return trust.trust_levels_recompute()


@shared_task
def queue_escalate() -> int:
    return services.queue_escalate()
