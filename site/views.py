from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views import View
from django.views.generic import RedirectView

from wagtail.models import Page

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


class SearchView(View):
    template_name = "search/results.html"

    def get(self, request):
        query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
        results = None
        if query:
            paginator = Paginator(
                Page.objects.live().public().specific().search(query),
                SEARCH_RESULTS_PER_PAGE,
            )
            try:
                results = paginator.page(request.GET.get("page", 1))
            except PageNotAnInteger:
                results = paginator.page(1)
            except EmptyPage:
                results = paginator.page(paginator.num_pages)
        return render(request, self.template_name, {"query": query, "results": results})


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
