"""Appeals: a second moderator upholds or reverses a decision, and each kind
of decision knows how it is undone."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_peer_moderator
from core.text import clean_plain_text

from .. import queue
from ..models import (
    ActionKind,
    Appeal,
    AppealStatus,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    ModerationState,
    QueueItem,
)
from .records import (
    HIDING_ACTIONS,
    account_items_close,
    action_record,
    content_state_set,
    queue_item_close,
    queue_item_open,
    reason_clean,
    require_moderator,
    subject_filter,
)

# How to undo each kind of decision when an appeal reverses it. Apps that log
# their own decisions (the forum's thread tools) add theirs with reverser_register.
REVERSERS: dict[str, Callable] = {}


def reverser_register(*actions: str):
    def register(function: Callable) -> Callable:
        for action in actions:
            REVERSERS[action] = function
        return function

    return register


@reverser_register(*HIDING_ACTIONS)
def _restore_content(record: ModerationAction, moderator) -> None:
    content = record.target
    if content is None:
        return
    if not content.is_visible:
        content_state_set(content, ModerationState.VISIBLE)
    subject = subject_filter(content)
    Flag.objects.filter(**subject).exclude(reason=FlagReason.DANGER).update(
        resolution=FlagResolution.DISMISSED, resolved_at=timezone.now()
    )
    # The content is back: earlier hides of it no longer stand either, and
    # nothing about it waits in the queue.
    ModerationAction.objects.filter(
        **subject, action__in=HIDING_ACTIONS, reversed_at__isnull=True
    ).exclude(pk=record.pk).update(reversed_at=timezone.now())
    for item in QueueItem.objects.open().filter(**subject).exclude(kind=queue.CARE.key):
        queue_item_close(item=item, by=moderator, outcome=_("Restored on appeal"))


@reverser_register(ActionKind.SILENCE, ActionKind.COMMUNITY_SILENCE)
def _unsilence(record: ModerationAction, moderator) -> None:
    member = record.target_user
    member.silenced_until = None
    member.save(update_fields=["silenced_until"])
    if record.action == ActionKind.COMMUNITY_SILENCE:
        # The spam flags were wrong; they mustn't silence the member again.
        Flag.objects.filter(author=member, reason=FlagReason.SPAM).exclude(
            resolution=FlagResolution.DISMISSED
        ).update(resolution=FlagResolution.DISMISSED, resolved_at=timezone.now())
    account_items_close(member, moderator, _("Lifted on appeal"), None)


@reverser_register(ActionKind.SUSPEND)
def _unsuspend(record: ModerationAction, moderator) -> None:
    member = record.target_user
    member.suspended_until = None
    member.save(update_fields=["suspended_until"])


@reverser_register(ActionKind.WARN)
def _withdraw_warning(record: ModerationAction, moderator) -> None:
    """Nothing to undo: the log shows the warning was reversed."""


def can_appeal(record: ModerationAction, user) -> bool:
    return (
        user.is_authenticated
        and record.is_appealable
        and record.target_user_id == user.pk
        and record.reversed_at is None
        and not Appeal.objects.filter(action=record).exists()
    )


@transaction.atomic
def appeal_create(*, action: ModerationAction, appellant, message: str) -> Appeal:
    """Ask for a second look at one decision. Once per decision."""
    if not (action.is_appealable and action.target_user_id == appellant.pk):
        raise PermissionDenied(_("You can only appeal decisions about you or what you wrote."))
    if action.reversed_at is not None:
        raise ValidationError(_("This decision was already reversed."))
    message = clean_plain_text(message)
    if not message:
        raise ValidationError({"message": _("Tell the moderators why they should look again.")})
    if len(message) > 2000:
        raise ValidationError({"message": _("Keep your message under 2,000 characters.")})
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(action=action, appellant=appellant, message=message)
    except IntegrityError as error:
        raise ValidationError(_("You already appealed this decision.")) from error
    queue_item_open(
        kind=queue.APPEAL.key,
        subject=appeal,
        member=appellant,
        summary=_("%(handle)s appeals: %(decision)s")
        % {"handle": appellant.username, "decision": action.get_action_display()},
    )
    return appeal


def can_decide_appeal(appeal: Appeal, user) -> bool:
    """A moderator who neither made the decision nor flagged what it was about."""
    action = appeal.action
    flagged_it = (
        action.content_type_id is not None
        and Flag.objects.filter(
            content_type_id=action.content_type_id, object_id=action.object_id, flagger=user
        ).exists()
    )
    return (
        is_peer_moderator(user)
        and action.actor_id != user.pk
        and appeal.appellant_id != user.pk
        and not flagged_it
    )


@transaction.atomic
def appeal_decide(*, appeal: Appeal, moderator, reverse: bool, reason: str) -> ModerationAction:
    """A moderator other than the one who decided upholds or reverses. A
    reversal undoes the decision and restores the content."""
    require_moderator(moderator)
    appeal = Appeal.objects.select_for_update().select_related("action").get(pk=appeal.pk)
    if not can_decide_appeal(appeal, moderator):
        raise PermissionDenied(_("A different moderator must decide an appeal of your decision."))
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal was already decided."))
    reason = reason_clean(reason)
    original = appeal.action
    now = timezone.now()
    if reverse:
        undo = REVERSERS.get(original.action)
        if undo is None:
            raise ValidationError(_("This kind of decision can't be reversed here."))
        undo(original, moderator)
        original.reversed_at = now
        original.save(update_fields=["reversed_at"])
    appeal.status = AppealStatus.REVERSED if reverse else AppealStatus.UPHELD
    appeal.decided_by = moderator
    appeal.decided_at = now
    appeal.decision_reason = reason
    appeal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    item = QueueItem.objects.open().filter(kind=queue.APPEAL.key, **subject_filter(appeal)).first()
    record = action_record(
        action=ActionKind.APPEAL_REVERSED if reverse else ActionKind.APPEAL_UPHELD,
        actor=moderator,
        reason=reason,
        target=original.target,
        target_user=appeal.appellant,
        item=item,
        detail={"appealed_action": original.pk},
    )
    if item is not None:
        queue_item_close(item=item, by=moderator, outcome=appeal.get_status_display())
    return record
