"""Email choices: the settings page for a signed-in member, and the page a
link in any email opens, which works signed out (the link is signed) and
takes RFC 8058's one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView

from core.forms import redirect_to_message

from .delivery import verified_addresses
from .emails import email_settings
from .forms import EmailPreferenceForm
from .models import EmailPreference
from .preferences import (
    CHOICE_FIELDS,
    TokenInvalid,
    TokenOutdated,
    emails_stop,
    preference_for,
    preference_from_token,
    preferences_change,
    preferences_token,
)


def _address_state(member, preference: EmailPreference) -> dict:
    """What the page says about where emails go."""
    from allauth.account.models import EmailAddress

    address = verified_addresses([member.pk]).get(member.pk, "")
    unverified = not address and EmailAddress.objects.filter(user=member, verified=False).exists()
    bounced = bool(address) and address.lower() == preference.undeliverable_address.lower()
    return {
        "address": address,
        "address_unverified": unverified,
        "address_bounced": bounced,
        "bounced_at": preference.undeliverable_at,
    }


def _choices(form) -> dict:
    return {field: form.cleaned_data[field] for field in CHOICE_FIELDS}


class EmailSettingsView(LoginRequiredMixin, FormView):
    template_name = "notifications/email_settings.html"
    form_class = EmailPreferenceForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = preference_for(self.request.user)
        return kwargs

    def form_valid(self, form):
        changes = preferences_change(member=self.request.user, **_choices(form))
        if changes:
            messages.success(self.request, _("Saved your email choices."))
        else:
            messages.info(self.request, _("Nothing changed."))
        return redirect_to_message("email:settings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_address_state(self.request.user, preference_for(self.request.user)))
        look = email_settings()
        context.update(sender_name=look.sender_name, example_subject=look.subject(3))
        return context


class AddressRetryView(LoginRequiredMixin, View):
    """After a member fixed their mailbox: send to the refused address again."""

    def post(self, request):
        EmailPreference.objects.filter(member=request.user).update(
            undeliverable_address="", undeliverable_at=None
        )
        messages.success(request, _("We'll try your address again with the next email."))
        return redirect_to_message("email:settings")

    def get(self, request):
        return redirect("email:settings")


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class EmailLinkView(View):
    """Open from a link in an email, signed in or not.

    A GET only shows the page (mail scanners open links). A POST of
    `List-Unsubscribe=One-Click`, as a mail app sends it with no cookies,
    stops the emails. The page's own buttons post here too; every change
    moves the preferences to a new version, so this link then stops working
    and the page carries a fresh one.
    """

    template_name = "notifications/email_link.html"

    def _preference(self, request, token):
        try:
            return preference_from_token(token), None
        except TokenOutdated:
            return None, render(
                request, "notifications/email_link_refused.html", {"outdated": True}, status=410
            )
        except TokenInvalid:
            return None, render(
                request, "notifications/email_link_refused.html", {"outdated": False}, status=400
            )

    def get(self, request, token):
        preference, refused = self._preference(request, token)
        if refused:
            return refused
        return self._page(request, preference, EmailPreferenceForm(instance=preference))

    def post(self, request, token):
        preference, refused = self._preference(request, token)
        if refused:
            return refused
        member = preference.member
        if request.POST.get("List-Unsubscribe") == "One-Click":
            emails_stop(member=member)
            return HttpResponse(_("You won't get these emails anymore."), content_type="text/plain")
        if "stop" in request.POST:
            changes = emails_stop(member=member)
        else:
            form = EmailPreferenceForm(request.POST, instance=preference)
            if not form.is_valid():
                return self._page(request, preference, form, status=400)
            changes = preferences_change(member=member, **_choices(form))
        preference = preference_for(member)
        form = EmailPreferenceForm(instance=preference)
        return self._page(request, preference, form, changes=changes, done=True)

    def _page(self, request, preference, form, *, changes=(), done=False, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "token": preferences_token(preference),
                "changes": changes,
                "done": done,
                "emails_on": preference.activity != "off" or preference.digest != "off",
            },
            status=status,
        )
