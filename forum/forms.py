from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedCharField
from core.text import clean_plain_text
from moderation.models import REASON_MAX_LENGTH

from .models import (
    MAX_TAGS,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    ContentWarning,
    ExperienceReport,
    ForumPreferences,
    SubstanceDose,
    ThreadKind,
)
from .services.thread_tools import SLOW_MODE_CHOICES

BODY_HELP = _(
    "Markdown works: *italic*, **bold**, > quote, - list. Links open safely; "
    "pictures from other sites show as links."
)


class BodyField(forms.CharField):
    """Post text. Length and emptiness are checked by the forum's services, with
    the same messages wherever a post is written; the browser limit is a courtesy."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your post"))
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("error_messages", {"required": _("Write something before posting.")})
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "maxlength": POST_MAX_LENGTH}))
        super().__init__(**kwargs)


class ThreadForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        label=_("Category"),
        empty_label=None,
        error_messages={"invalid_choice": _("Pick one of the categories in the list.")},
    )
    title = LimitedCharField(
        label=_("Title"),
        error_messages={"required": _("Give your thread a title.")},
        max_length=TITLE_MAX_LENGTH * 2,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX_LENGTH}),
    )
    kind = forms.ChoiceField(
        label=_("What kind of thread?"), choices=ThreadKind.choices, initial=ThreadKind.DISCUSSION
    )
    content_warning = forms.ChoiceField(
        label=_("Content warning"),
        choices=[("", _("None needed")), *ContentWarning.choices],
        required=False,
        help_text=_("Readers see the warning first and choose when to open the post."),
    )
    content_warning_other = LimitedCharField(
        label=_("If something else, what?"), max_length=60, required=False
    )
    tags = LimitedCharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=400,
        help_text=_("Up to %(max)d, separated by commas, e.g. fentanyl, test strips.")
        % {"max": MAX_TAGS},
    )
    body = BodyField()

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def clean_tags(self):
        return [tag for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))
    quoted_post = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PostEditForm(forms.Form):
    body = BodyField(label=_("Your post"))

    def __init__(self, *args, someone_elses: bool = False, **kwargs):
        """`someone_elses`: a peer moderator is changing another member's
        words, which takes a reason the author and the public log see."""
        super().__init__(*args, **kwargs)
        if someone_elses:
            self.fields["body"].label = _("The post")
            self.fields["reason"] = LimitedCharField(
                label=_("Why you're changing it"),
                max_length=REASON_MAX_LENGTH,
                help_text=_(
                    "The author sees this, and so does the public log. Be kind and specific."
                ),
                error_messages={"required": _("Write a short reason. The author will see it.")},
            )


class ExperienceReportForm(forms.ModelForm):
    """The structured part of an experience report: month and year only, no place."""

    class Meta:
        model = ExperienceReport
        fields = [
            "month",
            "year",
            "body_weight_kg",
            "test_method",
            "test_result",
            "used_alone",
            "naloxone_needed",
            "setting",
            "would_do_differently",
        ]
        widgets = {"would_do_differently": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.now().year
        self.fields["month"] = forms.TypedChoiceField(
            label=_("Month"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Rather not say"))]
            + [(number, date_format(date(2000, number, 1), "F")) for number in range(1, 13)],
        )
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Rather not say"))]
            + [(year, str(year)) for year in range(this_year, this_year - 40, -1)],
        )

    def clean_setting(self):
        return clean_plain_text(self.cleaned_data["setting"])

    def clean_would_do_differently(self):
        return clean_plain_text(self.cleaned_data["would_do_differently"])


class DoseForm(forms.ModelForm):
    class Meta:
        model = SubstanceDose
        fields = ["substance", "amount", "unit", "route", "minutes_in"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No starting value, so a row left empty counts as unused.
        self.fields["minutes_in"].required = False
        self.fields["minutes_in"].initial = None
        for name in ("unit", "route"):
            self.fields[name].choices = [("", _("Choose")), *self.fields[name].choices[1:]]

    def clean_minutes_in(self):
        return self.cleaned_data.get("minutes_in") or 0


class BaseDoseFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.cleaned_data.get("substance")]
        if not filled:
            raise forms.ValidationError(
                _(
                    "Add at least one substance: what you took, "
                    "even if you're not sure of the amount."
                )
            )

    def doses(self) -> list[dict]:
        return [
            {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
            for form in self.forms
            if form.cleaned_data.get("substance")
        ]


DoseFormSet = forms.formset_factory(
    DoseForm, formset=BaseDoseFormSet, extra=3, max_num=10, validate_max=True
)


class PreferencesForm(forms.ModelForm):
    hidden_warnings = forms.MultipleChoiceField(
        label=_("Always keep these warnings closed"),
        choices=ContentWarning.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ForumPreferences
        fields = ["auto_watch", "always_expand_warnings", "hidden_warnings"]


REASON_HELP = _("The thread's author sees this, and so does the public log.")
REASON_REQUIRED = {"required": _("Write a short reason. It goes in the public log.")}


class TagsForm(forms.Form):
    tags = LimitedCharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Up to %(max)d, separated by commas.") % {"max": MAX_TAGS},
    )

    def clean_tags(self):
        return [tag for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class ThreadLockForm(forms.Form):
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )


class ThreadMoveForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), label=_("Move to"), empty_label=None
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )

    def __init__(self, *args, thread, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.exclude(pk=thread.category_id)


SLOW_MODE_LABELS = {
    0: _("As often as they like (slow mode off)"),
    60: _("Once an hour"),
    240: _("Once every 4 hours"),
}


class ThreadSlowModeForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("Each member may post"),
        coerce=int,
        choices=[
            (
                minutes,
                SLOW_MODE_LABELS.get(minutes)
                or _("Once every %(minutes)d minutes") % {"minutes": minutes},
            )
            for minutes in SLOW_MODE_CHOICES
        ],
    )
    reason = LimitedCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=REASON_HELP,
        error_messages=REASON_REQUIRED,
    )
