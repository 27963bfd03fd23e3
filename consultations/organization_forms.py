"""Forms for asking to act for an organization, and for a peer moderator's
decisions on such a request and on an organization."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedCharField
from moderation.models import REASON_MAX_LENGTH

from .models import Organization
from .models.organizations import (
    DESCRIPTION_MAX_LENGTH,
    HOW_TO_CHECK_MAX_LENGTH,
    ORGANIZATION_NAME_MAX_LENGTH,
)

SLUG_MAX_LENGTH = 80


class OrganizationRequestForm(forms.Form):
    organization_name = LimitedCharField(
        label=_("The organization's name"),
        max_length=ORGANIZATION_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": ORGANIZATION_NAME_MAX_LENGTH}),
        error_messages={"required": _("Give the organization's name.")},
    )
    description = LimitedCharField(
        label=_("What does it do?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("One or two plain sentences: who you are and who you serve."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX_LENGTH}),
        error_messages={"required": _("Say in a sentence or two what the organization does.")},
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": _("Enter a web address, like https://example.org/.")},
    )
    how_to_check = LimitedCharField(
        label=_("How can a peer moderator check that you act for it?"),
        max_length=HOW_TO_CHECK_MAX_LENGTH,
        help_text=_(
            "A public web page that names you or your role, or the organization's public "
            "phone number a moderator can call and ask for you. Only peer moderators read this."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": HOW_TO_CHECK_MAX_LENGTH}),
        error_messages={"required": _("Say how a peer moderator can check.")},
    )


class VerifyNewForm(forms.Form):
    """A new organization, from what the member wrote; the moderator may correct it."""

    name = LimitedCharField(
        label=_("Name"),
        max_length=ORGANIZATION_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"maxlength": ORGANIZATION_NAME_MAX_LENGTH}),
        error_messages={"required": _("Give the organization's name.")},
    )
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=SLUG_MAX_LENGTH,
        help_text=_("The end of its page's address, e.g. riverside-harm-reduction."),
        error_messages={
            "required": _("Give a short name for its address."),
            "invalid": _("Use only letters, numbers, - and _."),
        },
    )
    description = LimitedCharField(
        label=_("What it does"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Shown on its public page. Fix anything that reads like an advert."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX_LENGTH}),
        error_messages={"required": _("Say in a sentence or two what it does.")},
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": _("Enter a web address, like https://example.org/.")},
    )
    note = LimitedCharField(
        label=_("Note to the member (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Only they and peer moderators read it, e.g. how you checked."),
    )


class VerifyExistingForm(forms.Form):
    """Add the member as staff of an organization that is already verified."""

    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose an organization"),
        error_messages={
            "required": _("Choose the organization they act for."),
            "invalid_choice": _("Choose a verified organization from the list."),
        },
    )
    note = LimitedCharField(
        label=_("Note to the member (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Only they and peer moderators read it, e.g. how you checked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.verified()


class ReasonForm(forms.Form):
    """A reason the member concerned reads: a declined request, access ended."""

    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("The member reads this. Say what you found, plainly and kindly."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": _("Give a reason. The member reads it.")},
    )


class RevokeOrganizationForm(forms.Form):
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_(
            "Its staff and the public moderation log read this. Name what happened, not people."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": _("Give a reason. Its staff and the public log read it.")},
    )


class StaffRevokeForm(forms.Form):
    """End one member's access to act for an organization."""

    member = forms.ModelChoiceField(
        label=_("Who"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose a member"),
        error_messages={
            "required": _("Choose whose access ends."),
            "invalid_choice": _("Choose someone who acts for this organization."),
        },
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("They read this, and so does the public moderation log, without their name."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX_LENGTH}),
        error_messages={"required": _("Give a reason. They read it.")},
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = staff
        self.fields["member"].label_from_instance = lambda member: member.username
