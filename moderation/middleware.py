from django.contrib.auth import logout

from .activity import visit_record
from .suspension import suspended_response


class SuspensionMiddleware:
    """A suspended member's open sessions end at their next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_suspended:
            logout(request)
            return suspended_response(request, user)
        return self.get_response(request)


class VisitMiddleware:
    """Counts the days a signed-in member visits, for trust levels: one row per
    member per day, nothing about the request itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and response.status_code < 400:
            visit_record(user)
        return response
