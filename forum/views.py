from taggit.models import Tag

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView, UpdateView

from accounts.roles import is_peer_moderator
from core.forms import redirect_to_message, show_service_errors
from core.unsent import unsent_fields
from moderation.activity import reading_record
from moderation.forms import nudge_acknowledged
from moderation.models import ModerationAction, ModerationState
from moderation.screening import Nudge
from moderation.writing import read_only_note

from . import page_cache
from .forms import (
    DoseFormSet,
    ExperienceReportForm,
    PostEditForm,
    PreferencesForm,
    ReplyForm,
    TagsForm,
    ThreadForm,
    ThreadLockForm,
    ThreadMoveForm,
    ThreadSlowModeForm,
)
from .models import (
    POSTS_PER_PAGE,
    THREADS_PER_PAGE,
    Bookmark,
    Category,
    Following,
    FollowLevel,
    ForumPreferences,
    Notification,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    Thread,
    ThreadKind,
    ThreadRead,
)
from .services import (
    bookmark_toggle,
    can_edit,
    can_edit_tags,
    can_reply,
    following_set,
    ignored_ids,
    notification_open,
    notifications_mark_all_read,
    post_create,
    post_delete,
    post_edit,
    post_mark_helpful,
    reaction_toggle,
    revision_purge,
    thread_create,
    thread_lock,
    thread_mark_read,
    thread_move,
    thread_slow_mode,
    thread_tags_set,
)


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


class TagView(ListView):
    template_name = "forum/tag.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

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


def readable_thread(request, pk: int) -> Thread:
    """The thread, if this person may open it. Its author may open it while it
    is held or hidden, to see why and appeal."""
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=pk)
    user = request.user
    is_author = user.is_authenticated and thread.author_id == user.pk
    if not thread.is_visible and not (is_peer_moderator(user) or is_author):
        raise Http404
    if not thread.category.can_read(request.user):
        raise Http404
    return thread


