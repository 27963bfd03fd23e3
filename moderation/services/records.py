"""What every decision shares: the log record, queue items opened and closed,
a content's state set, and the checks a moderator's action starts with."""

from collections import Counter
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import PEER_MODERATORS_GROUP, is_peer_moderator
from core.text import clean_plain_text, text_fit
from notifications import services as inbox
from notifications.models import NotificationKind

from .. import queue
from ..models import (
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    ModerationState,
    ModerationSubject,
    QueueItem,
    QueueStatus,
)
from ..models.decisions import NEVER_PUBLIC, REASON_MAX_LENGTH, ActorRole
from ..models.queue import SUMMARY_MAX_LENGTH

# A suspension "until lifted" ends on this date.
UNTIL_LIFTED = datetime(9999, 12, 31, tzinfo=UTC)

# Decisions that take content out of view; keeping or restoring the content
# means these stop standing.
HIDING_ACTIONS = (
    ActionKind.HIDE,
    ActionKind.DELETE,
    ActionKind.COMMUNITY_HIDE,
    ActionKind.VOTE_HIDE,
)


def subject_filter(subject) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": subject.pk,
    }


def reason_clean(reason: str, *, field: str = "reason") -> str:
    reason = " ".join(clean_plain_text(reason).split())
    if not reason:
        raise ValidationError({field: _("Give a reason. The member and the public log see it.")})
    reason_length_check(reason, field=field)
    return reason


def reason_length_check(reason: str, *, field: str = "reason") -> None:
    """Refuse a reason longer than the log keeps; it is never cut."""
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX_LENGTH}}
        )


def require_moderator(user) -> None:
    if not is_peer_moderator(user):
        raise PermissionDenied(_("Only peer moderators can do this."))


def moderator_ids() -> list[int]:
    users = get_user_model().objects.filter(is_active=True)
    return list(
        users.filter(Q(groups__name=PEER_MODERATORS_GROUP) | Q(is_superuser=True))
        .distinct()
        .values_list("pk", flat=True)
    )


def content_state_set(content, state: str, reason: str = "") -> None:
    content.set_moderation_state(state, reason=reason)
    content.save()
    content.moderation_state_changed()
    inbox.unread_counts_forget_about(content)


def action_record(
    *,
    action: str,
    reason: str,
    actor=None,
    role: str = ActorRole.MODERATOR,
    target=None,
    target_user=None,
    item: QueueItem | None = None,
    detail: dict | None = None,
    private_note: str = "",
    is_public: bool = True,
    notify: bool = True,
) -> ModerationAction:
    """Write one decision to the log and tell the member it concerns. Kinds in
    NEVER_PUBLIC stay out of the public log whatever `is_public` says. A
    reason longer than the log keeps is refused, not cut."""
    reason_length_check(reason)
    record = ModerationAction.objects.create(
        actor=actor,
        actor_role=role,
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        target_user=target_user,
        reason=reason,
        private_note=private_note,
        detail=detail or {},
        item=item,
        is_public=is_public and action not in NEVER_PUBLIC,
    )
    if notify and target_user is not None and target_user != actor:
        # The site's own words about a decision: nothing a member wrote.
        inbox.notify(
            recipients=[target_user],
            kind=NotificationKind.MODERATION,
            summary=record.member_message,
            url=reverse("moderation:decision", kwargs={"pk": record.pk}),
            sensitive=False,
            moderation_action=record,
        )
    return record


def queue_item_open(
    *, kind: str, subject, member=None, summary: str = "", priority: int | None = None
) -> QueueItem:
    """The open item of this kind for `subject`, created if there is none;
    for peer moderators alone when the subject says so (a member or a
    profile, which aren't subjects, never does)."""
    kind_info = queue.KINDS[kind]
    lookup = {"kind": kind, "status": QueueStatus.OPEN, **subject_filter(subject)}
    item = QueueItem.objects.filter(**lookup).first()
    if item is not None:
        return item
    try:
        with transaction.atomic():
            return QueueItem.objects.create(
                **lookup,
                member=member,
                summary=text_fit(summary, SUMMARY_MAX_LENGTH),
                priority=kind_info.priority if priority is None else priority,
                moderators_only=isinstance(subject, ModerationSubject)
                and subject.moderation_moderators_only,
            )
    except IntegrityError:
        return QueueItem.objects.get(**lookup)


def queue_item_close(*, item: QueueItem, by=None, outcome: str) -> None:
    item.status = QueueStatus.RESOLVED
    item.resolved_at = timezone.now()
    item.resolved_by = by
    item.outcome = outcome
    item.save(update_fields=["status", "resolved_at", "resolved_by", "outcome"])


def flags_resolve(content, resolution: str, *, care: bool = False) -> None:
    flags = Flag.objects.filter(**subject_filter(content), resolution=FlagResolution.OPEN)
    flags = (
        flags.filter(reason=FlagReason.DANGER) if care else flags.exclude(reason=FlagReason.DANGER)
    )
    flags.update(resolution=resolution, resolved_at=timezone.now())


def content_keep(content, *, releases_hold: bool) -> None:
    """Content found fine: what flags hid comes back (and the hides that hid it
    stop standing), the flags are dismissed. What screening held comes back only
    when `releases_hold`: the held item's own decision."""
    if content.is_hidden or (content.is_held and releases_hold):
        content_state_set(content, ModerationState.VISIBLE)
        ModerationAction.objects.filter(
            **subject_filter(content), action__in=HIDING_ACTIONS, reversed_at__isnull=True
        ).update(reversed_at=timezone.now())
    flags_resolve(content, FlagResolution.DISMISSED)


def items_close_for(content, *, outcome: str) -> None:
    """Close every open item about `content`, e.g. once its author deleted it."""
    for item in QueueItem.objects.open().filter(**subject_filter(content)):
        queue_item_close(item=item, outcome=outcome)


def leading_reason(content) -> str:
    """The reason that carries most weight among the open flags."""
    weights: Counter = Counter()
    for reason, weight in Flag.objects.filter(
        **subject_filter(content), resolution=FlagResolution.OPEN
    ).values_list("reason", "weight"):
        weights[reason] += weight or 0.01
    if not weights:
        return ""
    return str(FlagReason(weights.most_common(1)[0][0]).label)


def account_items_close(member, moderator, outcome: str, item: QueueItem | None) -> None:
    items = QueueItem.objects.open().filter(kind=queue.ACCOUNT.key, **subject_filter(member))
    for open_item in items:
        queue_item_close(item=open_item, by=moderator, outcome=outcome)
    if item is not None and item.is_open:
        queue_item_close(item=item, by=moderator, outcome=outcome)
