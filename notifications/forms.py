from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityEmails, DigestFrequency, EmailPreference, Weekday
from .preferences import CHOICE_FIELDS, TIME_ZONE_CHOICES, hour_label

DETAILED_CHOICES = [
    (False, _("Discreet: only how many new things there are, and one link to sign in")),
    (True, _("Detailed: titles and a few words from each post")),
]

# Every field here is a choice from a list. Django's own message repeats what
# was sent, which could be anything; this one says what to do instead.
PICK_FROM_LIST = {
    "invalid_choice": _("Choose one of the options in the list."),
    "required": _("Choose one of the options."),
}


class EmailPreferenceForm(forms.ModelForm):
    """Every email choice on one page. The same form serves the settings page
    and the page a link in an email opens."""

    activity = forms.ChoiceField(
        label=_("Replies, mentions and quotes in what you follow"),
        choices=ActivityEmails.choices,
        widget=forms.RadioSelect,
        error_messages=PICK_FROM_LIST,
    )
    digest = forms.ChoiceField(
        label=_("How often"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        error_messages=PICK_FROM_LIST,
    )
    digest_weekday = forms.TypedChoiceField(
        label=_("Day, for a weekly digest"),
        coerce=int,
        choices=Weekday.choices,
        error_messages=PICK_FROM_LIST,
    )
    digest_hour = forms.TypedChoiceField(
        label=_("Time of day"),
        coerce=int,
        choices=[(hour, hour_label(hour)) for hour in range(24)],
        error_messages=PICK_FROM_LIST,
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), choices=TIME_ZONE_CHOICES, error_messages=PICK_FROM_LIST
    )
    detailed = forms.TypedChoiceField(
        label=_("What emails show"),
        coerce=lambda value: value in (True, "True", "true", "1"),
        choices=DETAILED_CHOICES,
        widget=forms.RadioSelect,
        error_messages=PICK_FROM_LIST,
        help_text=_(
            "Detailed emails show titles and a few words from posts. Anyone who sees "
            "your inbox or your phone's lock screen could read them. Posts in sensitive "
            "categories, and anything held or hidden, are never shown."
        ),
    )

    class Meta:
        model = EmailPreference
        fields = list(CHOICE_FIELDS)
        help_texts = {
            "safety_alerts": _(
                "Rare, short emails when peers confirm something dangerous is going around "
                "near you."
            )
        }

    def __init__(self, *args, from_link: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # On the page a link in an email opens, nobody has signed in: whoever
        # holds the link (a shared phone's history, say) may turn emails down,
        # never make them say more.
        self.from_link = from_link
        self.fields["digest_hour"].help_text = _("In your time zone.")
        # A zone saved some other way (an import, the admin) stays offered,
        # so saving another choice never moves someone to the first zone listed.
        current_zone = self.instance.time_zone
        if current_zone and current_zone not in dict(TIME_ZONE_CHOICES):
            self.fields["time_zone"].choices = [*TIME_ZONE_CHOICES, (current_zone, current_zone)]

    def clean_detailed(self):
        detailed = self.cleaned_data["detailed"]
        if self.from_link and detailed and not self.instance.detailed:
            raise forms.ValidationError(
                _(
                    "To turn on detailed emails, sign in and open Settings, then Email. "
                    "This page can only make emails say less."
                )
            )
        return detailed

    def clean(self):
        cleaned_data = super().clean()
        if (
            cleaned_data.get("activity") == ActivityEmails.DIGEST
            and cleaned_data.get("digest") == DigestFrequency.OFF
        ):
            self.add_error(
                "activity",
                _(
                    "Your digest is off, so these would never reach you. Choose a daily or "
                    "weekly digest below, or another option here."
                ),
            )
        return cleaned_data

    def digest_fields(self):
        """The fields that only matter for the digest, shown together."""
        return [self[name] for name in ("digest", "digest_weekday", "digest_hour", "time_zone")]
