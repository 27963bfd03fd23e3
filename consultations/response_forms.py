"""The forms of responding: one section, the last screen, an outreach entry
with every section on one page, and a mark on a statement."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedCharField

from .models import SpeakingAs, Stance, VoteChoice
from .models.responses import COMMENT_MAX_LENGTH, new_public_id
from .services.responses import section_field

QUOTE_CONSENT_LABEL = _("You may quote my comments publicly, without my name.")
QUOTE_CONSENT_HELP = _(
    "If you tick this, your comments on sections can be shown on the draft's page, with no "
    "name, for others to agree or disagree with, and the organization may quote them. If "
    "you leave it empty, only the organization and this site's peer moderators read them."
)
SPEAKING_AS_HELP = _(
    "Optional. Tick any that fit. The organization gets these with the answers in this "
    "response, under a random number, never with your handle. Results show them only as "
    "counts, and a group with fewer than 5 people isn't shown on its own. Only this site's "
    "peer moderators can ever see them next to your handle. They are not added to your "
    "profile."
)


def _comment_field(label, help_text=""):
    return LimitedCharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _stance_field(label):
    return forms.ChoiceField(
        label=label,
        choices=Stance.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class SectionForm(forms.Form):
    """Where a member stands on one section, and why."""

    stance = _stance_field(_("Where do you stand on this section?"))
    comment = _comment_field(
        _("Your comment (optional)"),
        _("What works, what doesn't, what you would change. Please don't name anyone."),
    )
    answer = _comment_field(_("Your answer (optional)"))

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        if section.question:
            self.fields["answer"].label = section.question
            self.fields["answer"].help_text = _("Optional.")
        else:
            del self.fields["answer"]


class FinishForm(forms.Form):
    """The last screen: an overall comment, who they speak as, and consent."""

    overall = _comment_field(
        _("Anything else you want to say about this draft? (optional)"),
        _("Please don't name anyone."),
    )
    speaking_as = forms.MultipleChoiceField(
        label=_("Speaking as"),
        help_text=SPEAKING_AS_HELP,
        choices=SpeakingAs.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    quote_consent = forms.BooleanField(
        label=QUOTE_CONSENT_LABEL, help_text=QUOTE_CONSENT_HELP, required=False
    )


ENTRY_SALT = "consultations.outreach-entry"
# How long a shown form stays one entry: long enough for a pile of paper forms.
ENTRY_MAX_AGE = 60 * 60 * 24


def entry_token_new() -> str:
    """The id the response entered from this form will have, signed so that
    only the site chooses it."""
    return signing.dumps(new_public_id(), salt=ENTRY_SALT)


class OutreachEntryForm(FinishForm):
    """A response gathered in person or on paper: every section on one page,
    then the last screen's questions and the worker's confirmation. `entry`
    carries the response's id from the form the site showed, so sending the
    same form twice enters it once."""

    consent_confirmed = forms.BooleanField(
        label=_("The person agreed to share this, and what I entered is what they said."),
        required=False,
    )
    entry = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sections, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("entry", entry_token_new())
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        self.fields["overall"].label = _("Anything else they said about this draft? (optional)")
        self.fields["speaking_as"].help_text = _(
            "Optional. Tick what the person told you. Nobody sees these with a name."
        )
        self.fields["quote_consent"].label = _(
            "They agreed: “You may quote my comments publicly, without my name.”"
        )
        self.fields["quote_consent"].help_text = _("Leave it empty unless they said yes to this.")
        section_fields = {}
        for number, section in enumerate(self.sections, start=1):
            section_fields[section_field(number, "stance")] = _stance_field(
                _("Where do they stand on this section?")
            )
            section_fields[section_field(number, "comment")] = _comment_field(
                _("Their comment (optional)")
            )
            if section.question:
                section_fields[section_field(number, "answer")] = _comment_field(section.question)
        # Sections first, in order, then the last screen's fields.
        self.fields = {**section_fields, **self.fields}

    def clean_entry(self) -> str:
        """The response's id, or "" (a new random one) if the token isn't
        the site's or is too old: then nothing guards against a second send."""
        try:
            return signing.loads(self.cleaned_data["entry"], salt=ENTRY_SALT, max_age=ENTRY_MAX_AGE)
        except signing.BadSignature:
            return ""

    def section_rows(self):
        """Each section with its bound fields, for the template."""
        for number, section in enumerate(self.sections, start=1):
            answer_name = section_field(number, "answer")
            yield {
                "number": number,
                "section": section,
                "stance": self[section_field(number, "stance")],
                "comment": self[section_field(number, "comment")],
                "answer": self[answer_name] if answer_name in self.fields else None,
            }

    def section_inputs(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "section": section,
                "stance": data.get(section_field(number, "stance")) or "",
                "comment": data.get(section_field(number, "comment")) or "",
                "answer": data.get(section_field(number, "answer")) or "",
            }
            for number, section in enumerate(self.sections, start=1)
        ]


class StatementVoteForm(forms.Form):
    choice = forms.ChoiceField(choices=VoteChoice.choices)
