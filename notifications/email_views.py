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
from .models import ActivityEmails, DigestFrequency, EmailPreference
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


def _emails_on(preference: EmailPreference) -> bool:
    """Whether the member chose any email besides urgent safety alerts."""
    return preference.activity != ActivityEmails.OFF or preference.digest != DigestFrequency.OFF


def _saved_message(changes) -> str:
    """The message after a save, e.g. "Saved. Digest: No digest → Once a day."."""
    described = "; ".join(
        _("%(label)s: %(before)s → %(after)s")
        % {"label": change.label, "before": change.before, "after": change.after}
        for change in changes
    )
    return _("Saved. %(changes)s.") % {"changes": described}


class EmailSettingsView(LoginRequiredMixin, FormView):
    template_name = "notifications/email_settings.html"
    form_class = EmailPreferenceForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.preference = preference_for(self.request.user)
        kwargs["instance"] = self.preference
        return kwargs

    def form_valid(self, form):
        changes = preferences_change(member=self.request.user, **_choices(form))
        if changes:
            messages.success(self.request, _saved_message(changes))
        else:
            messages.info(self.request, _("Nothing changed: your choices were already like that."))
        return redirect_to_message("email:settings")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The choices as saved: a form with a mistake has put what was typed
        # into the instance it was given.
        saved = self.preference
        if self.request.method == "POST":
            saved = preference_for(self.request.user)
        context.update(_address_state(self.request.user, saved))
        look = email_settings()
        context.update(
            sender_name=look.sender_name,
            example_subject=look.subject(3),
            emails_on=_emails_on(saved),
            safety_alerts=saved.safety_alerts,
        )
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
            return None, self._refused(request, outdated=True)
        except TokenInvalid:
            return None, self._refused(request, outdated=False)

    def _refused(self, request, *, outdated: bool):
        """Gone (410) for a link that was good before a change; 400 for one
        that was never ours or was changed on the way."""
        return render(
            request,
            "notifications/email_link_refused.html",
            {"outdated": outdated},
            status=410 if outdated else 400,
        )

    def get(self, request, token):
        preference, refused = self._preference(request, token)
        if refused:
            return refused
        return self._page(
            request, preference, EmailPreferenceForm(instance=preference, from_link=True)
        )

    def post(self, request, token):
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return self._one_click_stop(request, token)
        preference, refused = self._preference(request, token)
        if refused:
            return refused
        member = preference.member
        if "stop" in request.POST:
            changes = emails_stop(member=member)
        else:
            # The form gets its own copy: checking it puts what was typed into it.
            form = EmailPreferenceForm(
                request.POST, instance=preference_for(member), from_link=True
            )
            if not form.is_valid():
                return self._page(request, preference, form, status=400)
            changes = preferences_change(member=member, **_choices(form))
        preference = preference_for(member)
        form = EmailPreferenceForm(instance=preference, from_link=True)
        return self._page(request, preference, form, changes=changes, done=True)

    def _one_click_stop(self, request, token):
        """RFC 8058: a mail app's unsubscribe button, no cookies, no page to
        read. Any genuine link of ours stops the emails, even from an email
        older than the member's last change."""
        try:
            preference = preference_from_token(token, any_version=True)
        except TokenInvalid:
            return self._refused(request, outdated=False)
        emails_stop(member=preference.member)
        return HttpResponse(
            _("You won't get these emails anymore."), content_type="text/plain; charset=utf-8"
        )

    def _page(self, request, preference, form, *, changes=(), done=False, status=200):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "token": preferences_token(preference),
                "changes": changes,
                "done": done,
                "emails_on": _emails_on(preference),
                "safety_alerts": preference.safety_alerts,
            },
            status=status,
        )
