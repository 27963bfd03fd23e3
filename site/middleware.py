from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.http import Http404
from django.shortcuts import render


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_PATH_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere; the Wagtail admin gets the looser one it needs."""

    def process_response(self, request, response):
        if is_admin_path(request.path_info):
            # A page preview is rendered by replaying the middleware for the
            # page's public URL, which stamps the public policy on it; inside
            # the admin the admin's policy is the one that applies.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


# What members write, and everything about members, stays out of search
# engines; robots.txt asks the same of crawlers.
UNINDEXED_PREFIXES = (
    "/forum/",
    "/members/",
    "/moderation/",
    "/notifications/",
    "/account/",
    "/search/",
    # The page a link in an email opens: its address is a member's key.
    "/email/",
)


class PrivacyHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy on every response,
    noindex on members' pages, and same-origin framing under the admin, where
    Wagtail frames its previews."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path_info.startswith(UNINDEXED_PREFIXES):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        if is_admin_path(request.path_info):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


# The admin's own sign-in, reset and sign-out addresses, which anyone may reach.
ADMIN_OPEN_PATHS = ("login/", "password_reset/", "logout/")


class AdminAreaMiddleware:
    """A signed-in member without admin access gets a page that says the admin
    is for peer authors and moderators. Wagtail would send them to sign in,
    and signing in sends a signed-in member straight back: a redirect loop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            is_admin_path(path)
            and request.user.is_authenticated
            and not path.removeprefix(settings.ADMIN_PATH_PREFIX).startswith(ADMIN_OPEN_PATHS)
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "403_admin.html", status=403)
        return self.get_response(request)


class NulCharacterMiddleware:
    """No address on this site has a NUL character in it: one in the path or
    the query string is a page that doesn't exist. Databases refuse NUL in
    text (PostgreSQL raises an error), so this stops it before any view
    looks something up with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise Http404
        return self.get_response(request)