def render_thread(
    request, thread: Thread, *, page_number=None, reply_form=None, status=200, nudge=None
):
    user = request.user
    paginator = Paginator(range(thread.last_position), POSTS_PER_PAGE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    if reply_form is None:
        unsent = unsent_fields(request, sent_to=reverse("forum:reply", args=[thread.pk]))
        reply_form = ReplyForm(unsent, initial=quote_initial(request, thread))
    posts = list(Post.objects.for_thread_page(thread, page.number, viewer=user))
    preferences = ForumPreferences.for_user(user)
    page_url = thread.get_absolute_url()
    if page.number > 1:
        page_url += f"?page={page.number}"
    context = {
        "page_url": page_url,
        "nudge": nudge,
        "ignored": ignored_ids(user),
        "thread": thread,
        "category": thread.category,
        "posts": posts,
        "page_obj": page,
        "reply_form": reply_form,
        "can_reply": can_reply(thread, user),
        "can_edit_tags": can_edit_tags(thread, user),
        "read_only_note": read_only_note(user)
        if user.is_authenticated and user.is_silenced
        else "",
        "is_moderator": is_peer_moderator(user),
        "open_warning": preferences.opens_warning(thread.content_warning),
        "reaction_kinds": ReactionKind.choices,
        "my_reactions": set(),
        "my_bookmarks": set(),
        "following": None,
        "report": getattr(thread, "report", None)
        if thread.kind == ThreadKind.EXPERIENCE_REPORT
        else None,
    }
    if user.is_authenticated and posts:
        post_ids = [post.pk for post in posts]
        context["my_reactions"] = set(
            Reaction.objects.filter(user=user, post_id__in=post_ids).values_list("post_id", "kind")
        )
        context["my_bookmarks"] = set(
            Bookmark.objects.filter(user=user, post_id__in=post_ids).values_list(
                "post_id", flat=True
            )
        )
        context["following"] = Following.objects.level_for(user, thread=thread)
        # On the last page everything is read, even posts still held for review.
        last_read = thread.last_position if not page.has_next() else posts[-1].position
        thread_mark_read(user=user, thread=thread, position=last_read)
        reading_record(user)
    return render(request, "forum/thread.html", context, status=status)


def quote_initial(request, thread: Thread) -> dict:
    quoted_id = request.GET.get("quote", "")
    if not (quoted_id.isascii() and quoted_id.isdecimal() and len(quoted_id) <= 18):
        return {}
    quoted = Post.objects.visible().filter(thread=thread, pk=int(quoted_id)).first()
    if quoted is None:
        return {}
    quoted_lines = "\n".join(f"> {line}" for line in quoted.body_source.splitlines())
    return {"body": f"{quoted_lines}\n\n", "quoted_post": quoted.pk}


class ThreadView(View):
    def get(self, request, pk, slug=None):
        use_cache = page_cache.cacheable(request) and slug is not None
        page = request.GET.get("page", "1")
        if use_cache:
            body = page_cache.page_get(pk, page, slug)
            if body is not None:
                return HttpResponse(body)
        try:
            thread = readable_thread(request, pk)
        except Http404:
            return hidden_thread_placeholder(request, pk)
        if request.GET.get("unread") and request.user.is_authenticated:
            read = ThreadRead.objects.filter(user=request.user, thread=thread).first()
            position = min((read.last_read_position if read else 0) + 1, thread.last_position)
            page = (position - 1) // POSTS_PER_PAGE + 1
            return redirect(f"{thread.get_absolute_url()}?page={page}#post-{position}")
        if slug != thread.slug:
            target = thread.get_absolute_url()
            if request.GET:
                target += "?" + request.GET.urlencode()
            return redirect(target, permanent=True)
        response = render_thread(request, thread)
        if use_cache and response.status_code == 200 and not response.cookies:
            page_cache.page_store(pk, page, slug, response.content)
        return response


def hidden_thread_placeholder(request, pk: int):
    """A thread hidden pending review keeps its address, as a placeholder that
    says why; its title may be the problem, so it isn't shown."""
    thread = Thread.objects.filter(pk=pk, moderation_state=ModerationState.HIDDEN).first()
    if thread is None or not thread.category.can_read(request.user):
        raise Http404
    return render(request, "forum/thread_hidden.html", {"thread": thread})


class ReplyView(LoginRequiredMixin, View):
    def post(self, request, pk):
        thread = readable_thread(request, pk)
        form = ReplyForm(request.POST)
        if form.is_valid():
            quoted_id = form.cleaned_data.get("quoted_post")
            quoted = (
                Post.objects.visible().filter(pk=quoted_id, thread=thread).first()
                if quoted_id
                else None
            )
            try:
                post = post_create(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    quoted_post=quoted,
                    nudge_acknowledged=nudge_acknowledged(request),
                )
            except ValidationError as error:
                show_service_errors(form, error)
            except Nudge as nudge:
                last_page = (thread.last_position - 1) // POSTS_PER_PAGE + 1
                return render_thread(
                    request, thread, page_number=last_page, reply_form=form, nudge=nudge.screening
                )
            else:
                if post.is_held:
                    messages.info(request, HELD_MESSAGE)
                return redirect(post.get_absolute_url())
        last_page = (thread.last_position - 1) // POSTS_PER_PAGE + 1
        return render_thread(request, thread, page_number=last_page, reply_form=form)


HELD_MESSAGE = _(
    "Thanks for posting. A peer moderator will look at it before others can see it; "
    "that usually happens within a day."
)


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

    def submitted(self):
        """What was sent: this POST, or a form given back after it couldn't be saved."""
        if self.request.method == "POST":
            return self.request.POST
        return unsent_fields(self.request)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["data"] = self.submitted()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = self.startable_categories()
        if self.request.user.is_silenced:
            context["read_only_note"] = read_only_note(self.request.user)
        # The report's fields are checked only for an experience report; any
        # other kind of thread never shows their errors.
        submitted = self.submitted()
        is_report = submitted is not None and submitted.get("kind") == ThreadKind.EXPERIENCE_REPORT
        data = submitted if is_report else None
        context.setdefault("report_form", ExperienceReportForm(data, prefix="report"))
        context.setdefault("dose_formset", DoseFormSet(data, prefix="doses"))
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        report, doses = None, None
        report_form, dose_formset = None, None
        if data["kind"] == ThreadKind.EXPERIENCE_REPORT:
            report_form = ExperienceReportForm(self.request.POST, prefix="report")
            dose_formset = DoseFormSet(self.request.POST, prefix="doses")
            if not (report_form.is_valid() and dose_formset.is_valid()):
                return self.render_to_response(
                    self.get_context_data(
                        form=form, report_form=report_form, dose_formset=dose_formset
                    )
                )
            report, doses = report_form.cleaned_data, dose_formset.doses()
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
                report=report,
                doses=doses,
                nudge_acknowledged=nudge_acknowledged(self.request),
            )
        except ValidationError as error:
            if report_form is None:
                show_service_errors(form, error)
                return self.form_invalid(form)
            show_report_errors(form, report_form, dose_formset, error)
            return self.render_to_response(
                self.get_context_data(form=form, report_form=report_form, dose_formset=dose_formset)
            )
        except Nudge as nudge:
            return self.render_to_response(self.get_context_data(form=form, nudge=nudge.screening))
        if thread.is_held:
            messages.info(self.request, HELD_MESSAGE)
        return redirect(thread.get_absolute_url())


