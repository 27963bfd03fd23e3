import hashlib
import hmac

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .recovery_session import code_to_show_remember
from .services import clean_handle, recovery_code_issue


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _(
            "That handle and password don't match. Check both and try again."
        ),
        "too_many_login_attempts": _("There were too many tries. Please wait a few minutes."),
    }

    def clean_username(self, username: str, shallow: bool = False) -> str:
        if shallow:
            return username
        return clean_handle(username)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            code_to_show_remember(request, recovery_code_issue(user=user))
            address_in_use = getattr(form, "email_already_in_use", "")
            if address_in_use:
                # The newcomer sees exactly what they would for a new address;
                # only the address's owner learns someone tried to use it.
                self.send_account_already_exists_mail(address_in_use)
                self.add_message(
                    request,
                    messages.INFO,
                    "account/messages/email_confirmation_sent.txt",
                    {"email": address_in_use, "login": True, "signup": True},
                )
        return user

    def get_signup_redirect_url(self, request) -> str:
        # The recovery code is shown once, right after signup, whatever `next` says.
        return resolve_url("accounts:recovery_code_show")

    def pre_authenticate(self, request, **credentials) -> None:
        # allauth reports a throttled login as a form error; people should see
        # the friendly "please wait" page, with a real 429 status.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if getattr(error, "code", None) == "too_many_login_attempts":
                raise ImmediateHttpResponse(ratelimit.respond_429(request)) from error
            raise

    def pre_login(self, request, user, **kwargs):
        # Other parts of the site may refuse a sign-in ("sign_in_check" hook: a
        # function taking the request and user, returning a response or None).
        for check in hooks.get_hooks("sign_in_check"):
            response = check(request, user)
            if response is not None:
                from allauth.account.internal.stagekit import clear_login

                clear_login(request)
                return response
        return super().pre_login(request, user, **kwargs)

    def get_client_ip(self, request) -> str:
        """A keyed hash of the address, never the address itself.

        allauth keys its short-lived rate-limit counters by client; hashing
        keeps the counters working while no cache entry holds an IP address.
        """
        address = super().get_client_ip(request)
        return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[
            :32
        ]

    def format_email_subject(self, subject: str) -> str:
        # Discreet: no site name or prefix in the subject line.
        return subject.strip()
