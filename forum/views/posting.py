"""Writing: starting a thread, replying, editing or deleting a post and its
earlier versions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from accounts.roles import is_peer_moderator
from core.forms import show_service_errors
from core.unsent import unsent_fields
from moderation.forms import nudge_acknowledged
from moderation.screening import Nudge
from moderation.writing import read_only_note

from ..forms import DoseFormSet, ExperienceReportForm, PostEditForm, ReplyForm, ThreadForm
from ..models import Category, Post, PostRevision, ThreadKind
from ..permissions import can_edit
from ..services.erasure import post_delete, revision_purge
from ..services.posting import post_create, post_edit, thread_create
from .threads import readable_thread, render_thread

HELD_MESSAGE = gettext_lazy(
    "Thanks for posting. A peer moderator will look at it before others can see it; "
    "that usually happens within a day."
)


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
                return render_thread(
                    request,
                    thread,
                    page_number=thread.last_page,
                    reply_form=form,
                    nudge=nudge.screening,
                )
            else:
                if post.is_held:
                    messages.info(request, HELD_MESSAGE)
                return redirect(post.get_absolute_url())
        return render_thread(request, thread, page_number=thread.last_page, reply_form=form)


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
