import json
import time

from allauth.account.utils import perform_login
from allauth.core import ratelimit

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, UpdateView

from .forms import (
    PASSWORD_HELP,
    ConfirmWithPasswordForm,
    ProfileForm,
    RecoveryCodeForm,
    SharedDeviceForm,
)
from .member_data import member_data_declared
from .models import Ignore, Profile, User
from .profile_screening import WRITTEN_FIELDS, ProfileNudge, profile_screen
from .recovery_session import code_to_show, code_to_show_forget, code_to_show_remember
from .roles import is_peer_moderator
from .services import (
    RecoveryCodeAlreadyUsed,
    can_ignore,
    ignore_set,
    member_erase,
    member_export,
    password_reset_with_recovery_code,
    recovery_code_issue,
)

RECOVERY_SESSION_KEY = "accounts.recovery_in_progress"
# How long someone has, after proving the code, to choose a new password.
RECOVERY_WINDOW_SECONDS = 15 * 60


class ProfileView(LoginRequiredMixin, DetailView):
    """Members only: "here as" and a bio are nobody else's business."""

    template_name = "accounts/profile.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return get_object_or_404(
            User.objects.select_related("profile"),
            username__iexact=self.kwargs["handle"],
            is_active=True,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, member = self.request.user, self.object
        context["ignoring"] = Ignore.objects.filter(user=user, ignored=member).exists()
        context["can_ignore"] = can_ignore(user, member)
        context["is_moderator"] = is_peer_moderator(user)
        return context


class IgnoreView(LoginRequiredMixin, View):
    """Ignore a member, or stop: their posts fold away and they stop notifying you."""

    def post(self, request, handle):
        member = get_object_or_404(User, username__iexact=handle, is_active=True)
        ignoring = request.POST.get("ignore") == "1"
        ignore_set(user=request.user, other=member, ignoring=ignoring)
        if ignoring:
            messages.success(
                request,
                _(
                    "You're ignoring %(handle)s. Their posts are folded away "
                    "and they won't notify you."
                )
                % {"handle": member.username},
            )
        else:
            messages.success(
                request, _("You're no longer ignoring %(handle)s.") % {"handle": member.username}
            )
        if request.POST.get("next") == "settings":
            return redirect("accounts:settings")
        return redirect(member.get_absolute_url())


