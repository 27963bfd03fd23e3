from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import PEER_AUTHORS_GROUP, PEER_MODERATORS_GROUP, PEER_REVIEWERS_GROUP
from core.forms import LimitedCharField
from moderation.models import REASON_MAX_LENGTH

from .models import AuthorProfile
from .models.contributions import (
    PROPOSAL_OUTLINE_MAX_LENGTH,
    PROPOSAL_TITLE_MAX_LENGTH,
    PROPOSAL_WHY_MAX_LENGTH,
    SUGGESTION_MAX_LENGTH,
    SUGGESTION_NOTE_MAX_LENGTH,
)


class SuggestionForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Which part?"),
        required=False,
        error_messages={"invalid_choice": _("Pick a section from the list.")},
    )
    text = forms.CharField(
        label=_("What should change?"),
        help_text=_(
            "Something out of date, missing or unclear? Say what, and why if you can. "
            "Leave out anything that could identify you."
        ),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": SUGGESTION_MAX_LENGTH}),
        error_messages={"required": _("Say what should change, and why if you can.")},
    )

    def __init__(self, *args, sections: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            ("", _("The whole article")),
            *((heading, heading) for heading in sections),
        ]


class ProposalForm(forms.Form):
    title = LimitedCharField(
        label=_("Working title"),
        max_length=PROPOSAL_TITLE_MAX_LENGTH * 2,
        widget=forms.TextInput(attrs={"maxlength": PROPOSAL_TITLE_MAX_LENGTH}),
        error_messages={"required": _("Give the article a working title.")},
    )
    outline = forms.CharField(
        label=_("What would it cover?"),
        help_text=_("A few lines or a list of points is enough."),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": PROPOSAL_OUTLINE_MAX_LENGTH}),
        error_messages={"required": _("Write a few lines about what the article would cover.")},
    )
    why = forms.CharField(
        label=_("Why does it matter, or what experience does it come from?"),
        help_text=_("Your own experience counts as expertise here. Share only what you want to."),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": PROPOSAL_WHY_MAX_LENGTH}),
        error_messages={"required": _("Say why it matters, or what experience it comes from.")},
    )


class HelpfulForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )


class SuggestionCloseForm(forms.Form):
    note = LimitedCharField(
        label=_("What did you do?"),
        max_length=SUGGESTION_NOTE_MAX_LENGTH,
        help_text=_(
            "The member who suggested it reads this. e.g. “Updated the section on strips” "
            "or “Already covered under Mixing”."
        ),
        error_messages={"required": _("Say in a few words what you did.")},
    )


def assignable_authors():
    """Profiles of members who can write in the admin."""
    groups = [PEER_AUTHORS_GROUP, PEER_REVIEWERS_GROUP, PEER_MODERATORS_GROUP]
    return (
        AuthorProfile.objects.filter(member__isnull=False, member__is_active=True)
        .filter(Q(member__groups__name__in=groups) | Q(member__is_superuser=True))
        .select_related("member")
        .distinct()
    )


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.member.username} ({obj.display_name})"


class ProposalAcceptForm(forms.Form):
    author = AuthorChoiceField(
        label=_("Peer author who will write it"),
        queryset=AuthorProfile.objects.none(),
        empty_label=_("Choose a peer author"),
        error_messages={
            "required": _("Choose who will write it."),
            "invalid_choice": _("Choose a peer author from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = assignable_authors()


class ProposalDeclineForm(forms.Form):
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("The member who proposed it reads this. Thank them, and say why."),
        error_messages={"required": _("Give a reason. The member who proposed it sees it.")},
    )
