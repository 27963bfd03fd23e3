"""Flags from members and from screening, their weight, and what happens
when enough of them agree: content hidden, a spam account silenced."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from accounts.roles import is_peer_moderator
from core.text import clean_plain_text
from notifications import services as inbox
from notifications.models import NotificationKind

from .. import queue
from ..models import (
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationState,
    QueueItem,
)
from ..models.decisions import ActorRole
from ..models.queue import FLAG_NOTE_MAX_LENGTH
from ..ratelimits import rate_limit_check, rate_limit_record
from .records import (
    UNTIL_LIFTED,
    action_record,
    content_state_set,
    leading_reason,
    moderator_ids,
    queue_item_open,
    subject_filter,
)


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
    note = " ".join(clean_plain_text(note).split())
    if reason == FlagReason.OTHER and not note:
        raise ValidationError({"note": _("Say in a few words what's wrong.")})
    if len(note) > FLAG_NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note under %(max)d characters.") % {"max": FLAG_NOTE_MAX_LENGTH}}
        )
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
    subject = subject_filter(content)
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
            # Someone's safety is personal: never in a discreet email.
            inbox.notify(
                recipients=moderator_ids(),
                kind=NotificationKind.MODERATION,
                summary=_("Someone may need care. See the review queue."),
                url=item.get_absolute_url(),
                sensitive=True,
                queue_item=item,
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
        leading = leading_reason(content)
        content_state_set(
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
    the content in the queue without hiding it. Screening's reason fits a
    flag's note (moderation.screening.REASON_MAX_LENGTH)."""
    subject = subject_filter(content)
    flag = Flag.objects.create(
        **subject,
        flagger=None,
        author=content.moderation_author,
        reason=FlagReason.OTHER,
        note=reason,
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
        QueueItem.objects.open().filter(**subject_filter(content)).update(moderators_only=True)
        item.moderators_only = True
    return item
