"""What someone typed is never lost because a form could not be saved.

Two things stop a form on its way in: the session ended (signed out in
another tab, or the browser was closed on a shared device), or the database
was briefly too busy. In both cases the fields are kept in the session, the
person is sent back to the page the form was on (through sign-in if needed),
and that page shows the form again with their text in it and a short message.

`UnsentFormMiddleware` is the one place this happens; a page with a form
passes `unsent_fields(request)` as the form's data when it shows it.
"""

import secrets
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.db import OperationalError
from django.http import HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from core.unsent import NOT_SAVED, SIGNED_OUT

SESSION_KEY = "unsent_form"
# The address after sign-in carries this, so only the person who pressed Post
# gets their text back: someone else signing in later on the same browser,
# from a fresh sign-in page, lands without it and sees nothing.
CLAIM_PARAMETER = "unsent"
# Never kept: secrets in any form (passwords, one-time and recovery codes).
SECRET_FIELD_WORDS = ("password", "code", "token", "secret", "otp")
# Enough for the longest post and a form's other fields; anything bigger is
# not kept rather than filling the session.
MAX_FIELD_CHARACTERS = 25_000
MAX_TOTAL_CHARACTERS = 60_000
MAX_FIELDS = 60
# Kept for as long as signing back in could reasonably take.
KEEP_SECONDS = 60 * 60

SIGN_IN_FIRST = _(
    "You were signed out. Sign in to carry on where you left off; "
    "anything you wrote will be back in its box."
)


def _kept_fields(post: QueryDict) -> list[tuple[str, list[str]]]:
    """The form's fields worth giving back: never the security token, never a
    password, and only up to a size the session can hold."""
    kept, total = [], 0
    for name, values in post.lists():
        if any(word in name.lower() for word in SECRET_FIELD_WORDS):
            continue
        values = [value for value in values if len(value) <= MAX_FIELD_CHARACTERS]
        if not values:
            continue
        total += sum(len(value) for value in values)
        if total > MAX_TOTAL_CHARACTERS or len(kept) >= MAX_FIELDS:
            break
        kept.append((name, values))
    return kept


def unsent_keep(request, *, page: str, reason: str, claim: str = "") -> None:
    """Keep the fields of this POST for `page` (a path on this site). With a
    `claim`, they are given back only to a request that carries it."""
    request.session[SESSION_KEY] = {
        "page": urlsplit(page).path,
        "sent_to": request.path,
        "fields": _kept_fields(request.POST),
        "reason": reason,
        "kept_at": time.time(),
        "claim": claim,
    }


def _same_site_referer(request) -> str | None:
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(referer)
    # "//elsewhere.example/" would be read as another site's address.
    path = "/" + parts.path.lstrip("/")
    return path + (f"?{parts.query}" if parts.query else "")


def _shows_a_page(path: str) -> bool:
    """Whether `path` is one of the site's own views and answers GET."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    # Wagtail answers every address it can't place; only a page of our own is
    # sure to exist.
    if match.func.__module__.startswith("wagtail"):
        return False
    view_class = getattr(match.func, "view_class", None)
    return view_class is None or hasattr(view_class, "get")


def _parent_page(path: str) -> str:
    """The nearest page at or above a POST-only address:
    /forum/t/5/reply/ → /forum/t/5/."""
    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "".join(f"{part}/" for part in parts)
        if _shows_a_page(candidate):
            return candidate
    return "/"


def form_page(request) -> str:
    """Where the form that sent this POST was shown: the page it came from on
    this site, or the page above the address it was sent to."""
    referer = _same_site_referer(request)
    if referer and urlsplit(referer).path != request.path:
        return referer
    if _shows_a_page(request.path):
        # A form shown again at its own address, after a mistake in it.
        return referer or request.path
    return _parent_page(request.path)


def _is_login_redirect(response) -> bool:
    if not isinstance(response, HttpResponseRedirectBase):
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


class UnsentFormMiddleware:
    """Keeps a form's fields when it can't be saved, and gives them back on
    the page it came from. Needs the session, authentication and messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and request.user.is_authenticated:
            self._give_back(request)
        response = self.get_response(request)
        if getattr(request, "unsent_form", None) and isinstance(response, HttpResponseRedirectBase):
            # The page moved on (a thread's short address to its full one, a
            # POST-only address to its page): the form goes with it.
            request.unsent_form["page"] = urlsplit(response["Location"]).path
            request.session[SESSION_KEY] = request.unsent_form
        signed_out = not request.user.is_authenticated
        if request.method == "POST" and signed_out and _is_login_redirect(response):
            return self._sign_in_first(request)
        if request.method == "GET" and response.status_code == 405:
            # A POST-only address opened as a page (an old "next" link, say).
            page = _same_site_referer(request) or _parent_page(request.path)
            if getattr(request, "unsent_form", None):
                request.unsent_form["page"] = urlsplit(page).path
                request.session[SESSION_KEY] = request.unsent_form
            return HttpResponseRedirect(page)
        return response

    def process_exception(self, request, exception):
        # OperationalError is what a busy or briefly unreachable database
        # raises; anything else is a real fault and still a 500.
        if request.method != "POST" or not isinstance(exception, OperationalError):
            return None
        page = form_page(request)
        unsent_keep(request, page=page, reason=NOT_SAVED)
        return HttpResponseRedirect(page)

    def _sign_in_first(self, request):
        page = form_page(request)
        claim = secrets.token_urlsafe(16)
        unsent_keep(request, page=page, reason=SIGNED_OUT, claim=claim)
        separator = "&" if "?" in page else "?"
        after_sign_in = f"{page}{separator}{urlencode({CLAIM_PARAMETER: claim})}"
        login = resolve_url(settings.LOGIN_URL)
        messages.info(request, SIGN_IN_FIRST)
        return HttpResponseRedirect(f"{login}?{urlencode({'next': after_sign_in})}")

    def _give_back(self, request):
        unsent = request.session.get(SESSION_KEY)
        if not unsent:
            return
        if time.time() - unsent.get("kept_at", 0) > KEEP_SECONDS:
            del request.session[SESSION_KEY]
            return
        if unsent["page"] != request.path:
            return
        claim = unsent.get("claim", "")
        if claim and not secrets.compare_digest(request.GET.get(CLAIM_PARAMETER, ""), claim):
            return
        del request.session[SESSION_KEY]
        # Claimed: if this page moves on, the text follows without the claim.
        unsent["claim"] = ""
        request.unsent_form = unsent
