"""Pages that list threads: the forum's front page, a category, a tag."""

from taggit.models import Tag

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.views import View
from django.views.generic import ListView

from .. import list_cache, page_cache
from ..listing import listed_threads, reads_of, with_unread_marks
from ..models import THREADS_PER_PAGE, Category, Following, Thread


def stored_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body)
    # What a signed-out reader gets: a member's page at this address differs.
    patch_vary_headers(response, ["Cookie"])
    return response


def requested_page(request) -> int | str:
    """The page number asked for, or "last"; anything else is not a page."""
    page = request.GET.get("page") or 1
    if page == "last":
        return page
    try:
        return int(page)
    except ValueError:
        raise Http404 from None


class ForumIndexView(View):
    def get(self, request):
        signed_in = request.user.is_authenticated
        listed = list_cache.index_categories(signed_in=signed_in)
        whole_page = None
        if not signed_in and page_cache.cacheable(request):
            whole_page = list_cache.index_page()
        list_cache.fetch(*filter(None, [listed, whole_page]))
        if whole_page is not None and whole_page.value is not None:
            return stored_response(whole_page.value)
        if listed.value is None:
            listed.store(
                render_to_string(
                    "forum/category_list.html",
                    {"categories": Category.objects.with_activity(), "signed_in": signed_in},
                )
            )
        response = render(request, "forum/index.html", {"category_list": listed.value})
        if whole_page is not None and not response.cookies:
            whole_page.store(response.content)
        return response


class CategoryView(View):
    def get(self, request, slug):
        category = self.category(slug)
        number = requested_page(request)
        user = request.user
        can_read = category.can_read(user)
        rows = marks = whole_page = None
        if number != "last":
            rows = list_cache.category_rows(category.pk, number)
            if user.is_authenticated:
                marks = list_cache.member_marks(user.pk, category.pk, number)
            elif page_cache.cacheable(request):
                whole_page = list_cache.category_page(category.pk, number)
            list_cache.fetch(*filter(None, [rows, marks, whole_page]))
        if whole_page is not None and whole_page.value is not None:
            return stored_response(whole_page.value)
        listed, page = self.rows(category, number, readable=can_read, stored=rows)
        if marks is None or marks.value is None:
            following = Following.objects.level_for(user, category=category)
            reads = reads_of(user, listed)
            if marks is not None:
                marks.store((following, reads))
        else:
            following, reads = marks.value
        context = {
            "category": category,
            "can_read": can_read,
            "can_start": category.can_start_thread(user),
            "following": following,
            "rows": with_unread_marks(listed, reads),
            "page_obj": page,
        }
        response = render(request, "forum/category.html", context)
        if whole_page is not None and not response.cookies:
            whole_page.store(response.content)
        return response

    @staticmethod
    def category(slug: str) -> Category:
        stored = list_cache.category_by_slug(slug)
        list_cache.fetch(stored)
        if stored.value is None:
            stored.store(get_object_or_404(Category, slug=slug))
        return stored.value

    @staticmethod
    def rows(category: Category, number: int | str, *, readable: bool, stored):
        """This page's rows, from `stored` when it holds them, and the page. A
        list for someone who may not read the category is empty."""
        if readable and stored is not None and stored.value is not None:
            count, rows = stored.value
        else:
            threads = Thread.objects.visible().filter(category=category)
            count = threads.count() if readable else 0
            rows = None
        paginator = Paginator(range(count), THREADS_PER_PAGE)
        try:
            page = paginator.page(paginator.num_pages if number == "last" else number)
        except InvalidPage:
            raise Http404 from None
        if rows is None:
            start = (page.number - 1) * THREADS_PER_PAGE
            on_page = threads.for_list()[start : start + THREADS_PER_PAGE]
            rows = listed_threads(on_page) if count else []
            if readable and stored is not None:
                stored.store((count, rows))
        return rows, page


class TagView(ListView):
    template_name = "forum/tag.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, name=self.kwargs["tag"])
        return Thread.objects.visible_to(self.request.user).filter(tags=self.tag).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        rows = listed_threads(context["threads"], show_category=True)
        context["rows"] = with_unread_marks(rows, reads_of(self.request.user, rows))
        context["following"] = Following.objects.level_for(self.request.user, tag=self.tag)
        return context
