"""What members do around posts: follow, react, bookmark, mark the reply that
helped, and their forum settings."""

from taggit.models import Tag

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, UpdateView

from moderation.models import ModerationState

from ..forms import PreferencesForm
from ..models import (
    THREADS_PER_PAGE,
    Bookmark,
    Category,
    FollowLevel,
    ForumPreferences,
    Post,
    Reaction,
)
from ..services.social import bookmark_toggle, following_set, post_mark_helpful, reaction_toggle
from .threads import readable_post, readable_thread


def back_to(request, fallback: str) -> str:
    """Where a plain form post returns to: the page it came from, on this site only."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


FOLLOW_MESSAGES = {
    FollowLevel.WATCH: gettext_lazy("You'll get notifications for new posts here."),
    FollowLevel.MUTE: gettext_lazy("Muted. You won't get notifications from here."),
    None: gettext_lazy("Back to the usual notifications."),
}


class FollowView(LoginRequiredMixin, View):
    """Watch, mute, or reset a thread (pk), category (slug) or tag (name)."""

    def post(self, request, **target):
        level = request.POST.get("level")
        level = level if level in FollowLevel.values else None
        if "pk" in target:
            thread = readable_thread(request, target["pk"])
            following_set(user=request.user, level=level, thread=thread)
            fallback = thread.get_absolute_url()
        elif "slug" in target:
            category = get_object_or_404(Category, slug=target["slug"])
            following_set(user=request.user, level=level, category=category)
            fallback = category.get_absolute_url()
        else:
            tag = get_object_or_404(Tag, name=target["tag"])
            following_set(user=request.user, level=level, tag=tag)
            fallback = reverse("forum:index")
        messages.success(request, FOLLOW_MESSAGES[level])
        return redirect(back_to(request, fallback))


class ReactView(LoginRequiredMixin, View):
    """Toggle a reaction. Answers JSON to the page script, or sends a plain form
    post back to the post."""

    def post(self, request, pk):
        return react(request, readable_post(request, pk), request.POST.get("kind", ""))


class ThreadActionsView(LoginRequiredMixin, View):
    """The thread page's one form. Its buttons say what they do by name and
    value: `react` ("<post id>:<kind>"), `bookmark` or `helpful` (a post id).
    Each does what the post's own address does (ReactView, BookmarkView,
    HelpfulView) and comes back to the post."""

    def get(self, request, pk):
        # Where signing in sends someone whose session ended before they pressed.
        return redirect(readable_thread(request, pk).get_absolute_url())

    def post(self, request, pk):
        thread = readable_thread(request, pk)
        for action in ("react", "bookmark", "helpful"):
            if action in request.POST:
                post_id, _sep, kind = request.POST[action].partition(":")
                break
        else:
            return redirect(back_to(request, thread.get_absolute_url()))
        if not (post_id.isascii() and post_id.isdecimal() and len(post_id) <= 18):
            raise Http404
        post = get_object_or_404(Post, pk=int(post_id), thread=thread)
        if action == "react":
            return react(request, post, kind)
        if action == "bookmark":
            added = bookmark_toggle(post=post, user=request.user)
            messages.success(request, _("Bookmarked.") if added else _("Bookmark removed."))
        else:
            post = post_helpful_mark(request, post)
        fallback = thread.get_absolute_url()
        return redirect(f"{back_to(request, fallback)}#post-{post.position}")


def react(request, post, kind: str):
    """Toggle a reaction. Answers JSON to the page script, or sends a plain form
    post back to the post."""
    try:
        added = reaction_toggle(post=post, user=request.user, kind=kind)
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    if request.headers.get("Accept") == "application/json":
        count = Reaction.objects.filter(post=post, kind=kind).count()
        return JsonResponse({"kind": kind, "active": added, "count": count})
    return redirect(post.get_absolute_url())


def post_helpful_mark(request, post):
    thread = post_mark_helpful(post=post, user=request.user)
    if thread.helpful_post_id:
        messages.success(request, _("Marked as the reply that helped."))
    return post


class BookmarkView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = readable_post(request, pk)
        added = bookmark_toggle(post=post, user=request.user)
        messages.success(request, _("Bookmarked.") if added else _("Bookmark removed."))
        return redirect(back_to(request, post.get_absolute_url()))


class BookmarksView(LoginRequiredMixin, ListView):
    template_name = "forum/bookmarks.html"
    context_object_name = "bookmarks"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        return (
            Bookmark.objects.filter(user=self.request.user)
            .filter(
                post__moderation_state=ModerationState.VISIBLE,
                post__thread__moderation_state=ModerationState.VISIBLE,
            )
            .select_related("post__thread", "post__author")
        )


class HelpfulView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = post_helpful_mark(request, readable_post(request, pk))
        return redirect(post.get_absolute_url())


class PreferencesView(LoginRequiredMixin, UpdateView):
    template_name = "forum/preferences.html"
    form_class = PreferencesForm

    def get_object(self, queryset=None):
        return ForumPreferences.for_user(self.request.user)

    def get_success_url(self):
        messages.success(self.request, _("Your forum settings are saved."))
        return self.request.path
