"""Holding drafts to their dates: each closes after its last day, and
everyone who took part is told when to expect the report; a report-by date
that passes with nothing published puts a reminder in the review queue.

Both are safe to run again, or twice at once: a draft is closed by a
conditional update that only one run can win, and a reminder is opened only
for a draft that never had one (the queue's one-open-item constraint stops a
race between two runs).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from moderation.models import QueueItem
from moderation.services import queue_item_open
from notifications.models import NotificationKind
from notifications.services import notify

from ..models import PolicyDraftPage
from ..report_queue import REPORT_OVERDUE
from .reports import participant_ids


@transaction.atomic
def draft_close(*, draft: PolicyDraftPage, now=None) -> bool:
    """Close `draft` and tell each participant with an account, once.
    Returns False, and tells nobody, if it was already closed."""
    now = now or timezone.now()
    if not PolicyDraftPage.objects.filter(pk=draft.pk, closed_at__isnull=True).update(
        closed_at=now
    ):
        return False
    draft.closed_at = now
    notify(
        recipients=sorted(participant_ids(draft)),
        kind=NotificationKind.CONSULTATION,
        summary=_(
            "A consultation you took part in has closed. The organization said it will "
            "report back by %(date)s."
        )
        % {"date": date_format(draft.report_by, "F j, Y")},
        url=draft.url + draft.reverse_subpage("results"),
        sensitive=False,
    )
    return True


def drafts_close_due(*, today=None) -> int:
    """Close every live draft whose last day has passed. Returns how many
    this run closed."""
    today = today or timezone.localdate()
    due = PolicyDraftPage.objects.live().filter(closes_on__lt=today, closed_at__isnull=True)
    return sum(draft_close(draft=draft) for draft in due.order_by("closes_on", "pk"))


def reports_overdue_queue(*, today=None) -> int:
    """Open one review-queue item for each live draft whose report-by date
    has passed with no published report, unless it already had one (a
    moderator who closed it has dealt with it). Returns how many it opened."""
    today = today or timezone.localdate()
    reminded = QueueItem.objects.filter(
        kind=REPORT_OVERDUE.key,
        content_type=ContentType.objects.get_for_model(PolicyDraftPage),
    ).values("object_id")
    overdue = (
        PolicyDraftPage.objects.live()
        .filter(report_by__lt=today)
        .filter(Q(report__isnull=True) | Q(report__published_at__isnull=True))
        .exclude(pk__in=reminded)
        .select_related("organization")
        .order_by("report_by", "pk")
    )
    opened = 0
    for draft in overdue:
        queue_item_open(
            kind=REPORT_OVERDUE.key,
            subject=draft,
            summary=_("%(organization)s owes a report on “%(title)s” (due %(date)s)")
            % {
                "organization": draft.organization.name,
                "title": draft.title,
                "date": date_format(draft.report_by, "F j, Y"),
            },
        )
        opened += 1
    return opened
