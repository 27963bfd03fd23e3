"""The review-queue kind for a report an organization owes: its report-by
date passed with nothing published. Peer moderators follow it up; the item
closes itself when the report is published."""

from django.utils.translation import gettext_lazy as _

from moderation.queue import QueueKind, kind_register, moderators_only


def report_overdue_context(item, user) -> dict:
    draft = item.subject
    return {"draft": draft, "organization": draft.organization if draft is not None else None}


REPORT_OVERDUE = kind_register(
    QueueKind(
        "consultation_report_overdue",
        _("Reports owed"),
        _(
            "An organization said when it would report back on a consultation, and that day "
            "has passed with no report. Get in touch with them. This closes by itself when "
            "they publish it."
        ),
        may_view=moderators_only,
        template="consultations/queue/report_overdue.html",
        context=report_overdue_context,
    )
)
