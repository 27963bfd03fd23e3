"""Decisions on members: a private warning, silence (read-only) and
suspension, lifting either early, and the outreach worker role."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import OUTREACH_WORKERS_GROUP, is_outreach_worker, is_peer_moderator
from core.text import clean_plain_text

from .. import queue
from ..models import (
    PRIVATE_NOTE_MAX_LENGTH,
    ActionKind,
    ModerationAction,
)
from .records import (
    UNTIL_LIFTED,
    account_items_close,
    action_record,
    reason_clean,
    require_moderator,
)

SILENCE_DAYS = (1, 3, 7, 30)
SUSPEND_DAYS = (7, 30, 90, 365)


def _person_target(member, moderator) -> None:
    require_moderator(moderator)
    if member.pk == moderator.pk or is_peer_moderator(member):
        raise PermissionDenied(_("Moderators can't act on themselves or other moderators here."))


@transaction.atomic
def member_warn(*, member, moderator, reason: str, note: str = "", item=None) -> ModerationAction:
    """A private word with a member; the log shows only that a warning was given."""
    _person_target(member, moderator)
    reason = reason_clean(reason)
    note = clean_plain_text(note)
    if len(note) > PRIVATE_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Keep the note under %(max)d characters.")
                % {"max": PRIVATE_NOTE_MAX_LENGTH}
            }
        )
    record = action_record(
        action=ActionKind.WARN,
        actor=moderator,
        reason=reason,
        target_user=member,
        private_note=note,
        item=item,
    )
    if item is not None and item.is_open and item.kind == queue.ACCOUNT.key:
        account_items_close(member, moderator, record.get_action_display(), item)
    return record


def _restrict(*, member, moderator, field: str, until, action: str, days, reason, item):
    """Silence or suspend (`field`) until `until`, log it and tell the member."""
    setattr(member, field, until)
    member.save(update_fields=[field])
    record = action_record(
        action=action,
        actor=moderator,
        reason=reason,
        target_user=member,
        item=item,
        detail={"days": days, "until": until.isoformat()},
    )
    account_items_close(member, moderator, record.get_action_display(), item)
    return record


@transaction.atomic
def member_silence(*, member, moderator, days: int, reason: str, item=None) -> ModerationAction:
    """Read-only for a number of days: no posts, reactions or flags."""
    _person_target(member, moderator)
    reason = reason_clean(reason)
    if days not in SILENCE_DAYS:
        raise ValidationError({"days": _("Choose 1, 3, 7 or 30 days.")})
    return _restrict(
        member=member,
        moderator=moderator,
        field="silenced_until",
        until=timezone.now() + timedelta(days=days),
        action=ActionKind.SILENCE,
        days=days,
        reason=reason,
        item=item,
    )


@transaction.atomic
def member_suspend(
    *, member, moderator, days: int | None, reason: str, item=None
) -> ModerationAction:
    """No signing in, for `days` or (None) until a moderator lifts it."""
    _person_target(member, moderator)
    reason = reason_clean(reason)
    if days is not None and days not in SUSPEND_DAYS:
        raise ValidationError({"days": _("Choose a length from the list.")})
    return _restrict(
        member=member,
        moderator=moderator,
        field="suspended_until",
        until=UNTIL_LIFTED if days is None else timezone.now() + timedelta(days=days),
        action=ActionKind.SUSPEND,
        days=days,
        reason=reason,
        item=item,
    )


@transaction.atomic
def member_lift(*, member, moderator, reason: str, item=None) -> ModerationAction:
    """End a silence or suspension early."""
    _person_target(member, moderator)
    reason = reason_clean(reason)
    if not (member.is_silenced or member.is_suspended):
        raise ValidationError(_("This member isn't silenced or suspended."))
    member.silenced_until = None
    member.suspended_until = None
    member.save(update_fields=["silenced_until", "suspended_until"])
    record = action_record(
        action=ActionKind.LIFT, actor=moderator, reason=reason, target_user=member, item=item
    )
    account_items_close(member, moderator, record.get_action_display(), item)
    return record


@transaction.atomic
def member_outreach_set(*, member, moderator, is_worker: bool, reason: str) -> ModerationAction:
    """Mark `member` as an outreach worker (they may enter consultation
    responses gathered in person for people who aren't members), or end it.
    Logged with the reason and told to the member. A moderator can't change
    their own role."""
    require_moderator(moderator)
    if member.pk == moderator.pk:
        raise PermissionDenied(_("Ask another peer moderator to change your own role."))
    reason = reason_clean(reason)
    # One change at a time per member: two moderators pressing together log once.
    member = get_user_model().objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        raise ValidationError(_("This account is closed."))
    if is_outreach_worker(member) == is_worker:
        raise ValidationError(
            _("This member is already an outreach worker.")
            if is_worker
            else _("This member isn't an outreach worker.")
        )
    group, _created = Group.objects.get_or_create(name=OUTREACH_WORKERS_GROUP)
    if is_worker:
        member.groups.add(group)
    else:
        member.groups.remove(group)
    return action_record(
        action=ActionKind.OUTREACH_ADD if is_worker else ActionKind.OUTREACH_REMOVE,
        actor=moderator,
        reason=reason,
        target_user=member,
    )
