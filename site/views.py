from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView

from forum.models import Category
from peerkb.models import SafetySettings
from peerkb.search_text import search_query

from .middleware import UNINDEXED_PREFIXES
from .search import PLACES, SiteSearch


class SearchView(View):
    """One search box for the whole site: articles, the forum and pages, all
    together or one kind at a time."""

    template_name = "search/results.html"

    def get(self, request):
        query = search_query(request.GET.get("q", ""))
        readable = [
            category for category in Category.objects.all() if category.can_read(request.user)
        ]
        category = next(
            (item for item in readable if item.slug == request.GET.get("category")), None
        )
        tag = request.GET.get("tag", "").strip()[:30]
        context = {
            "query": query,
            "categories": readable,
            "chosen_category": category,
            "tag": tag,
            "results": None,
        }
        if query:
            search = SiteSearch(query=query, user=request.user, category=category, tag=tag)
            where = request.GET.get("where")
            if where not in PLACES:
                where = "all"
            context.update(
                where=where,
                counts=search.counts,
                results=search.page(where, request.GET.get("page")),
            )
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class QuickExitView(View):
    """Quick exit for members who asked it to sign them out: end the session,
    then go to the neutral site from the Safety setting.

    The quick-exit control is a plain link so that it works without
    JavaScript, so this signs out on GET, which a URL that changes something
    normally must not do: another site could send someone here. The most that
    can do is sign them out, which loses nothing (no form, no draft) and harms
    no one; a quick exit that asked to confirm, or failed, could. The Lax
    session cookie isn't even sent on another site's images or forms, only when
    the person's own tab comes here. The destination is never read from the
    request, so this can't be used to send people somewhere else. Never cached:
    a remembered redirect would skip the sign-out.
    """

    http_method_names = ["get", "head"]

    def get(self, request):
        logout(request)
        safety = SafetySettings.for_request(request)
        response = HttpResponseRedirect(safety.quick_exit_url)
        # The neutral site must not learn which page someone left from.
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


class AdminSideDoorRedirect(RedirectView):
    """The Wagtail admin's own login and reset pages send people to allauth's,
    so every sign-in goes through the same rate limits."""

    pattern_name = None
    query_string = True
    permanent = False


def bad_request(request, exception=None):
    """A request the site couldn't read, on the site's own page: what
    happened, that nothing was saved, and what to do. A body over
    DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 (Content Too Large)."""
    if isinstance(exception, RequestDataTooBig):
        reason, status = "too_big", 413
    elif isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        reason, status = "too_many_fields", 400
    else:
        reason, status = "unreadable", 400
    return render(request, "400.html", {"reason": reason}, status=status)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say what to do, in plain words."""
    return render(request, "403_csrf.html", status=403)


def robots_txt(request):
    """Crawlers may read the public pages, never what members write."""
    lines = ["User-agent: *", *[f"Disallow: {prefix}" for prefix in UNINDEXED_PREFIXES]]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
