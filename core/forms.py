from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext_lazy


def show_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names; anything
    else, or a message without a field, goes at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def redirect_to_message(to, *args, anchor: str = "main", **kwargs) -> HttpResponseRedirect:
    """Redirect after a form succeeded, landing where its message shows.

    A form posted to `action="…#decision"` and answered by a redirect with no
    fragment of its own keeps `#decision` in the browser (RFC 9110 §10.2.2):
    the person lands on a stray anchor, or none they can see. So the redirect
    always names one, by default the main content where messages appear."""
    return redirect(f"{resolve_url(to, *args, **kwargs)}#{anchor}")


class LimitedCharField(forms.CharField):
    """A text field that refuses too much text in the site's words, saying
    how long it is, instead of Django's stock message."""

    default_error_messages = {
        "max_length": gettext_lazy(
            "Keep this under %(limit_value)d characters. It has %(show_value)d."
        ),
    }
