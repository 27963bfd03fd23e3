"""Pages that list threads: the forum's front page, a category, a tag."""

from taggit.models import Tag

from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from ..models import THREADS_PER_PAGE, Category, Following, Thread
from ..services.reading import read_positions_apply


class ForumIndexView(TemplateView):
    template_name = "forum/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = Category.objects.with_activity()
        return context


class ThreadListMixin:
    """A page of threads from `for_list(user)`, with how far the member has
    read each one, including what they read since the last flush."""

    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        threads = list(context["object_list"])
        read_positions_apply(user=self.request.user, threads=threads)
        context["object_list"] = context[self.context_object_name] = threads
        return context


class CategoryView(ThreadListMixin, ListView):
    template_name = "forum/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        if not self.category.can_read(self.request.user):
            return Thread.objects.none()
        return Thread.objects.visible().filter(category=self.category).for_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["can_read"] = self.category.can_read(self.request.user)
        context["can_start"] = self.category.can_start_thread(self.request.user)
        context["following"] = Following.objects.level_for(
            self.request.user, category=self.category
        )
        return context


class TagView(ThreadListMixin, ListView):
    template_name = "forum/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, name=self.kwargs["tag"])
        return (
            Thread.objects.visible_to(self.request.user)
            .filter(tags=self.tag)
            .for_list(self.request.user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        context["following"] = Following.objects.level_for(self.request.user, tag=self.tag)
        return context
