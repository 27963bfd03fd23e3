"""The policy draft's editor form: a box to paste the whole draft, which
becomes sections the organization then checks and edits before the draft
goes to the community check."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import LimitedCharField

from .draft_import import MAX_SECTIONS, PASTE_MAX_LENGTH, PastedDraft, draft_split

PASTE_FIELD = "paste_draft"
SECTIONS_PREFIX = "sections"
SECTION_WORDS = ("heading", "text", "explainer", "question")


def _blank_new_sections_left_out(data):
    """The form's data with each unsaved section that has no words marked for
    deletion. The editor numbers every section it shows, so the blank one a
    new draft starts with looks changed: autosave would keep it as an empty
    section, and a draft made by pasting would be refused for it. (After an
    autosave the editor counts it among the saved ones, so it is known by
    having no id.)"""
    if data is None:
        return None
    try:
        total = int(data.get(f"{SECTIONS_PREFIX}-TOTAL_FORMS", 0))
    except ValueError:
        return data  # The formset reports a broken management form itself.
    blank = [
        number
        for number in range(total)
        if not data.get(f"{SECTIONS_PREFIX}-{number}-id")
        and not any(
            data.get(f"{SECTIONS_PREFIX}-{number}-{name}", "").strip() for name in SECTION_WORDS
        )
    ]
    if not blank:
        return data
    data = data.copy()
    for number in blank:
        data[f"{SECTIONS_PREFIX}-{number}-DELETE"] = "1"
    return data


class PolicyDraftPageForm(WagtailAdminPageForm):
    """Pasted text is split into sections when the form is saved. Sections
    already in the draft stay where they are and the pasted ones are added
    after them, so pasting twice never loses an edit (the editor says how
    many it added). Text before the first heading becomes the summary when
    the summary is empty; when it isn't, the form asks which to keep rather
    than drop either."""

    paste_draft = LimitedCharField(
        label=_("Paste the draft"),
        required=False,
        max_length=PASTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paste the whole draft, as Markdown or plain text. Each top heading (a line "
            "starting with “# ”) becomes a section, and the text under it that section's "
            "text. Text before the first heading becomes the summary if the summary is "
            "empty. Sections already here stay, and the new ones are added after them. "
            "You can change everything before you send the draft for the community check."
        ),
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_blank_new_sections_left_out(data), *args, **kwargs)
        self.pasted: PastedDraft | None = None
        if self._has_paste():
            # The pasted sections count toward the one a draft needs.
            sections = self.formsets.get(SECTIONS_PREFIX)
            if sections is not None:
                sections.validate_min = False

    def _has_paste(self) -> bool:
        return self.is_bound and bool(self.data.get(self.add_prefix(PASTE_FIELD), "").strip())

    def _kept_sections(self) -> int:
        """Sections the draft will keep from the formset: saved or newly
        filled in, and not marked for deletion."""
        formset = self.formsets.get(SECTIONS_PREFIX)
        if formset is None:
            return 0
        return sum(
            1
            for form in formset.forms
            if (form.instance.pk or form.has_changed())
            and not (form.is_valid() and form.cleaned_data.get("DELETE"))
        )

    def clean(self):
        cleaned_data = super().clean()
        pasted = cleaned_data.get(PASTE_FIELD, "")
        if not pasted.strip():
            return cleaned_data
        section_model = self.formsets[SECTIONS_PREFIX].model
        try:
            self.pasted = draft_split(
                pasted,
                heading_max_length=section_model._meta.get_field("heading").max_length,
                text_max_length=section_model._meta.get_field("text").max_length,
                max_sections=MAX_SECTIONS - self._kept_sections(),
            )
        except ValidationError as error:
            self.add_error(PASTE_FIELD, error)
            return cleaned_data
        self._summary_from_paste(cleaned_data)
        return cleaned_data

    def _summary_from_paste(self, cleaned_data) -> None:
        before = self.pasted.before_first_heading
        if not before:
            return
        summary_field = self.instance._meta.get_field("summary")
        if cleaned_data.get("summary"):
            self.add_error(
                PASTE_FIELD,
                _(
                    "The summary already has words, so the text before the first heading "
                    "has nowhere to go. Take it out of what you pasted, or empty the "
                    "summary to use it there."
                ),
            )
        elif len(before) > summary_field.max_length:
            self.add_error(
                PASTE_FIELD,
                _(
                    "The text before the first heading would be the summary, but it has "
                    "%(length)d characters and a summary can have %(limit)d. Shorten it, "
                    "or put a heading above the part that belongs in a section."
                )
                % {"length": len(before), "limit": summary_field.max_length},
            )
        else:
            cleaned_data["summary"] = before
            # The summary was empty only because it comes from the paste.
            self._errors.pop("summary", None)

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.pasted is not None:
            self._sections_add(page)
        if commit:
            page.save()
            self._save_m2m()
        return page

    def _sections_add(self, page) -> None:
        """Append the pasted sections after the ones the draft has, and note
        on the page how many, for the editor's message."""
        section_model = self.formsets[SECTIONS_PREFIX].model
        existing = list(page.sections.all())
        start = max((section.sort_order or 0 for section in existing), default=-1) + 1
        page.sections.add(
            *(
                section_model(heading=pasted.heading, text=pasted.text, sort_order=start + index)
                for index, pasted in enumerate(self.pasted.sections)
            )
        )
        page.sections_pasted = (len(self.pasted.sections), len(existing))
