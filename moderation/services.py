"""Moderation's rules: flags, decisions, votes, appeals and restrictions.

Views and tasks call these; each writes what it decides to the moderation
log (a ModerationAction) and tells the people concerned.
"""

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import PEER_MODERATORS_GROUP, is_peer_moderator
from core.text import clean_plain_text

from . import queue
from .models import (
    ActionKind,
    Appeal,
    AppealStatus,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    ModerationState,
    QueueItem,
    QueueStatus,
    QueueVote,
    VoteChoice,
)
from .models.decisions import NEVER_PUBLIC, ActorRole
from .ratelimits import rate_limit_check, rate_limit_record
from .signals import member_notice

# A suspension "until lifted" ends on this date.
UNTIL_LIFTED = datetime(9999, 12, 31, tzinfo=UTC)
SILENCE_DAYS = (1, 3, 7, 30)
SUSPEND_DAYS = (7, 30, 90, 365)
REASON_MAX_LENGTH = 300


class ContentDecision:
    KEEP = "keep"
    HIDE = "hide"
    DELETE = "delete"
    EDIT = "edit"
    choices = (KEEP, HIDE, DELETE, EDIT)


# ---- small shared pieces -------------------------------------------------


def _subject_filter(subject) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": subject.pk,
    }


def _clean_reason(reason: str, *, field: str = "reason") -> str:
    reason = " ".join(clean_plain_text(reason).split())
    if not reason:
        raise ValidationError({field: _("Give a reason. The member and the public log see it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX_LENGTH}}
        )
    return reason


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


def _set_state(content, state: str, reason: str = "") -> None:
    content.set_moderation_state(state, reason=reason[:200])
    content.save()
    content.moderation_state_changed()


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
    NEVER_PUBLIC stay out of the public log whatever `is_public` says."""
    record = ModerationAction.objects.create(
        actor=actor,
        actor_role=role,
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        target_user=target_user,
        reason=reason[:REASON_MAX_LENGTH],
        private_note=private_note,
        detail=detail or {},
        item=item,
        is_public=is_public and action not in NEVER_PUBLIC,
    )
    if notify and target_user is not None and target_user != actor:
        member_notice.send(
            sender=ModerationAction, recipient_ids=[target_user.pk], action=record, item=None
        )
    return record


def queue_item_open(
    *, kind: str, subject, member=None, summary: str = "", priority: int | None = None
) -> QueueItem:
    """The open item of this kind for `subject`, created if there is none."""
    kind_info = queue.KINDS[kind]
    lookup = {"kind": kind, "status": QueueStatus.OPEN, **_subject_filter(subject)}
    item = QueueItem.objects.filter(**lookup).first()
    if item is not None:
        return item
    try:
        with transaction.atomic():
            return QueueItem.objects.create(
                **lookup,
                member=member,
                summary=summary[:300],
                priority=kind_info.priority if priority is None else priority,
            )
    except IntegrityError:
        return QueueItem.objects.get(**lookup)


def queue_item_close(*, item: QueueItem, by=None, outcome: str) -> None:
    item.status = QueueStatus.RESOLVED
    item.resolved_at = timezone.now()
    item.resolved_by = by
    item.outcome = outcome[:200]
    item.save(update_fields=["status", "resolved_at", "resolved_by", "outcome"])


def _flags_resolve(content, resolution: str, *, care: bool = False) -> None:
    flags = Flag.objects.filter(**_subject_filter(content), resolution=FlagResolution.OPEN)
    flags = (
        flags.filter(reason=FlagReason.DANGER) if care else flags.exclude(reason=FlagReason.DANGER)
    )
    flags.update(resolution=resolution, resolved_at=timezone.now())


def _content_keep(content, *, releases_hold: bool) -> None:
    """Content found fine: what flags hid comes back (and the hides that hid it
    stop standing), the flags are dismissed. What screening held comes back only
    when `releases_hold`: the held item's own decision."""
    if content.is_hidden or (content.is_held and releases_hold):
        _set_state(content, ModerationState.VISIBLE)
        ModerationAction.objects.filter(
            **_subject_filter(content), action__in=HIDING_ACTIONS, reversed_at__isnull=True
        ).update(reversed_at=timezone.now())
    _flags_resolve(content, FlagResolution.DISMISSED)


def items_close_for(content, *, outcome: str) -> None:
    """Close every open item about `content`, e.g. once its author deleted it."""
    for item in QueueItem.objects.open().filter(**_subject_filter(content)):
        queue_item_close(item=item, outcome=outcome)


def _leading_reason(content) -> str:
    """The reason that carries most weight among the open flags."""
    weights: Counter = Counter()
    for reason, weight in Flag.objects.filter(
        **_subject_filter(content), resolution=FlagResolution.OPEN
    ).values_list("reason", "weight"):
        weights[reason] += weight or 0.01
    if not weights:
        return ""
    return str(FlagReason(weights.most_common(1)[0][0]).label)


# ---- flags ---------------------------------------------------------------


def flagger_accuracy(user) -> float:
    """Between 0.5 and 1.5: starts at 1, rises as flags are upheld, falls as
    they are dismissed."""
    counts = Flag.objects.filter(flagger=user).aggregate(
        upheld=Count("pk", filter=Q(resolution=FlagResolution.UPHELD)),
        dismissed=Count("pk", filter=Q(resolution=FlagResolution.DISMISSED)),
    )
    upheld, dismissed = counts["upheld"], counts["dismissed"]
    return min(1.5, max(0.5, 0.5 + (upheld + 1) / (upheld + dismissed + 2)))


def flag_weight(user) -> float:
    if is_peer_moderator(user):
        base = settings.MODERATION_MODERATOR_FLAG_WEIGHT
    else:
        base = 1 + user.trust_level
    return round(base * flagger_accuracy(user), 2)


def flag_note_check(*, flagger, reason: str, note: str) -> str:
    """What every flag needs, whatever is flagged: a signed-in member who may
    write, a known reason, and words when the reason is "other". Returns the
    note as it will be kept."""
    if not flagger.is_authenticated:
        raise PermissionDenied(_("Log in to flag."))
    if flagger.is_silenced:
        raise PermissionDenied(_("You can't flag while your account is silenced."))
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    note = " ".join(clean_plain_text(note).split())[:500]
    if reason == FlagReason.OTHER and not note:
        raise ValidationError({"note": _("Say in a few words what's wrong.")})
    return note


@transaction.atomic
def flag_create(*, content, flagger, reason: str, note: str = "") -> Flag:
    """Flag `content`. When the flags' weight reaches the hide threshold the
    content is hidden in this same transaction and its author told why.

    "Someone may be in danger" never hides: it opens a care item instead.
    """
    note = flag_note_check(flagger=flagger, reason=reason, note=note)
    author = content.moderation_author
    if author is not None and author.pk == flagger.pk:
        raise ValidationError(
            {"reason": _("You can't flag what you wrote. You can edit or delete it.")}
        )
    # Lock the content row: two flags arriving together must not both miss the threshold.
    content = type(content)._default_manager.select_for_update().get(pk=content.pk)
    if not content.is_visible:
        raise ValidationError({"reason": _("This is already waiting for review.")})
    subject = _subject_filter(content)
    if Flag.objects.filter(**subject, flagger=flagger).exists():
        raise ValidationError(
            {"reason": _("You already flagged this. Thank you: a peer will look at it.")}
        )
    rate_limit_check(flagger, "flag")
    weight = 0 if reason == FlagReason.DANGER else flag_weight(flagger)
    flag = Flag.objects.create(
        **subject, flagger=flagger, author=author, reason=reason, note=note, weight=weight
    )
    rate_limit_record(flagger, "flag")

    if reason == FlagReason.DANGER:
        already_open = QueueItem.objects.open().filter(kind=queue.CARE.key, **subject).exists()
        item = queue_item_open(kind=queue.CARE.key, subject=content, member=author)
        if not already_open:
            member_notice.send(
                sender=QueueItem, recipient_ids=moderator_ids(), action=None, item=item
            )
        return flag

    item = queue_item_open(kind=queue.FLAGGED.key, subject=content, member=author)
    score = (
        Flag.objects.filter(**subject, resolution=FlagResolution.OPEN).aggregate(
            total=Sum("weight")
        )["total"]
        or 0
    )
    item.score = round(score, 2)
    item.save(update_fields=["score"])

    trusted_spam_flag = (
        reason == FlagReason.SPAM
        and author is not None
        and author.trust_level == 0
        and (flagger.trust_level >= queue.TRUSTED_LEVEL or is_peer_moderator(flagger))
    )
    if score >= settings.MODERATION_HIDE_THRESHOLD or trusted_spam_flag:
        leading = _leading_reason(content)
        _set_state(
            content,
            ModerationState.HIDDEN,
            _("Hidden by the community, pending review: %(reason)s") % {"reason": leading},
        )
        action_record(
            action=ActionKind.COMMUNITY_HIDE,
            role=ActorRole.COMMUNITY,
            reason=leading,
            target=content,
            target_user=author,
            item=item,
        )
    if reason == FlagReason.SPAM and author is not None:
        _silence_for_spam(author)
    return flag


def _silence_for_spam(author) -> None:
    """Spam flags from enough different members silence a new account until a
    moderator looks at it."""
    if author.trust_level > 0 or author.is_silenced or is_peer_moderator(author):
        return
    # Only members past level 0 count, so a few throwaway accounts can't
    # silence a newcomer.
    flaggers = (
        Flag.objects.filter(
            author=author,
            reason=FlagReason.SPAM,
            flagger__isnull=False,
            flagger__trust_level__gte=1,
        )
        .exclude(resolution=FlagResolution.DISMISSED)
        .values("flagger")
        .distinct()
        .count()
    )
    if flaggers < settings.MODERATION_SPAM_SILENCE_FLAGGERS:
        return
    author.silenced_until = UNTIL_LIFTED
    author.save(update_fields=["silenced_until"])
    item = queue_item_open(kind=queue.ACCOUNT.key, subject=author, member=author)
    action_record(
        action=ActionKind.COMMUNITY_SILENCE,
        role=ActorRole.COMMUNITY,
        reason=_("Spam flags from %(count)d members") % {"count": flaggers},
        target_user=author,
        item=item,
    )


def flag_system(*, content, reason: str) -> Flag:
    """Screening found something worth a look: a flag with no weight that puts
    the content in the queue without hiding it."""
    subject = _subject_filter(content)
    flag = Flag.objects.create(
        **subject,
        flagger=None,
        author=content.moderation_author,
        reason=FlagReason.OTHER,
        note=reason[:500],
        weight=0,
    )
    queue_item_open(kind=queue.FLAGGED.key, subject=content, member=content.moderation_author)
    return flag


def hold_record(*, content, reason: str, moderators_only: bool = False) -> QueueItem:
    """Content was saved held; put it in the queue with why. Something that may
    identify a person (`moderators_only`) is shown to peer moderators alone."""
    item = queue_item_open(
        kind=queue.HELD.key,
        subject=content,
        member=content.moderation_author,
        summary=reason,
    )
    if moderators_only:
        # Any other open item about it (a flag, say) must not show it to voters.
        QueueItem.objects.open().filter(**_subject_filter(content)).update(moderators_only=True)
        item.moderators_only = True
    return item


# ---- decisions on content ------------------------------------------------


def _content_item(item: QueueItem):
    if not item.is_open:
        raise ValidationError(_("Someone already dealt with this item."))
    if item.kind not in (queue.FLAGGED.key, queue.HELD.key):
        raise ValidationError(_("That decision doesn't apply to this item."))
    return item.subject


GONE = _("The content no longer exists, so the item is closed.")


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
    reason = _clean_reason(reason)
    if decision not in ContentDecision.choices:
        raise ValidationError({"decision": _("Choose what to do.")})
    author = content.moderation_author
    was_visible = content.is_visible
    was_held = item.kind == queue.HELD.key
    detail = {"previous_state": content.moderation_state}

    if decision == ContentDecision.KEEP:
        _content_keep(content, releases_hold=was_held)
        action = ActionKind.APPROVE if was_held else ActionKind.KEEP
    elif decision == ContentDecision.HIDE:
        _set_state(
            content,
            ModerationState.HIDDEN,
            _("Hidden by a peer moderator: %(reason)s") % {"reason": reason},
        )
        _flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.HIDE
    elif decision == ContentDecision.DELETE:
        _set_state(
            content,
            ModerationState.DELETED,
            _("Removed by a peer moderator: %(reason)s") % {"reason": reason},
        )
        _flags_resolve(content, FlagResolution.UPHELD)
        action = ActionKind.DELETE
    else:
        text = clean_plain_text(text)
        if not text:
            raise ValidationError({"text": _("Write the edited text.")})
        if not content.moderation_keeps_revisions:
            detail["previous_text"] = content.moderation_text()
        content.moderation_edit(editor=moderator, text=text)
        if not content.is_visible:
            _set_state(content, ModerationState.VISIBLE)
        _flags_resolve(content, FlagResolution.UPHELD)
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
        reason=_clean_reason(reason),
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
        _content_keep(content, releases_hold=item.kind == queue.HELD.key)
        action = ActionKind.VOTE_KEEP
    else:
        reason = _leading_reason(content) or _("Held by screening")
        _set_state(
            content,
            ModerationState.HIDDEN,
            _("Hidden after review by trusted members: %(reason)s") % {"reason": reason},
        )
        _flags_resolve(content, FlagResolution.UPHELD)
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


# ---- decisions on people -------------------------------------------------


def _person_target(member, moderator) -> None:
    require_moderator(moderator)
    if member.pk == moderator.pk or is_peer_moderator(member):
        raise PermissionDenied(_("Moderators can't act on themselves or other moderators here."))


def _close_account_items(member, moderator, outcome: str, item: QueueItem | None) -> None:
    items = QueueItem.objects.open().filter(kind=queue.ACCOUNT.key, **_subject_filter(member))
    for open_item in items:
        queue_item_close(item=open_item, by=moderator, outcome=outcome)
    if item is not None and item.is_open:
        queue_item_close(item=item, by=moderator, outcome=outcome)


@transaction.atomic
def member_warn(*, member, moderator, reason: str, note: str = "", item=None) -> ModerationAction:
    """A private word with a member; the log shows only that a warning was given."""
    _person_target(member, moderator)
    reason = _clean_reason(reason)
    note = clean_plain_text(note)[:2000]
    record = action_record(
        action=ActionKind.WARN,
        actor=moderator,
        reason=reason,
        target_user=member,
        private_note=note,
        item=item,
    )
    if item is not None and item.is_open and item.kind == queue.ACCOUNT.key:
        _close_account_items(member, moderator, record.get_action_display(), item)
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
    _close_account_items(member, moderator, record.get_action_display(), item)
    return record


@transaction.atomic
def member_silence(*, member, moderator, days: int, reason: str, item=None) -> ModerationAction:
    """Read-only for a number of days: no posts, reactions or flags."""
    _person_target(member, moderator)
    reason = _clean_reason(reason)
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
    reason = _clean_reason(reason)
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
    reason = _clean_reason(reason)
    if not (member.is_silenced or member.is_suspended):
        raise ValidationError(_("This member isn't silenced or suspended."))
    member.silenced_until = None
    member.suspended_until = None
    member.save(update_fields=["silenced_until", "suspended_until"])
    record = action_record(
        action=ActionKind.LIFT, actor=moderator, reason=reason, target_user=member, item=item
    )
    _close_account_items(member, moderator, record.get_action_display(), item)
    return record


# ---- care ----------------------------------------------------------------


@transaction.atomic
def care_close(*, item: QueueItem, moderator, note: str) -> ModerationAction:
    """A moderator followed up on "someone may be in danger". Private: care is
    never published in the log."""
    require_moderator(moderator)
    item = QueueItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_open or item.kind != queue.CARE.key:
        raise ValidationError(_("Someone already dealt with this item."))
    note = _clean_reason(note, field="note")
    content = item.subject
    if content is not None:
        _flags_resolve(content, FlagResolution.CARED_FOR, care=True)
    record = action_record(
        action=ActionKind.CARE,
        actor=moderator,
        reason=note,
        target=content,
        item=item,
        notify=False,
    )
    queue_item_close(item=item, by=moderator, outcome=_("Followed up"))
    return record


# ---- appeals -------------------------------------------------------------

# How to undo each kind of decision when an appeal reverses it. Apps that log
# their own decisions (the forum's thread tools) add theirs with reverser_register.
REVERSERS: dict[str, Callable] = {}


def reverser_register(*actions: str):
    def register(function: Callable) -> Callable:
        for action in actions:
            REVERSERS[action] = function
        return function

    return register


HIDING_ACTIONS = (
    ActionKind.HIDE,
    ActionKind.DELETE,
    ActionKind.COMMUNITY_HIDE,
    ActionKind.VOTE_HIDE,
)


@reverser_register(*HIDING_ACTIONS)
def _restore_content(record: ModerationAction, moderator) -> None:
    content = record.target
    if content is None:
        return
    if not content.is_visible:
        _set_state(content, ModerationState.VISIBLE)
    subject = _subject_filter(content)
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
    _close_account_items(member, moderator, _("Lifted on appeal"), None)


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
    reason = _clean_reason(reason)
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
    item = QueueItem.objects.open().filter(kind=queue.APPEAL.key, **_subject_filter(appeal)).first()
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


# ---- the queue's clock ---------------------------------------------------


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
                member_notice.send(
                    sender=QueueItem, recipient_ids=recipients, action=None, item=item
                )
    return len(waiting)
