"""A form's fields given back to the person who typed them.

When a form can't be saved (the session ended, or the database was briefly too
busy), the site's middleware keeps its fields and sends the person back to the
page the form was on. That page passes `unsent_fields(request)` as its form's
data, so the text is back in its box with a short message saying why.
"""

from django.contrib import messages
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

SIGNED_OUT = "signed_out"
NOT_SAVED = "not_saved"
MESSAGES = {
    SIGNED_OUT: _("You were signed out, so we didn't post that yet. Your text is below."),
    NOT_SAVED: _("We couldn't save that just now. Your text is below; please try again."),
}


def unsent_fields(request, *, sent_to: str | None = None) -> QueryDict | None:
    """The fields kept for the page being shown, as form data, or None.

    `sent_to` picks the form when a page has several: only fields that were
    sent to that address are given back."""
    unsent = getattr(request, "unsent_form", None)
    if unsent is None or (sent_to is not None and unsent["sent_to"] != sent_to):
        return None
    data = QueryDict(mutable=True)
    for name, values in unsent["fields"]:
        data.setlist(name, values)
    data._mutable = False
    if not getattr(request, "unsent_form_shown", False):
        request.unsent_form_shown = True
        messages.info(request, MESSAGES[unsent["reason"]])
    return data