def show_report_errors(form, report_form, dose_formset, error: ValidationError) -> None:
    """Put each of the service's errors beside the report field it names, the
    dose chart's beside the first substance, and the rest on the thread form."""
    if not hasattr(error, "error_dict"):
        show_service_errors(form, error)
        return
    for field, field_messages in error.message_dict.items():
        if field in report_form.fields:
            report_form.add_error(field, field_messages)
        elif field == "doses" and dose_formset.forms:
            written = [dose for dose in dose_formset.forms if dose.cleaned_data.get("substance")]
            (written or dose_formset.forms)[0].add_error("substance", field_messages)
        else:
            form.add_error(field if field in form.fields else None, field_messages)


class OwnPostMixin(LoginRequiredMixin):
    def get_post(self) -> Post:
        post = get_object_or_404(Post.objects.select_related("thread"), pk=self.kwargs["pk"])
        if not can_edit(post, self.request.user):
            raise PermissionDenied
        return post


class PostEditView(OwnPostMixin, View):
    template_name = "forum/post_edit.html"

    def render_form(self, post, form, nudge=None, status=200):
        context = {"post": post, "form": form, "nudge": nudge, "someone_elses": form.someone_elses}
        return render(self.request, self.template_name, context, status=status)

    def make_form(self, post, *args, **kwargs):
        form = PostEditForm(*args, someone_elses=post.author_id != self.request.user.pk, **kwargs)
        form.someone_elses = "reason" in form.fields
        return form

    def get(self, request, pk):
        post = self.get_post()
        return self.render_form(
            post, self.make_form(post, unsent_fields(request), initial={"body": post.body_source})
        )

    def post(self, request, pk):
        post = self.get_post()
        form = self.make_form(post, request.POST)
        nudge = None
        if form.is_valid():
            try:
                post_edit(
                    post=post,
                    editor=request.user,
                    body=form.cleaned_data["body"],
                    nudge_acknowledged=nudge_acknowledged(request),
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as error:
                show_service_errors(form, error)
            except Nudge as raised:
                nudge = raised.screening
            else:
                if post.is_held:
                    messages.info(request, HELD_MESSAGE)
                elif form.someone_elses:
                    messages.success(request, _("Saved and logged. The author is told why."))
                return redirect(post.get_absolute_url())
        status = 200 if nudge is not None else 400
        return self.render_form(post, form, nudge=nudge, status=status)


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


def back_to(request, fallback: str) -> str:
    """Where a plain form post returns to: the page it came from, on this site only."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


class FollowView(LoginRequiredMixin, View):
    """Watch, mute, or reset a thread (pk), category (slug) or tag (name)."""

    def post(self, request, **target):
        level = request.POST.get("level")
        level = level if level in FollowLevel.values else None
        if "pk" in target:
            thing = readable_thread(request, target["pk"])
            following_set(user=request.user, level=level, thread=thing)
        elif "slug" in target:
            thing = get_object_or_404(Category, slug=target["slug"])
            following_set(user=request.user, level=level, category=thing)
        else:
            thing = get_object_or_404(Tag, name=target["tag"])
            following_set(user=request.user, level=level, tag=thing)
        messages.success(request, FOLLOW_MESSAGES[level])
        fallback = thing.get_absolute_url() if hasattr(thing, "get_absolute_url") else "/forum/"
        return redirect(back_to(request, fallback))


FOLLOW_MESSAGES = {
    FollowLevel.WATCH: _("You'll get notifications for new posts here."),
    FollowLevel.MUTE: _("Muted. You won't get notifications from here."),
    None: _("Back to the usual notifications."),
}


def readable_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    readable_thread(request, post.thread_id)
    return post


class PostLinkView(View):
    """A post's own address, wherever it sits in its thread now."""

    def get(self, request, pk):
        return redirect(readable_post(request, pk).get_absolute_url())


class ReactView(LoginRequiredMixin, View):
    """Toggle a reaction. Answers JSON to the page script, or sends a plain form
    post back to the post."""

    def post(self, request, pk):
        post = readable_post(request, pk)
        kind = request.POST.get("kind", "")
        try:
            added = reaction_toggle(post=post, user=request.user, kind=kind)
        except ValidationError as error:
            return JsonResponse({"error": error.messages[0]}, status=400)
        if request.headers.get("Accept") == "application/json":
            count = Reaction.objects.filter(post=post, kind=kind).count()
            return JsonResponse({"kind": kind, "active": added, "count": count})
        return redirect(post.get_absolute_url())


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
        post = readable_post(request, pk)
        thread = post_mark_helpful(post=post, user=request.user)
        if thread.helpful_post_id:
            messages.success(request, _("Marked as the reply that helped."))
        return redirect(post.get_absolute_url())


class NotificationsView(LoginRequiredMixin, ListView):
    template_name = "forum/notifications.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).visible().for_list()


class NotificationOpenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        notification = get_object_or_404(
            Notification.objects.select_related("post__thread"), pk=pk, recipient=request.user
        )
        notification_open(notification=notification)
        if notification.moderation_action_id is not None:
            return redirect("moderation:decision", pk=notification.moderation_action_id)
        if notification.queue_item_id is not None:
            return redirect("moderation:item", pk=notification.queue_item_id)
        if notification.post is not None:
            return redirect(notification.post.get_absolute_url())
        return redirect("notifications")


class NotificationsReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications")


class PreferencesView(LoginRequiredMixin, UpdateView):
    template_name = "forum/preferences.html"
    form_class = PreferencesForm

    def get_object(self, queryset=None):
        return ForumPreferences.for_user(self.request.user)

    def get_success_url(self):
        messages.success(self.request, _("Your forum settings are saved."))
        return self.request.path


class ThreadModerateView(LoginRequiredMixin, View):
    """Peer moderators' thread tools: lock, move, slow mode. Each needs a reason
    and lands in the moderation log."""

    template_name = "forum/thread_moderate.html"

    def get_thread(self) -> Thread:
        if not is_peer_moderator(self.request.user):
            raise PermissionDenied
        return get_object_or_404(
            Thread.objects.select_related("category", "author"), pk=self.kwargs["pk"]
        )

    def render_tools(self, thread, status=200, **forms):
        context = {
            "thread": thread,
            "lock_form": ThreadLockForm(prefix="lock"),
            "move_form": ThreadMoveForm(prefix="move", thread=thread),
            "slow_form": ThreadSlowModeForm(
                prefix="slow", initial={"minutes": thread.slow_mode_minutes}
            ),
            "history": ModerationAction.objects.filter(
                content_type=ContentType.objects.get_for_model(Thread), object_id=thread.pk
            ).for_log()[:20],
            **forms,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_tools(self.get_thread())

    def post(self, request, pk):
        thread = self.get_thread()
        tool = request.POST.get("tool")
        if tool == "lock":
            form, key = ThreadLockForm(request.POST, prefix="lock"), "lock_form"
        elif tool == "move":
            form, key = ThreadMoveForm(request.POST, prefix="move", thread=thread), "move_form"
        elif tool == "slow":
            form, key = ThreadSlowModeForm(request.POST, prefix="slow"), "slow_form"
        else:
            return redirect("forum:thread_moderate", pk=thread.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if tool == "lock":
                    thread_lock(
                        thread=thread,
                        moderator=request.user,
                        locked=not thread.is_locked,
                        reason=data["reason"],
                    )
                elif tool == "move":
                    thread_move(
                        thread=thread,
                        moderator=request.user,
                        category=data["category"],
                        reason=data["reason"],
                    )
                else:
                    thread_slow_mode(
                        thread=thread,
                        moderator=request.user,
                        minutes=data["minutes"],
                        reason=data["reason"],
                    )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Done, and logged."))
                return redirect_to_message(thread.get_absolute_url())
        return self.render_tools(thread, status=400, **{key: form})


class ThreadTagsView(LoginRequiredMixin, View):
    """Tidy a thread's tags: its author, members at trust level 2 and up, moderators."""

    template_name = "forum/thread_tags.html"

    def get_thread(self) -> Thread:
        thread = readable_thread(self.request, self.kwargs["pk"])
        if not can_edit_tags(thread, self.request.user):
            raise PermissionDenied
        return thread

    def get(self, request, pk):
        thread = self.get_thread()
        form = TagsForm(
            unsent_fields(request),
            initial={"tags": ", ".join(tag.name for tag in thread.tags.all())},
        )
        return render(request, self.template_name, {"thread": thread, "form": form})

    def post(self, request, pk):
        thread = self.get_thread()
        form = TagsForm(request.POST)
        if form.is_valid():
            try:
                thread_tags_set(thread=thread, editor=request.user, tags=form.cleaned_data["tags"])
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Tags saved."))
                return redirect(thread.get_absolute_url())
        return render(request, self.template_name, {"thread": thread, "form": form})
