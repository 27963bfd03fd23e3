from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import LimitedCharField

from .models import (
    APPEAL_MESSAGE_MAX_LENGTH,
    FLAG_NOTE_MAX_LENGTH,
    PRIVATE_NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    ActionKind,
    FlagReason,
    VoteChoice,
)
from .services import SILENCE_DAYS, SUSPEND_DAYS, ContentDecision

FLAG_HELP = {
    FlagReason.SPAM: _("Ads, scams, or the same thing posted again and again."),
    FlagReason.SOURCING: _("Offers to sell, buy or swap drugs, or asks where to get them."),
    FlagReason.IDENTIFIES: _(
        "A real name, phone number, address, photo or other detail that could identify someone."
    ),
    FlagReason.HARASSMENT: _("Attacks, threats, or shaming someone for how they use drugs."),
    FlagReason.MISINFORMATION: _("Advice that could get someone hurt."),
    FlagReason.DANGER: _(
        "The writer or someone else may be at risk right now. Peers will reach out; "
        "nothing is hidden."
    ),
    FlagReason.OTHER: _("Tell us in the note below."),
}


def day_count(days: int) -> str:
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def nudge_acknowledged(request) -> bool:
    """The writer saw the language nudge (moderation/nudge.html) and chose to
    send their words as written."""
    return request.POST.get("nudge_acknowledged") == "1"


REASON_HELP = _("The member sees this, and so does the public log. Be kind and specific.")
REASON_REQUIRED = {"required": _("Write a short reason. The member will see it.")}


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What's wrong?"),
        choices=[(value, f"{label} — {FLAG_HELP[value]}") for value, label in FlagReason.choices],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason.")},
    )
    note = LimitedCharField(
        label=_("Anything peers should know? (needed for “Something else”)"),
        required=False,
        max_length=FLAG_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": FLAG_NOTE_MAX_LENGTH}),
    )


class ContentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ContentDecision.KEEP, _("Let it show: dismiss the flags, or release what was held")),
            (
                ContentDecision.HIDE,
                _("Hide it: a note says why, and it can come back on appeal"),
            ),
            (
                ContentDecision.DELETE,
                _("Remove it: for serious harm, like doxxing or selling; the note says removed"),
            ),
            (ContentDecision.EDIT, _("Edit it: for example, take out a phone number")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to do.")},
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )
    text = forms.CharField(
        label=_("Edited text (only when editing)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ProfileDecisionForm(forms.Form):
    clear = forms.MultipleChoiceField(
        label=_("Clear"),
        choices=[("bio", _("What they wrote about themselves")), ("pronouns", _("Their pronouns"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave both unticked to keep the profile as it is."),
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(choices=VoteChoice.choices)


PERSON_ACTIONS = [
    (ActionKind.WARN, _("Warn, with a private note")),
    (ActionKind.SILENCE, _("Silence: read-only for a while")),
    (ActionKind.SUSPEND, _("Suspend: can't sign in")),
    (ActionKind.LIFT, _("Lift a silence or suspension")),
]


class PersonActionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=PERSON_ACTIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an action.")},
    )
    silence_days = forms.TypedChoiceField(
        label=_("Silence for"),
        choices=[(days, day_count(days)) for days in SILENCE_DAYS],
        coerce=int,
        required=False,
    )
    suspend_days = forms.ChoiceField(
        label=_("Suspend for"),
        choices=[
            *[(str(days), day_count(days)) for days in SUSPEND_DAYS],
            ("lifted", _("Until a moderator lifts it")),
        ],
        required=False,
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )
    note = LimitedCharField(
        label=_("Private note (for warnings)"),
        required=False,
        max_length=PRIVATE_NOTE_MAX_LENGTH,
        help_text=_("Only this member and moderators see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)


class OutreachRoleForm(forms.Form):
    """Mark a member as an outreach worker, or end it: the button says which."""

    change = forms.ChoiceField(
        choices=[("add", _("Mark as an outreach worker")), ("remove", _("End the role"))],
        widget=forms.HiddenInput,
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_(
            "The member sees this, and so does the public log (without their handle). "
            "For example: runs the Tuesday van and collects paper responses."
        ),
        error_messages=REASON_REQUIRED,
    )


class AppealForm(forms.Form):
    message = LimitedCharField(
        label=_("Why should a moderator look again?"),
        max_length=APPEAL_MESSAGE_MAX_LENGTH,
        help_text=_(
            "A different moderator reads this. You can appeal each decision once, so say "
            "everything you want them to know."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": APPEAL_MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Tell the moderators why they should look again.")},
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("upheld", _("Uphold: the decision stands")),
            ("reversed", _("Reverse: undo the decision and restore what it changed")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an outcome.")},
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )


class CareForm(forms.Form):
    note = LimitedCharField(
        label=_("What did you do?"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("For moderators only, e.g. “Replied in the thread with the crisis lines.”"),
        error_messages={"required": _("Say in a few words how you followed up.")},
    )
