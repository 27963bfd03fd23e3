"""Thread tools: peer moderators' lock, move and slow mode, and tidying tags."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.roles import is_peer_moderator
from moderation.models import ModerationAction
from peersite.forms import redirect_to_message, show_service_errors
from peersite.unsent import unsent_fields

from ..forms import TagsForm, ThreadLockForm, ThreadMoveForm, ThreadSlowModeForm
from ..models import Thread
from ..permissions import can_edit_tags
from ..services.thread_tools import thread_lock, thread_move, thread_slow_mode, thread_tags_set
from .threads import readable_thread


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
