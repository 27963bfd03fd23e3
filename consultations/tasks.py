from celery import shared_task

from .services import closing


@shared_task
def drafts_close_due() -> int:
    return closing.drafts_close_due()


@shared_task
def reports_overdue_queue() -> int:
    return closing.reports_overdue_queue()