class SettingsView(LoginRequiredMixin, UpdateView):
    template_name = "accounts/settings.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:settings")

    def get_object(self, queryset=None):
        profile, _created = Profile.objects.get_or_create(user=self.request.user)
        return profile

    def form_valid(self, form):
        written = {
            name: form.cleaned_data[name] for name in WRITTEN_FIELDS if name in form.changed_data
        }
        try:
            profile_screen(
                member=self.request.user,
                fields=written,
                nudge_acknowledged=self.request.POST.get("nudge_acknowledged") == "1",
            )
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
            return self.form_invalid(form)
        except ProfileNudge as nudge:
            return self.render_to_response(self.get_context_data(form=form, nudge=nudge.screening))
        messages.success(self.request, _("Your settings are saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["send_as_written"] = _("Save as I wrote it")
        context["ignored_members"] = User.objects.filter(
            ignored_by__user=self.request.user
        ).order_by("username")
        context.setdefault("shared_device_form", SharedDeviceForm(instance=self.request.user))
        return context


class SharedDeviceSettingsView(LoginRequiredMixin, UpdateView):
    """The settings page's second form: quick exit and page titles."""

    form_class = SharedDeviceForm
    template_name = "accounts/settings.html"
    success_url = reverse_lazy("accounts:settings")
    http_method_names = ["post"]

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your settings are saved."))
        return super().form_valid(form)


@method_decorator(never_cache, name="dispatch")
class RecoveryCodeShowView(View):
    """Shows a new recovery code until the member says they have saved it."""

    template_name = "accounts/recovery_code_show.html"

    def get(self, request):
        code = code_to_show(request)
        groups = code.split("-") if code else []
        return render(request, self.template_name, {"code": code, "code_groups": groups})

    def post(self, request):
        code_to_show_forget(request)
        if request.user.is_authenticated:
            return redirect("/")
        return redirect("account_login")


class RecoveryCodeNewView(LoginRequiredMixin, FormView):
    template_name = "accounts/recovery_code_new.html"

    def get_form(self, form_class=None):
        return ConfirmWithPasswordForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form):
        code_to_show_remember(self.request, recovery_code_issue(user=self.request.user))
        return redirect("accounts:recovery_code_show")


@method_decorator(never_cache, name="dispatch")
class RecoverStartView(FormView):
    """Step one of signing back in without email: handle plus recovery code."""

    template_name = "accounts/recover_start.html"
    form_class = RecoveryCodeForm

    def post(self, request, *args, **kwargs):
        handle = request.POST.get("handle", "").strip().lower()
        if not ratelimit.consume(request, action="recovery_code", key=handle or "-"):
            return ratelimit.respond_429(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # A new session key, so a session id planted before this step is worthless.
        self.request.session.cycle_key()
        self.request.session[RECOVERY_SESSION_KEY] = {
            "user_id": form.user.pk,
            "code_hash": form.user.recovery_code_hash,
            "started_at": time.time(),
        }
        return redirect("accounts:recover_password")


@method_decorator(never_cache, name="dispatch")
class RecoverPasswordView(FormView):
    """Step two: a new password. The used code is replaced and the new one shown."""

    template_name = "accounts/recover_password.html"

    def start_again(self):
        self.request.session.pop(RECOVERY_SESSION_KEY, None)
        messages.error(self.request, _("Please enter your handle and recovery code again."))
        return redirect("accounts:recover")

    def dispatch(self, request, *args, **kwargs):
        self.recovery = request.session.get(RECOVERY_SESSION_KEY) or {}
        self.member = User.objects.filter(pk=self.recovery.get("user_id"), is_active=True).first()
        started = self.recovery.get("started_at", 0)
        if self.member is None or time.time() - started > RECOVERY_WINDOW_SECONDS:
            return self.start_again()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = SetPasswordForm(self.member, **self.get_form_kwargs())
        form.fields["new_password1"].help_text = PASSWORD_HELP
        form.fields["new_password2"].label = _("New password again")
        return form

    def form_valid(self, form):
        try:
            new_code = password_reset_with_recovery_code(
                user=self.member,
                proven_code_hash=self.recovery["code_hash"],
                new_password=form.cleaned_data["new_password1"],
            )
        except RecoveryCodeAlreadyUsed:
            return self.start_again()
        self.request.session.pop(RECOVERY_SESSION_KEY, None)
        code_to_show_remember(self.request, new_code)
        messages.success(
            self.request,
            _("Your password is changed and you're signed in. Save your new recovery code."),
        )
        # Proving the code and choosing a password is signing in; asking for
        # the password again would only be a chance to get it wrong. allauth's
        # login runs the same checks as the login form (a suspension, say).
        # The service saved the password on its own copy of the member; the
        # session must be tied to the new one.
        self.member.refresh_from_db()
        return perform_login(
            self.request, self.member, redirect_url=reverse("accounts:recovery_code_show")
        )


class ExportView(LoginRequiredMixin, View):
    def get(self, request):
        # The page lists what the download leaves out from the same declarations
        # the download is checked against, so the two can't drift apart.
        _exported, excluded = member_data_declared()
        left_out = sorted({str(reason) for reason in excluded.values()})
        return render(request, "accounts/export.html", {"left_out": left_out})

    def post(self, request):
        body = json.dumps(member_export(user=request.user), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="my-account.json"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(LoginRequiredMixin, FormView):
    template_name = "accounts/erase.html"

    def get_form(self, form_class=None):
        return ConfirmWithPasswordForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        member_erase(user=user)
        messages.success(self.request, _("Your account and everything in it are deleted."))
        return redirect("/")
