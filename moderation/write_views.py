"""The one page shape for a member's screened write.

Every form whose words go through `write_screen()` (a reply, a new thread, an
edit, a suggested update, an idea for an article) is sent to a view built on
`ScreenedWriteView`, or on `ScreenedFormView` when the form has a page of its
own. It gives the same answers everywhere: a visitor is sent to
log in with a reason; a language nudge is shown before anything is saved; a
refusal (read-only, a limit, a blocked word, a rule of the page) is shown
beside the field it names, with what the person typed still in the box. A
silenced member reads the same note, in the same place, on every such page.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from core.unsent import unsent_fields

from .forms import nudge_acknowledged
from .screening import Nudge
from .writing import read_only_note


def refusal_messages(refusal: ValidationError) -> dict[str, list[str]]:
    """A service's refusal as messages keyed by field; a refusal that names
    no field is keyed NON_FIELD_ERRORS."""
    return ValidationError(refusal.update_error_dict({})).message_dict


class ScreenedWriteView(LoginRequiredMixin, View):
    """A form a member writes in, screened like a post.

    A page states what it shows and saves by overriding `make_form`,
    `page_context`, `save` and `success_url`; the other methods are seams for
    pages that need more (several forms, their own page around the form,
    their own message after saving). `save` calls a service that raises
    `Nudge` while a nudge is unanswered and ValidationError (usually
    `WriteRefused`) when it won't save; nothing else is caught.
    """

    template_name = ""
    login_reason = ""
    success_message = ""
    # A refused form comes back with this status; a nudge always with 200.
    refused_status = 400

    def handle_no_permission(self):
        if self.login_reason and not self.request.user.is_authenticated:
            messages.info(self.request, self.login_reason)
        return super().handle_no_permission()

    # ---- what each page says ---------------------------------------------

    def make_form(self, data=None):
        """The form, bound to `data` when there is any."""
        raise NotImplementedError

    def page_context(self) -> dict:
        """What the template needs besides the form and the nudge."""
        return {}

    def save(self, form, *, nudge_acknowledged: bool):
        """Call the service with the form's cleaned data; return what it saved."""
        raise NotImplementedError

    def success_url(self, saved) -> str:
        raise NotImplementedError

    # ---- seams ------------------------------------------------------------

    def unsent(self):
        """The fields given back after a send that didn't arrive (see core.unsent)."""
        return unsent_fields(self.request)

    def is_valid(self, form) -> bool:
        """Whether everything sent is valid; a page with more forms checks them too."""
        return form.is_valid()

    def refusal_target(self, form, field: str):
        """The form and field a refusal naming `field` is shown beside; None
        as the field puts it at the top of that form."""
        return form, field if field in form.fields else None

    def show_refusal(self, form, refusal: ValidationError) -> None:
        for field, field_messages in refusal_messages(refusal).items():
            target, target_field = self.refusal_target(form, field)
            target.add_error(target_field, field_messages)

    def tell_saved(self, saved) -> None:
        """The message shown on the page the member lands on after saving."""
        if self.success_message:
            messages.success(self.request, self.success_message)

    def render_form(self, form, *, nudge=None, status=200):
        user = self.request.user
        context = {
            **self.page_context(),
            "form": form,
            "nudge": nudge,
            "read_only_note": read_only_note(user) if user.is_silenced else "",
        }
        return render(self.request, self.template_name, context, status=status)

    # ---- the request -------------------------------------------------------

    def post(self, request, **kwargs):
        form = self.make_form(request.POST)
        if self.is_valid(form):
            try:
                saved = self.save(form, nudge_acknowledged=nudge_acknowledged(request))
            except Nudge as nudge:
                return self.render_form(form, nudge=nudge.screening)
            except ValidationError as refusal:
                self.show_refusal(form, refusal)
            else:
                self.tell_saved(saved)
                return redirect(self.success_url(saved))
        return self.render_form(form, status=self.refused_status)


class ScreenedFormView(ScreenedWriteView):
    """A screened write on a page of its own: a GET shows the form, with any
    fields given back after a send that didn't arrive. (A reply is written on
    its thread's page, so its address answers POST only.)"""

    def get(self, request, **kwargs):
        return self.render_form(self.make_form(self.unsent()))
