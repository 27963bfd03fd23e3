from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityEmails, DigestFrequency, EmailPreference
from .preferences import CHOICE_FIELDS, TIME_ZONE_CHOICES, hour_label

DETAILED_CHOICES = [
    (False, _("Discreet: only how many new things there are, and one link to sign in")),
    (True, _("Detailed: titles and a few words from each post")),
]


class EmailPreferenceForm(forms.ModelForm):
    """Every email choice on one page. The same form serves the settings page
    and the page a link in an email opens."""

    activity = forms.ChoiceField(
        label=_("Replies, mentions and quotes in what you follow"),
        choices=ActivityEmails.choices,
        widget=forms.RadioSelect,
    )
    digest = forms.ChoiceField(
        label=_("Digest: a summary of what's new"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
    )
    digest_hour = forms.TypedChoiceField(
        label=_("Time of day"),
        coerce=int,
        choices=[(hour, hour_label(hour)) for hour in range(24)],
    )
    time_zone = forms.ChoiceField(label=_("Your time zone"), choices=TIME_ZONE_CHOICES)
    detailed = forms.TypedChoiceField(
        label=_("What emails show"),
        coerce=lambda value: value in (True, "True", "true", "1"),
        choices=DETAILED_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Detailed emails show titles and a few words from posts. Anyone who sees "
            "your inbox or your phone's lock screen could read them. Posts in sensitive "
            "categories, and anything held or hidden, are never shown."
        ),
    )

    class Meta:
        model = EmailPreference
        fields = list(CHOICE_FIELDS)
        labels = {"digest_weekday": _("Day for a weekly digest")}
        help_texts = {
            "safety_alerts": _(
                "Rare, short emails when peers confirm something dangerous is going around "
                "near you."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].help_text = _("In your time zone.")
        self.fields["digest_weekday"].help_text = _("Only used for a weekly digest.")
