"""Peer-assisted input: an outreach worker enters a response gathered in
person or on paper, for someone who isn't a member. Every section is on one
page, in the order of the printed draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import is_outreach_worker
from moderation.write_views import ScreenedFormView
from moderation.writing import read_only_note

from ..response_forms import OutreachEntryForm
from ..services.responses import (
    AlreadyEntered,
    ResponseSaved,
    SectionInput,
    outreach_entry_create,
)
from .responding import DraftPageMixin, held_tell


class OutreachEntryView(DraftPageMixin, ScreenedFormView):
    template_name = "consultations/respond_outreach.html"
    login_reason = gettext_lazy("Log in to enter responses as an outreach worker.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_outreach_worker(request.user):
            raise PermissionDenied(
                _("Only outreach workers can enter responses. Peer moderators can add you.")
            )
        return super().dispatch(request, *args, **kwargs)

    def url(self) -> str:
        return f"{self.draft_url()}respond/outreach/"

    def get(self, request, **kwargs):
        if not self.draft.is_open:
            return self.render_closed()
        return super().get(request, **kwargs)

    def post(self, request, **kwargs):
        if not self.draft.is_open:
            messages.error(request, _("This consultation isn't open, so nothing was saved."))
            return redirect(self.url())
        try:
            return super().post(request, **kwargs)
        except AlreadyEntered:
            messages.info(
                request,
                _(
                    "That response was already entered, so it wasn't entered again. "
                    "The form below is empty and ready."
                ),
            )
            return redirect(self.success_url(None))

    def render_closed(self):
        user = self.request.user
        context = {
            "draft": self.draft,
            "page": self.draft,
            "form": None,
            "read_only_note": read_only_note(user) if user.is_silenced else "",
        }
        return render(self.request, self.template_name, context)

    def make_form(self, data=None):
        return OutreachEntryForm(data, sections=self.sections)

    def page_context(self) -> dict:
        return {
            "draft": self.draft,
            "page": self.draft,
            "send_as_written": _("Save as they said it"),
        }

    def save(self, form, *, nudge_acknowledged: bool) -> ResponseSaved:
        data = form.cleaned_data
        return outreach_entry_create(
            draft=self.draft,
            worker=self.request.user,
            sections=[SectionInput(**given) for given in form.section_inputs()],
            overall=data["overall"],
            speaking_as=data["speaking_as"],
            quote_consent=data["quote_consent"],
            consent_confirmed=data["consent_confirmed"],
            nudge_acknowledged=nudge_acknowledged,
            public_id=data["entry"],
        )

    def success_url(self, saved) -> str:
        return f"{self.url()}#main"

    def tell_saved(self, saved: ResponseSaved) -> None:
        messages.success(
            self.request,
            _("Entered. Thank you. Enter another? The form below is empty and ready."),
        )
        held_tell(self.request, saved, whose="theirs")
