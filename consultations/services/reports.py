"""“What we heard”: an organization writes its report after a draft closes,
links each section's changes to the statements that led to them, and
publishes it once; everyone who took part is told."""

import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.markup import render_markdown
from core.text import clean_plain_text
from moderation.models import QueueItem
from moderation.services import queue_item_close
from moderation.writing import write_screen
from notifications.models import NotificationKind
from notifications.services import notify

from ..models import (
    DraftStatus,
    HeardReport,
    PolicyDraftPage,
    Response,
    SectionChange,
    StatementVote,
)
from ..models.reports import CHANGE_MAX_LENGTH, REPORT_MAX_LENGTH
from ..permissions import can_write_report
from ..report_queue import REPORT_OVERDUE
from .results import statements_of

# Counted under this name by the rate limits; no trust level limits it.
WRITE_ACTION = "consultation_report"


def change_field(section_key: uuid.UUID) -> str:
    """The name a section's "what changed and why" goes by in forms and refusals."""
    return f"change_{section_key.hex}"


def because_field(section_key: uuid.UUID) -> str:
    return f"because_{section_key.hex}"


@dataclass(frozen=True)
class ChangeWritten:
    """What staff wrote for one section: the words and the statements linked."""

    what_changed: str
    because_of: tuple[int, ...] = ()


def participant_ids(draft: PolicyDraftPage) -> set[int]:
    """Members who sent a response to `draft` or marked one of its
    statements. Responses entered by outreach belong to no account."""
    respondents = (
        Response.objects.submitted()
        .filter(draft=draft, respondent__isnull=False)
        .values_list("respondent_id", flat=True)
    )
    voters = StatementVote.objects.filter(comment__response__draft=draft).values_list(
        "voter_id", flat=True
    )
    return set(respondents.union(voters))


def _write_check(*, draft: PolicyDraftPage, author) -> None:
    if not can_write_report(author, draft):
        raise PermissionDenied(_("Only the organization's own staff write its report."))
    if draft.status_on(timezone.localdate()) not in (DraftStatus.CLOSED, DraftStatus.REPORTED):
        raise ValidationError(
            _("You can write this once the consultation closes on %(date)s.")
            % {"date": date_format(draft.closes_on, "F j, Y")}
        )


def _changes_clean(draft: PolicyDraftPage, changes: dict) -> dict:
    """Each section's words, cleaned, and linked statements that really are
    that section's; refusals keyed by the section's field."""
    sections = {section.key for section in draft.sections.all()}
    statements = dict(
        statements_of(draft).filter(section_key__in=sections).values_list("pk", "section_key")
    )
    cleaned, errors = {}, {}
    for key, written in changes.items():
        if key not in sections:
            continue
        text = clean_plain_text(written.what_changed)
        linked = tuple(dict.fromkeys(int(pk) for pk in written.because_of))
        if len(text) > CHANGE_MAX_LENGTH:
            errors[change_field(key)] = _("Keep this under %(limit)d characters.") % {
                "limit": CHANGE_MAX_LENGTH
            }
        elif linked and not text:
            errors[change_field(key)] = _(
                "Say what changed and why, or untick the statements below."
            )
        elif any(statements.get(pk) != key for pk in linked):
            errors[because_field(key)] = _(
                "One of these is no longer a statement on this section. Tick them again."
            )
        cleaned[key] = ChangeWritten(text, linked)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def report_save(
    *,
    draft: PolicyDraftPage,
    author,
    body: str,
    changes: dict[uuid.UUID, ChangeWritten],
    nudge_acknowledged: bool = False,
) -> HeardReport:
    """Save the report as written, published or not. The words pass the same
    screening as a member's (nothing here waits for review, so what it would
    hold is refused with why). Raises PermissionDenied for anyone but the
    organization's staff, ValidationError keyed by field, or Nudge."""
    _write_check(draft=draft, author=author)
    body = clean_plain_text(body)
    if not body:
        raise ValidationError({"body": _("Write what you heard before saving.")})
    if len(body) > REPORT_MAX_LENGTH:
        raise ValidationError(
            {"body": _("Keep this under %(limit)d characters.") % {"limit": REPORT_MAX_LENGTH}}
        )
    cleaned = _changes_clean(draft, changes)
    write_screen(
        author=author,
        action=WRITE_ACTION,
        fields={
            "body": body,
            **{change_field(key): change.what_changed for key, change in cleaned.items()},
        },
        nudge_acknowledged=nudge_acknowledged,
        can_hold=False,
    )
    report, _created = HeardReport.objects.select_for_update().get_or_create(
        draft=draft, defaults={"body": body}
    )
    report.body = body
    report.body_html = render_markdown(body)
    report.save()
    for key, change in cleaned.items():
        if not change.what_changed:
            SectionChange.objects.filter(report=report, section_key=key).delete()
            continue
        section_change, _created = SectionChange.objects.update_or_create(
            report=report, section_key=key, defaults={"what_changed": change.what_changed}
        )
        section_change.because_of.set(change.because_of)
    return report


@transaction.atomic
def report_publish(*, report: HeardReport, by) -> bool:
    """Publish the report, once: everyone who took part with an account is
    told, and the reminder moderators had about it closes. Publishing again
    changes nothing; edits after publishing show as an update. Returns
    whether this call published it."""
    _write_check(draft=report.draft, author=by)
    now = timezone.now()
    published = HeardReport.objects.filter(pk=report.pk, published_at__isnull=True).update(
        published_at=now, updated_at=now, published_by=by
    )
    if not published:
        return False
    report.published_at = report.updated_at = now
    report.published_by = by
    draft = report.draft
    notify(
        recipients=sorted(participant_ids(draft)),
        kind=NotificationKind.CONSULTATION,
        summary=_("An organization published what it heard from a consultation you took part in."),
        url=draft.url + draft.reverse_subpage("report_page"),
        sensitive=False,
        actor=by,
    )
    reminders = QueueItem.objects.open().filter(
        kind=REPORT_OVERDUE.key,
        content_type=ContentType.objects.get_for_model(PolicyDraftPage),
        object_id=draft.pk,
    )
    for item in reminders:
        queue_item_close(item=item, outcome=_("The organization published its report."))
    return True
