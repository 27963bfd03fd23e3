from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.roles import is_peer_moderator

from .forms import PostEditForm, ReplyForm, ThreadForm
from .models import POSTS_PER_PAGE, THREADS_PER_PAGE, Category, Post, PostRevision, Thread
from .services import (
    can_edit,
    can_reply,
    post_create,
    post_delete,
    post_edit,
    revision_purge,
    thread_create,
)


def show_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names."""
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


class ForumIndexView(TemplateView):
    template_name = "forum/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = Category.objects.with_activity()
        return context


class CategoryView(ListView):
    template_name = "forum/category.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        if not self.category.can_read(self.request.user):
            return Thread.objects.none()
        return Thread.objects.visible().filter(category=self.category).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["can_read"] = self.category.can_read(self.request.user)
        context["can_start"] = self.category.can_start_thread(self.request.user)
        return context


class TagView(ListView):
    template_name = "forum/tag.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        return (
            Thread.objects.visible_to(self.request.user)
            .filter(tags__name=self.kwargs["tag"])
            .for_list()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.kwargs["tag"], **kwargs)


def readable_thread(request, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=pk)
    if not thread.is_visible and not is_peer_moderator(request.user):
        raise Http404
    if not thread.category.can_read(request.user):
        raise Http404
    return thread


def render_thread(request, thread: Thread, *, page_number=None, reply_form=None, status=200):
    paginator = Paginator(range(thread.last_position), POSTS_PER_PAGE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    if reply_form is None:
        reply_form = ReplyForm(initial=quote_initial(request, thread))
    context = {
        "thread": thread,
        "category": thread.category,
        "posts": Post.objects.for_thread_page(thread, page.number),
        "page_obj": page,
        "reply_form": reply_form,
        "can_reply": can_reply(thread, request.user),
        "is_moderator": is_peer_moderator(request.user),
    }
    return render(request, "forum/thread.html", context, status=status)


def quote_initial(request, thread: Thread) -> dict:
    quoted_id = request.GET.get("quote", "")
    if not quoted_id.isdigit():
        return {}
    quoted = Post.objects.visible().filter(thread=thread, pk=int(quoted_id)).first()
    if quoted is None:
        return {}
    quoted_lines = "\n".join(f"> {line}" for line in quoted.body_source.splitlines())
    return {"body": f"{quoted_lines}\n\n", "quoted_post": quoted.pk}


class ThreadView(View):
    def get(self, request, pk, slug=None):
        thread = readable_thread(request, pk)
        if slug != thread.slug:
            target = thread.get_absolute_url()
            if request.GET:
                target += "?" + request.GET.urlencode()
            return redirect(target, permanent=True)
        return render_thread(request, thread)


class ReplyView(LoginRequiredMixin, View):
    def post(self, request, pk):
        thread = readable_thread(request, pk)
        form = ReplyForm(request.POST)
        if form.is_valid():
            quoted_id = form.cleaned_data.get("quoted_post")
            quoted = Post.objects.filter(pk=quoted_id, thread=thread).first() if quoted_id else None
            try:
                post = post_create(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    quoted_post=quoted,
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                return redirect(post.get_absolute_url())
        last_page = (thread.last_position - 1) // POSTS_PER_PAGE + 1
        return render_thread(request, thread, page_number=last_page, reply_form=form)


class ThreadCreateView(LoginRequiredMixin, FormView):
    template_name = "forum/thread_form.html"

    def startable_categories(self):
        return [
            category
            for category in Category.objects.all()
            if category.can_start_thread(self.request.user)
        ]

    def get_form(self, form_class=None):
        allowed = [category.pk for category in self.startable_categories()]
        return ThreadForm(
            categories=Category.objects.filter(pk__in=allowed), **self.get_form_kwargs()
        )

    def get_initial(self):
        chosen = Category.objects.filter(slug=self.request.GET.get("category", "")).first()
        return {"category": chosen} if chosen else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = self.startable_categories()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            thread = thread_create(
                category=data["category"],
                author=self.request.user,
                title=data["title"],
                body=data["body"],
                kind=data["kind"],
                content_warning=data["content_warning"],
                content_warning_other=data["content_warning_other"],
                tags=data["tags"],
            )
        except ValidationError as error:
            show_service_errors(form, error)
            return self.form_invalid(form)
        return redirect(thread.get_absolute_url())


class OwnPostMixin(LoginRequiredMixin):
    def get_post(self) -> Post:
        post = get_object_or_404(Post.objects.select_related("thread"), pk=self.kwargs["pk"])
        if not can_edit(post, self.request.user):
            raise PermissionDenied
        return post


class PostEditView(OwnPostMixin, View):
    template_name = "forum/post_edit.html"

    def get(self, request, pk):
        post = self.get_post()
        form = PostEditForm(initial={"body": post.body_source})
        return render(request, self.template_name, {"post": post, "form": form})

    def post(self, request, pk):
        post = self.get_post()
        form = PostEditForm(request.POST)
        if form.is_valid():
            try:
                post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                return redirect(post.get_absolute_url())
        return render(request, self.template_name, {"post": post, "form": form})


class PostDeleteView(OwnPostMixin, View):
    template_name = "forum/post_delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"post": self.get_post()})

    def post(self, request, pk):
        post = post_delete(post=self.get_post(), actor=request.user)
        messages.success(request, _("Your post is deleted."))
        return redirect(post.get_absolute_url())


class PostHistoryView(LoginRequiredMixin, View):
    """Earlier versions of a post, for its author and peer moderators."""

    def get(self, request, pk):
        post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
        is_author = post.author_id == request.user.pk
        if not (is_author or is_peer_moderator(request.user)):
            raise PermissionDenied
        context = {"post": post, "revisions": post.revisions.all(), "is_author": is_author}
        return render(request, "forum/post_history.html", context)


class RevisionPurgeView(LoginRequiredMixin, View):
    def post(self, request, pk):
        revision = get_object_or_404(PostRevision.objects.select_related("post"), pk=pk)
        revision_purge(revision=revision, actor=request.user)
        messages.success(request, _("That earlier version is gone for good."))
        return redirect("forum:post_history", pk=revision.post_id)
