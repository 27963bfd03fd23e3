"""Thread tools: peer moderators' lock, move and slow mode, and tidying tags."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.roles import is_peer_moderator
from core.forms import redirect_to_message, show_service_errors
from core.unsent import unsent_fields
from moderation.models import ModerationAction

from ..forms import TagsForm, ThreadLockForm, ThreadMoveForm, ThreadSlowModeForm
from ..models import Thread
from ..permissions import can_edit_tags
from ..services.thread_tools import thread_lock, thread_move, thread_slow_mode, thread_tags_set
from .threads import readable_thread


class ThreadToolMixin(LoginRequiredMixin):
    """Peer moderators' thread tools: lock, move, slow mode. Each needs a reason
    and lands in the moderation log. All three share one page; each tool's view
    checks its form, applies its one verb, and shows the page again on an error."""

    template_name = "forum/thread_moderate.html"
    # For a tool's view: the prefix of its form, which is also the name the page
    # posts in its `tool` field, and the page's context name for the form.
    prefix = ""
    form_key = ""

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

    def make_form(self, thread):
        raise NotImplementedError

    def apply(self, thread, data) -> None:
        """Make the change; raises ValidationError when it can't be made."""
        raise NotImplementedError

    def post(self, request, pk):
        thread = self.get_thread()
        form = self.make_form(thread)
        if form.is_valid():
            try:
                self.apply(thread, form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Done, and logged."))
                return redirect_to_message(thread.get_absolute_url())
        return self.render_tools(thread, status=400, **{self.form_key: form})


class ThreadLockView(ThreadToolMixin, View):
    prefix, form_key = "lock", "lock_form"

    def make_form(self, thread):
        return ThreadLockForm(self.request.POST, prefix=self.prefix)

    def apply(self, thread, data) -> None:
        thread_lock(
            thread=thread,
            moderator=self.request.user,
            locked=not thread.is_locked,
            reason=data["reason"],
        )


class ThreadMoveView(ThreadToolMixin, View):
    prefix, form_key = "move", "move_form"

    def make_form(self, thread):
        return ThreadMoveForm(self.request.POST, prefix=self.prefix, thread=thread)

    def apply(self, thread, data) -> None:
        thread_move(
            thread=thread,
            moderator=self.request.user,
            category=data["category"],
            reason=data["reason"],
        )


class ThreadSlowModeView(ThreadToolMixin, View):
    prefix, form_key = "slow", "slow_form"

    def make_form(self, thread):
        return ThreadSlowModeForm(self.request.POST, prefix=self.prefix)

    def apply(self, thread, data) -> None:
        thread_slow_mode(
            thread=thread,
            moderator=self.request.user,
            minutes=data["minutes"],
            reason=data["reason"],
        )


THREAD_TOOLS = {
    view.prefix: view.as_view() for view in (ThreadLockView, ThreadMoveView, ThreadSlowModeView)
}


class ThreadToolsView(ThreadToolMixin, View):
    """The thread tools page. Its forms all post here with a `tool` field
    naming the tool; the post goes on to that tool's view."""

    def get(self, request, pk):
        return self.render_tools(self.get_thread())

    def post(self, request, pk):
        tool = THREAD_TOOLS.get(request.POST.get("tool"))
        if tool is None:
            return redirect("forum:thread_moderate", pk=self.get_thread().pk)
        return tool(request, pk=pk)


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
