"""Writing: starting a thread, replying, editing or deleting a post and its
earlier versions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import is_peer_moderator
from moderation.write_views import ScreenedFormView, ScreenedWriteView

from ..forms import DoseFormSet, ExperienceReportForm, PostEditForm, ReplyForm, ThreadForm
from ..models import Category, Post, PostRevision, Thread, ThreadKind
from ..permissions import can_edit
from ..services.erasure import post_delete, revision_purge
from ..services.posting import post_create, post_edit, thread_create
from .threads import readable_thread, render_thread

HELD_MESSAGE = gettext_lazy(
    "Thanks for posting. A peer moderator will look at it before others can see it; "
    "that usually happens within a day."
)


class ForumWriteView(ScreenedWriteView):
    """A forum page a member writes on: what screening holds is saved but
    waits for review, and they are told so."""

    def tell_saved(self, saved) -> None:
        if saved.is_held:
            messages.info(self.request, HELD_MESSAGE)


class ReplyView(ForumWriteView):
    """A reply is written at the foot of its thread; a reply that can't be
    posted shows the thread's last page again with the reply box as it was."""

    refused_status = 200

    @cached_property
    def thread(self):
        return readable_thread(self.request, self.kwargs["pk"])

    def make_form(self, data=None):
        return ReplyForm(data)

    def render_form(self, form, *, nudge=None, status=200):
        return render_thread(
            self.request,
            self.thread,
            page_number=self.thread.last_page,
            reply_form=form,
            nudge=nudge,
            status=status,
        )

    def save(self, form, *, nudge_acknowledged: bool) -> Post:
        quoted_id = form.cleaned_data.get("quoted_post")
        quoted = (
            Post.objects.visible().filter(pk=quoted_id, thread=self.thread).first()
            if quoted_id
            else None
        )
        return post_create(
            thread=self.thread,
            author=self.request.user,
            body=form.cleaned_data["body"],
            quoted_post=quoted,
            nudge_acknowledged=nudge_acknowledged,
        )

    def success_url(self, saved: Post) -> str:
        return saved.get_absolute_url()


class ThreadCreateView(ForumWriteView, ScreenedFormView):
    """A new thread; an experience report brings its own details and dose
    chart, checked and shown only when the thread is one."""

    template_name = "forum/thread_form.html"
    refused_status = 200

    def startable_categories(self):
        return [
            category
            for category in Category.objects.all()
            if category.can_start_thread(self.request.user)
        ]

    def make_form(self, data=None):
        allowed = [category.pk for category in self.startable_categories()]
        chosen = Category.objects.filter(slug=self.request.GET.get("category", "")).first()
        return ThreadForm(
            data,
            categories=Category.objects.filter(pk__in=allowed),
            initial={"category": chosen} if chosen else {},
        )

    @cached_property
    def report_forms(self) -> tuple[ExperienceReportForm, DoseFormSet]:
        """The report's forms, bound to what was sent only for an experience
        report: any other kind of thread never shows their errors."""
        sent = self.request.POST if self.request.method == "POST" else self.unsent()
        is_report = sent is not None and sent.get("kind") == ThreadKind.EXPERIENCE_REPORT
        data = sent if is_report else None
        return ExperienceReportForm(data, prefix="report"), DoseFormSet(data, prefix="doses")

    @property
    def is_report(self) -> bool:
        return self.report_forms[0].is_bound

    def is_valid(self, form) -> bool:
        if not form.is_valid():
            return False
        report_form, dose_formset = self.report_forms
        return not self.is_report or (report_form.is_valid() and dose_formset.is_valid())

    def page_context(self) -> dict:
        report_form, dose_formset = self.report_forms
        return {
            "categories": self.startable_categories(),
            "report_form": report_form,
            "dose_formset": dose_formset,
        }

    def refusal_target(self, form, field: str):
        """A report's refusals go beside its own fields; the dose chart's
        beside the first substance written."""
        report_form, dose_formset = self.report_forms
        if self.is_report and field in report_form.fields:
            return report_form, field
        if self.is_report and field == "doses" and dose_formset.forms:
            written = [dose for dose in dose_formset.forms if dose.cleaned_data.get("substance")]
            return (written or dose_formset.forms)[0], "substance"
        return super().refusal_target(form, field)

    def save(self, form, *, nudge_acknowledged: bool) -> Thread:
        data = form.cleaned_data
        report_form, dose_formset = self.report_forms
        return thread_create(
            category=data["category"],
            author=self.request.user,
            title=data["title"],
            body=data["body"],
            kind=data["kind"],
            content_warning=data["content_warning"],
            content_warning_other=data["content_warning_other"],
            tags=data["tags"],
            report=report_form.cleaned_data if self.is_report else None,
            doses=dose_formset.doses() if self.is_report else None,
            nudge_acknowledged=nudge_acknowledged,
        )

    def success_url(self, saved: Thread) -> str:
        return saved.get_absolute_url()


class OwnPostMixin(LoginRequiredMixin):
    def get_post(self) -> Post:
        post = get_object_or_404(Post.objects.select_related("thread"), pk=self.kwargs["pk"])
        if not can_edit(post, self.request.user):
            raise PermissionDenied
        return post


class PostEditView(OwnPostMixin, ForumWriteView, ScreenedFormView):
    """An author changes their words; a peer moderator changing someone
    else's gives a reason, which is logged and sent to the author."""

    template_name = "forum/post_edit.html"

    @cached_property
    def edited(self) -> Post:
        return self.get_post()

    @cached_property
    def someone_elses(self) -> bool:
        return self.edited.author_id != self.request.user.pk

    def make_form(self, data=None):
        return PostEditForm(
            data, initial={"body": self.edited.body_source}, someone_elses=self.someone_elses
        )

    def page_context(self) -> dict:
        return {"post": self.edited, "someone_elses": self.someone_elses}

    def save(self, form, *, nudge_acknowledged: bool) -> Post:
        return post_edit(
            post=self.edited,
            editor=self.request.user,
            body=form.cleaned_data["body"],
            nudge_acknowledged=nudge_acknowledged,
            reason=form.cleaned_data.get("reason", ""),
        )

    def tell_saved(self, saved: Post) -> None:
        if not saved.is_held and self.someone_elses:
            messages.success(self.request, _("Saved and logged. The author is told why."))
        super().tell_saved(saved)

    def success_url(self, saved: Post) -> str:
        return saved.get_absolute_url()


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
