from celery import shared_task

from . import review


@shared_task
def articles_review_due() -> int:
    return review.articles_review_due_queue()
