"""The queue's clock: items waiting too long are brought to every moderator."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import services as inbox
from notifications.models import NotificationKind

from ..models import (
    QueueItem,
)
from .records import (
    moderator_ids,
)


def queue_escalate(*, now=None) -> int:
    """Tell every moderator about items waiting longer than the limit, once each."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.MODERATION_ESCALATE_AFTER_HOURS)
    waiting = list(
        QueueItem.objects.open().filter(created_at__lte=cutoff, escalated_at__isnull=True)
    )
    if not waiting:
        return 0
    recipients = moderator_ids()
    for item in waiting:
        with transaction.atomic():
            updated = QueueItem.objects.filter(pk=item.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if updated:
                inbox.notify(
                    recipients=recipients,
                    kind=NotificationKind.MODERATION,
                    summary=_("An item in the review queue has waited too long for a moderator."),
                    url=item.get_absolute_url(),
                    sensitive=False,
                    queue_item=item,
                )
    return len(waiting)
