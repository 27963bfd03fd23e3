"""Decisions on flagged and held content: a peer moderator's keep, hide,
delete or edit, and trusted members' votes."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import is_peer_moderator
from core.text import clean_plain_text

from .. import queue
from ..models import (
    ActionKind,
    FlagResolution,
    ModerationAction,
    ModerationState,
    QueueItem,
    QueueVote,
    VoteChoice,
)
from ..models.decisions import ActorRole
from .records import (
    action_record,
    content_keep,
    content_state_set,
    flags_resolve,
    leading_reason,
    queue_item_close,
    reason_clean,
    require_moderator,
)


class ContentDecision:
    KEEP = "keep"
    HIDE = "hide"
    DELETE = "delete"
    EDIT = "edit"
    choices = (KEEP, HIDE, DELETE, EDIT)


def _content_item(item: QueueItem):
    if not item.is_open:
        raise ValidationError(_("Someone already dealt with this item."))
    if item.kind not in (queue.FLAGGED.key, queue.HELD.key):
        raise ValidationError(_("That decision doesn't apply to this item."))
    return item.subject


GONE = gettext_lazy("The content no longer exists, so the item is closed.")


@transaction.atomic
def content_decide(
    *, item: QueueItem, moderator, decision: str, reason: str, text: str = ""
) -> ModerationAction | None:
    """A peer moderator decides a flagged or held item: keep, hide, delete, or
    edit. One moderator's decision is final (until appealed). Returns None, and
    closes the item, when the content is gone."""
    require_moderator(moderator)
    item = QueueItem.objects.select_for_update().get(pk=item.pk)
    content = _content_item(item)
    if content is None:
        queue_item_close(item=item, by=moderator, outcome=str(GONE))
        return None
    reason = reason_clean(reason)
    if decision not in ContentDecision.choices:
        raise ValidationError({"decision": _("Choose what to do.")})
    author = content.moderation_author
    was_visible = content.is_visible
    was_held = item.kind == queue.HELD.key
    detail = {"previous_state": content.moderation_state}

    if decision == ContentDecision.KEEP:
        content_keep(content, releases_hold=was_held)
        action = ActionKind.APPROVE if was_held else ActionKind.KEEP
    elif decision == ContentDecision.HIDE:
        content_state_set(
            content,
            ModerationState.HIDDEN,
            _("Hidden by a peer moderator: %(reason)s") % {"reason": reason},
        )
        flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.HIDE
    elif decision == ContentDecision.DELETE:
        content_state_set(
            content,
            ModerationState.DELETED,
            _("Removed by a peer moderator: %(reason)s") % {"reason": reason},
        )
        flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.DELETE
    else:
        text = clean_plain_text(text)
        if not text:
            raise ValidationError({"text": _("Write the edited text.")})
        if not content.moderation_keeps_revisions:
            detail["previous_text"] = content.moderation_text()
        content.moderation_edit(editor=moderator, text=text)
        if not content.is_visible:
            content_state_set(content, ModerationState.VISIBLE)
        flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.EDIT

    record = action_record(
        action=action,
        actor=moderator,
        reason=reason,
        target=content,
        target_user=author,
        item=item,
        detail=detail,
        # Nobody needs telling that flags on their post were dismissed.
        notify=not (action == ActionKind.KEEP and was_visible),
    )
    queue_item_close(item=item, by=moderator, outcome=record.get_action_display())
    return record


@transaction.atomic
def moderator_edit_record(*, content, moderator, reason: str) -> ModerationAction:
    """Log a peer moderator's direct change to someone else's words, the way
    the queue's edit decision is logged: with a reason, in the public log, the
    author told and able to appeal. Call it right after the edit, inside the
    same transaction: an appeal puts back the revision saved before this record."""
    require_moderator(moderator)
    return action_record(
        action=ActionKind.EDIT,
        actor=moderator,
        reason=reason_clean(reason),
        target=content,
        target_user=content.moderation_author,
    )


@transaction.atomic
def vote_cast(*, item: QueueItem, voter, choice: str) -> QueueItem:
    """A trusted member votes to keep or hide. Enough concordant votes decide,
    as the community."""
    item = QueueItem.objects.select_for_update().get(pk=item.pk)
    kind = queue.kind_of(item)
    if (
        not (kind.takes_votes and kind.may_view(voter))
        or is_peer_moderator(voter)
        or item.moderators_only
    ):
        raise PermissionDenied(_("You can't vote on this item."))
    if item.member_id == voter.pk:
        raise PermissionDenied(_("You can't vote on your own post."))
    content = _content_item(item)
    if content is None:
        raise ValidationError(GONE)
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose keep or hide.")})
    try:
        with transaction.atomic():
            QueueVote.objects.create(item=item, voter=voter, choice=choice)
    except IntegrityError as error:
        raise ValidationError(_("You already voted on this item.")) from error
    agreeing = item.votes.filter(choice=choice).count()
    if agreeing < settings.MODERATION_TRUSTED_VOTES:
        return item
    author = content.moderation_author
    was_visible = content.is_visible
    if choice == VoteChoice.KEEP:
        reason = _("Trusted members found nothing wrong")
        content_keep(content, releases_hold=item.kind == queue.HELD.key)
        action = ActionKind.VOTE_KEEP
    else:
        reason = leading_reason(content) or _("Held by screening")
        content_state_set(
            content,
            ModerationState.HIDDEN,
            _("Hidden after review by trusted members: %(reason)s") % {"reason": reason},
        )
        flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.VOTE_HIDE
    action_record(
        action=action,
        role=ActorRole.COMMUNITY,
        reason=reason,
        target=content,
        target_user=author,
        item=item,
        notify=not (action == ActionKind.VOTE_KEEP and was_visible),
    )
    queue_item_close(item=item, outcome=str(ActionKind(action).label))
    return item
