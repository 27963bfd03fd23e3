"""“What we heard”: the published report, and the page its organization's
staff write it on."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models.base import ModerationState
from moderation.write_views import ScreenedFormView

from ..models import DraftStatus, HeardReport, ResponseComment, SectionChange, VoteChoice
from ..permissions import can_write_report
from ..report_forms import HeardReportForm
from ..services.reports import report_publish, report_save
from ..services.results import statements_of

PUBLISH = "publish"


def _report_of(draft):
    """The draft's report with its changes and their visible linked
    statements, in three queries; None if there is none."""
    linked = ResponseComment.objects.filter(
        moderation_state=ModerationState.VISIBLE
    ).select_related("response")
    return (
        HeardReport.objects.filter(draft=draft)
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=SectionChange.objects.prefetch_related(
                    Prefetch("because_of", queryset=linked.order_by("pk"))
                ),
            )
        )
        .first()
    )


def report(request, *, draft):
    """Public once published; before that only the organization's staff see
    it, as a preview. Everyone else gets a 404."""
    heard = _report_of(draft)
    is_staff = can_write_report(request.user, draft)
    if heard is None or (heard.published_at is None and not is_staff):
        if is_staff:
            return TemplateResponse(
                request,
                "consultations/report.html",
                {"page": draft, "self": draft, "draft": draft, "report": None, "is_staff": True},
            )
        raise Http404(_("There is no report yet."))
    changes = {change.section_key: change for change in heard.changes.all()}
    sections = []
    for section in draft.sections.all():
        change = changes.get(section.key)
        if change is not None:
            for comment in change.because_of.all():
                # Every linked statement is on this draft: no query for its address.
                comment.response.draft = draft
        sections.append((section, change))
    published_on = timezone.localdate(heard.published_at) if heard.published_at else None
    context = {
        "page": draft,
        "self": draft,
        "draft": draft,
        "report": heard,
        "sections": sections,
        "is_staff": is_staff,
        "on_time": published_on is not None and published_on <= draft.report_by,
        "days_late": (published_on - draft.report_by).days if published_on else 0,
        "updated": heard.published_at is not None and heard.updated_at > heard.published_at,
    }
    return TemplateResponse(request, "consultations/report.html", context)


def _statements_by_section(draft) -> dict:
    """Each section's statements, most agreed-with first, in one query."""
    by_section = defaultdict(list)
    statements = (
        statements_of(draft)
        .annotate(agrees=Count("votes", filter=Q(votes__choice=VoteChoice.AGREE)))
        .only("pk", "body", "section_key")
        .order_by("-agrees", "pk")
    )
    for comment in statements:
        by_section[comment.section_key].append(comment)
    return by_section


class ReportWriteView(ScreenedFormView):
    """report/write/: the organization's own staff write and publish what
    they heard, once the draft has closed. Anyone else gets a 404."""

    template_name = "consultations/report_write.html"

    def dispatch(self, request, *args, **kwargs):
        self.draft = kwargs["draft"]
        if not can_write_report(request.user, self.draft):
            raise Http404(_("There is nothing here."))
        self.status = self.draft.status
        if self.status not in (DraftStatus.CLOSED, DraftStatus.REPORTED):
            return render(
                request,
                self.template_name,
                {**self.page_context(), "not_closed_yet": True},
            )
        self.report = _report_of(self.draft)
        return super().dispatch(request, *args, **kwargs)

    def page_context(self) -> dict:
        report = getattr(self, "report", None)
        return {
            "page": self.draft,
            "self": self.draft,
            "draft": self.draft,
            "report": report,
            "action": self.request.POST.get("action") or self.request.POST.get("intended"),
        }

    def make_form(self, data=None):
        return HeardReportForm(
            data,
            sections=list(self.draft.sections.all()),
            statements=_statements_by_section(self.draft),
            report=self.report,
        )

    def save(self, form, *, nudge_acknowledged: bool):
        action = self.request.POST.get("action") or self.request.POST.get("intended")
        try:
            saved = report_save(
                draft=self.draft,
                author=self.request.user,
                body=form.cleaned_data["body"],
                changes=form.changes(),
                nudge_acknowledged=nudge_acknowledged,
            )
        except PermissionDenied as refused:
            raise Http404 from refused
        was_published = saved.published_at is not None
        self.published_now = action == PUBLISH and report_publish(
            report=saved, by=self.request.user
        )
        self.updated_published = was_published
        return saved

    def tell_saved(self, saved) -> None:
        if self.published_now:
            messages.success(
                self.request,
                _("Published. Everyone who took part and has an account was told."),
            )
        elif self.updated_published:
            messages.success(self.request, _("Saved. The report shows it was updated."))
        else:
            messages.success(
                self.request,
                _("Saved. Only your organization's staff can see it until you publish it."),
            )

    def success_url(self, saved) -> str:
        if saved.published_at is not None:
            return self.draft.url + self.draft.reverse_subpage("report_page")
        return self.draft.url + self.draft.reverse_subpage("report_write")
