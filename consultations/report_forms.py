"""The form an organization writes “what we heard” in: the report, and for
each section what changed and why with the statements that led to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedCharField
from core.text import text_fit

from .models.reports import CHANGE_MAX_LENGTH, REPORT_MAX_LENGTH
from .services.reports import ChangeWritten, because_field, change_field

STATEMENT_LABEL_LENGTH = 300


class HeardReportForm(forms.Form):
    body = LimitedCharField(
        label=_("What we heard"),
        max_length=REPORT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What people told you, in plain words: what most agreed on, where they "
            "disagreed, what surprised you. Markdown works: lists, bold, links."
        ),
    )

    def __init__(self, data=None, *, sections, statements, report=None):
        """`statements` maps a section's key to its statements (comments
        published as statements), in the order to offer them."""
        changes = {change.section_key: change for change in report.changes.all()} if report else {}
        initial = {"body": report.body} if report else {}
        super().__init__(data, initial=initial)
        self.sections = []
        for section in sections:
            change = changes.get(section.key)
            text_name = change_field(section.key)
            self.fields[text_name] = LimitedCharField(
                label=_("What changed in this section, and why"),
                required=False,
                max_length=CHANGE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=change.what_changed if change else "",
                help_text=_("Leave it empty if nothing changed here."),
            )
            choices = [
                (comment.pk, text_fit(comment.body, STATEMENT_LABEL_LENGTH))
                for comment in statements.get(section.key, [])
            ]
            link_field = None
            if choices:
                link_name = because_field(section.key)
                self.fields[link_name] = forms.TypedMultipleChoiceField(
                    label=_("Statements that led to it"),
                    required=False,
                    coerce=int,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[comment.pk for comment in change.because_of.all()] if change else [],
                )
                link_field = self[link_name]
            self.sections.append((section, self[text_name], link_field))

    def changes(self) -> dict:
        """What was written for each section, for report_save."""
        written = {}
        for section, text, links in self.sections:
            linked = self.cleaned_data.get(links.name, []) if links is not None else []
            written[section.key] = ChangeWritten(
                self.cleaned_data.get(text.name, ""), tuple(linked)
            )
        return written
