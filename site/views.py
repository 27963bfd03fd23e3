from django.http import HttpResponse
from django.shortcuts import render
from django.views import View
from django.views.generic import RedirectView

from forum.models import Category
from peerkb.search import search_query

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


class AdminSideDoorRedirect(RedirectView):
    """The Wagtail admin's own login and reset pages send people to allauth's,
    so every sign-in goes through the same rate limits."""

    pattern_name = None
    query_string = True
    permanent = False


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say what to do, in plain words."""
    return render(request, "403_csrf.html", status=403)


def robots_txt(request):
    """Crawlers may read the public pages, never what members write."""
    lines = ["User-agent: *", *[f"Disallow: {prefix}" for prefix in UNINDEXED_PREFIXES]]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
