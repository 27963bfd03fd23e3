from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    MAX_TAGS,
    POST_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Category,
    ContentWarning,
    ThreadKind,
)

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
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "maxlength": POST_MAX_LENGTH}))
        super().__init__(**kwargs)


class ThreadForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.none(),
        label=_("Category"),
        empty_label=None,
        error_messages={"invalid_choice": _("Pick one of the categories in the list.")},
    )
    title = forms.CharField(
        label=_("Title"),
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
    content_warning_other = forms.CharField(
        label=_("If something else, what?"), max_length=60, required=False
    )
    tags = forms.CharField(
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
