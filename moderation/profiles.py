"""Members' public profiles, moderated like what they write.

accounts sits below moderation, so its Profile can't inherit Moderated.
Moderation speaks for it instead: `ProfileSubject` gives a profile the parts
of the subject contract the flag page and the queue read, a queue kind holds
profile flags, and a moderator's decision clears the bio or pronouns, logged
and appealable like any other. accounts never imports any of this.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Profile

from . import queue
from .models import (
    ActionKind,
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    ModerationSubject,
    QueueItem,
)
from .ratelimits import rate_limit_check, rate_limit_record
from .services.appeals import reverser_register
from .services.flags import flag_note_check, flag_weight
from .services.records import (
    action_record,
    flags_resolve,
    queue_item_close,
    queue_item_open,
    reason_clean,
    require_moderator,
)

# The words on a profile a moderator can clear, and what each is called.
PROFILE_WORDS = {"bio": gettext_lazy("About them"), "pronouns": gettext_lazy("Pronouns")}


class ProfileSubject(ModerationSubject):
    """One member's profile, as moderation sees content."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.pk = profile.pk

    is_visible = True

    @classmethod
    def moderation_queryset(cls):
        return Profile.objects.select_related("user")

    @property
    def moderation_author(self):
        return self.profile.user

    def moderation_label(self) -> str:
        return _("The profile of %(handle)s") % {"handle": self.profile.user.username}

    def moderation_html(self) -> str:
        parts = []
        if self.profile.pronouns:
            parts.append(
                format_html(
                    "<p><strong>{}</strong> {}</p>",
                    PROFILE_WORDS["pronouns"],
                    self.profile.pronouns,
                )
            )
        if self.profile.bio:
            parts.append(linebreaks(self.profile.bio, autoescape=True))
        return "".join(parts) or format_html("<p>{}</p>", _("The profile has no words on it now."))

    def moderation_can_view(self, user) -> bool:
        # Profiles are for signed-in members only.
        return user.is_authenticated

    def get_absolute_url(self) -> str:
        return self.profile.user.get_absolute_url()

    @property
    def has_words(self) -> bool:
        return bool(self.profile.bio or self.profile.pronouns)


PROFILE = queue.kind_register(
    queue.QueueKind(
        "profile",
        gettext_lazy("Profiles"),
        gettext_lazy(
            "Members flagged what someone wrote on their profile. Clear the words "
            "that break the guidelines, or keep them."
        ),
        priority=0,
        template="moderation/items/profile.html",
        context=lambda item, user: profile_item_context(item),
    )
)


def profile_item_context(item: QueueItem) -> dict:
    from .forms import ProfileDecisionForm

    profile = item.subject
    flags = list(
        Flag.objects.filter(
            content_type_id=item.content_type_id, object_id=item.object_id
        ).select_related("flagger")
    )
    return {
        "profile_subject": ProfileSubject(profile) if profile is not None else None,
        "flags": flags,
        "profile_form": ProfileDecisionForm(),
    }


def _profile_filter(profile: Profile) -> dict:
    return {"content_type": ContentType.objects.get_for_model(Profile), "object_id": profile.pk}


@transaction.atomic
def profile_flag_create(*, profile: Profile, flagger, reason: str, note: str = "") -> Flag:
    """Flag what a member wrote on their profile. It goes to peer moderators:
    a profile is never hidden by flags, only its words cleared by a person."""
    note = flag_note_check(flagger=flagger, reason=reason, note=note)
    if profile.user_id == flagger.pk:
        raise ValidationError({"reason": _("You can't flag your own profile. You can edit it.")})
    subject = _profile_filter(profile)
    if Flag.objects.filter(**subject, flagger=flagger).exists():
        raise ValidationError(
            {"reason": _("You already flagged this. Thank you: a peer will look at it.")}
        )
    rate_limit_check(flagger, "flag")
    flag = Flag.objects.create(
        **subject,
        flagger=flagger,
        author=profile.user,
        reason=reason,
        note=note,
        weight=flag_weight(flagger),
    )
    rate_limit_record(flagger, "flag")
    queue_item_open(
        kind=PROFILE.key,
        subject=profile,
        member=profile.user,
        summary=_("The profile of %(handle)s") % {"handle": profile.user.username},
        # "Someone may be in danger" comes first, as care does.
        priority=queue.CARE.priority if reason == FlagReason.DANGER else None,
    )
    return flag


@transaction.atomic
def profile_decide(
    *, item: QueueItem, moderator, clear: list[str], reason: str
) -> ModerationAction | None:
    """A peer moderator clears the flagged words (`clear`: "bio", "pronouns"),
    or keeps them all (`clear` empty). Clearing is logged, the member told and
    able to appeal; an appeal puts the words back."""
    require_moderator(moderator)
    item = QueueItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_open or item.kind != PROFILE.key:
        raise ValidationError(_("Someone already dealt with this item."))
    reason = reason_clean(reason)
    if any(field not in PROFILE_WORDS for field in clear):
        raise ValidationError({"clear": _("Choose from the list.")})
    profile = Profile.objects.select_for_update().select_related("user").get(pk=item.object_id)
    if not clear:
        flags_resolve(profile, FlagResolution.DISMISSED)
        queue_item_close(item=item, by=moderator, outcome=str(ActionKind.KEEP.label))
        return action_record(
            action=ActionKind.KEEP,
            actor=moderator,
            reason=reason,
            target=profile,
            target_user=profile.user,
            item=item,
            # Nobody needs telling that flags on their profile were dismissed.
            notify=False,
        )
    earlier = {field: getattr(profile, field) for field in clear}
    for field in clear:
        setattr(profile, field, "")
    profile.save(update_fields=clear)
    flags_resolve(profile, FlagResolution.UPHELD)
    record = action_record(
        action=ActionKind.PROFILE_CLEAR,
        actor=moderator,
        reason=reason,
        target=profile,
        target_user=profile.user,
        item=item,
        detail={"earlier": earlier},
    )
    queue_item_close(item=item, by=moderator, outcome=record.get_action_display())
    return record


@reverser_register(ActionKind.PROFILE_CLEAR)
def _profile_words_back(record: ModerationAction, moderator) -> None:
    """Put back the words a moderator cleared, unless the member wrote new ones since."""
    profile = Profile.objects.filter(pk=record.object_id).first()
    if profile is None:
        return
    restored = [
        field
        for field, words in record.detail.get("earlier", {}).items()
        if field in PROFILE_WORDS and not getattr(profile, field)
    ]
    for field in restored:
        setattr(profile, field, record.detail["earlier"][field])
    if restored:
        profile.save(update_fields=restored)
