"""The consultations' pages: the list at /consultations/, one space per
organization under it, and the policy drafts in each space."""

import uuid
from collections.abc import Callable
from datetime import date

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, DateField, F, IntegerField, Q, When
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from moderation.models.base import ModerationSubject

from ..admin_forms import PolicyDraftPageForm
from ..panels import PlainLanguagePanel
from .organizations import Organization

PLAIN_SUMMARY_MAX_LENGTH = 600
SUMMARY_MAX_LENGTH = 1000
COMMITMENT_MAX_LENGTH = 1000
AFFECTS_MAX_LENGTH = 300
SECTION_HEADING_MAX_LENGTH = 200
QUESTION_MAX_LENGTH = 300
SECTION_TEXT_MAX_LENGTH = 20_000
EXPLAINER_MAX_LENGTH = 2000

# The views behind a draft's routes (respond, results, report...), registered
# by the app when it is ready: pages sit below the views that render them.
DRAFT_VIEWS: dict[str, Callable] = {}


def draft_view_register(name: str, view: Callable) -> None:
    DRAFT_VIEWS[name] = view


# What a draft's own page shows besides the page (its statements, its
# versions...): functions taking the request and the draft and returning a
# dict for the template, registered by the app when it is ready.
DRAFT_CONTEXT: list[Callable] = []


def draft_context_register(function: Callable) -> None:
    if function not in DRAFT_CONTEXT:
        DRAFT_CONTEXT.append(function)


def _draft_view(name: str) -> Callable:
    view = DRAFT_VIEWS.get(name)
    if view is None:
        raise Http404
    return view


class DraftStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    REPORTED = "reported", _("Reported back")


class ConsultationIndexPage(Page):
    """/consultations/: every organization's drafts, open ones first."""

    intro = models.CharField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences above the list."),
    )

    max_count = 1
    parent_page_types = ["peerkb.HomePage"]
    subpage_types = ["consultations.OrganizationSpacePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("consultations list")

    def serve(self, request, *args, **kwargs):
        return _draft_view("index")(request, index_page=self)


class OrganizationSpacePage(Page):
    """One organization's space: its staff write drafts here and nowhere else.
    Readers who open it are sent to the organization's public page."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="space"
    )

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.PolicyDraftPage"]
    content_panels = Page.content_panels + [FieldPanel("organization", read_only=True)]
    promote_panels = []

    class Meta:
        verbose_name = _("organization's space")

    def serve(self, request, *args, **kwargs):
        return redirect(self.organization.get_absolute_url())


def _open_on(today: date) -> Q:
    return Q(opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True)


class PolicyDraftQuerySet(PageQuerySet):
    def for_list(self):
        """What a list of drafts shows, with its organization, in one query."""
        return self.live().select_related("organization", "report")

    def open_on(self, today: date):
        """Drafts taking responses on `today` (the same rule as `status_on`)."""
        return self.filter(_open_on(today))

    def in_list_order(self, today: date):
        """Open drafts first, closing soonest; then upcoming ones, opening
        soonest; then closed ones, most recently closed first."""
        upcoming = Q(opens_on__gt=today)
        return self.annotate(
            list_group=Case(
                When(_open_on(today), then=0),
                When(upcoming, then=1),
                default=2,
                output_field=IntegerField(),
            ),
            list_soonest=Case(
                When(_open_on(today), then=F("closes_on")),
                When(upcoming, then=F("opens_on")),
                default=None,
                output_field=DateField(),
            ),
        ).order_by("list_group", "list_soonest", "-closes_on", "pk")


PolicyDraftManager = PageManager.from_queryset(PolicyDraftQuerySet)


class PolicyDraftPage(RoutablePageMixin, ModerationSubject, Page):
    """A policy draft an organization asks the community about, section by section."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="drafts",
        editable=False,
        help_text=_("Set from the space the draft is written in."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("What this policy is, in the organization's words."),
    )
    plain_summary = models.TextField(
        _("plain-language summary"),
        max_length=PLAIN_SUMMARY_MAX_LENGTH,
        help_text=_(
            "Up to 600 characters, in everyday words: what would change, and for whom. "
            "Aim for a reading grade of 8 or lower."
        ),
    )
    affects = models.CharField(
        _("who it affects"),
        max_length=AFFECTS_MAX_LENGTH,
        help_text=_("For example: people who use the syringe services program on Main Street."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day people can respond."))
    how_input_used = models.TextField(
        _("how your input will be used"),
        max_length=COMMITMENT_MAX_LENGTH,
        help_text=_("Say plainly what you will do with what people tell you."),
    )
    who_reads = models.TextField(
        _("who will read the responses"),
        max_length=COMMITMENT_MAX_LENGTH,
        help_text=_("Name the roles, for example: our program manager and two peer staff."),
    )
    report_by = models.DateField(
        _("when you'll hear back"),
        help_text=_(
            "The date you will publish what you heard and what you changed. It is shown on "
            "the page, and the draft is marked overdue if it passes with no report."
        ),
    )
    show_live_results = models.BooleanField(
        _("show live results"),
        default=False,
        help_text=_(
            "Show the shares of agree and disagree while the consultation is open. Off by "
            "default, so early answers don't sway later ones."
        ),
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revised_by",
        verbose_name=_("revises"),
        help_text=_("The earlier version of this draft, if this is a revised one."),
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the closing job closed it and told the people who responded."),
    )

    objects = PolicyDraftManager()

    base_form_class = PolicyDraftPageForm
    parent_page_types = ["consultations.OrganizationSpacePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("plain_summary"),
        FieldPanel("affects"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("how_input_used"), FieldPanel("who_reads"), FieldPanel("report_by")],
            heading=_("Your commitments to the people who respond"),
        ),
        FieldPanel("show_live_results"),
        FieldPanel("paste_draft"),
        InlinePanel("sections", heading=_("Sections"), label=_("Section"), min_num=1),
        PlainLanguagePanel(heading=_("Plain language check")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("plain_summary"),
        index.SearchField("affects"),
        index.RelatedFields("sections", [index.SearchField("heading"), index.SearchField("text")]),
        index.FilterField("organization_id"),
    ]

    class Meta:
        verbose_name = _("policy draft")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The closing day can't be before the opening day.")
        if self.closes_on and self.report_by and self.report_by <= self.closes_on:
            errors["report_by"] = _(
                "Give yourself time to read the responses: this must be after the closing day."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.organization_id:
            parent = self.get_parent()
            space = parent.specific if parent is not None else None
            if isinstance(space, OrganizationSpacePage):
                self.organization_id = space.organization_id
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision saved before the closing job ran must not reopen the
        draft when it is published: `closed_at` belongs to the page, not to
        a revision."""
        page = super().with_content_json(content)
        # Read now: the page a revision was made from may predate the close.
        page.closed_at = (
            PolicyDraftPage.objects.filter(pk=self.pk).values_list("closed_at", flat=True).first()
            if self.pk
            else None
        )
        return page

    # ---- status --------------------------------------------------------------

    def status_on(self, today: date) -> str:
        """Upcoming, open, closed or reported, worked out from the dates and
        the report, so it never waits for a job to be right."""
        if self.report_published:
            return DraftStatus.REPORTED
        if today < self.opens_on:
            return DraftStatus.UPCOMING
        if today <= self.closes_on and self.closed_at is None:
            return DraftStatus.OPEN
        return DraftStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return DraftStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == DraftStatus.OPEN

    @property
    def report_published(self) -> bool:
        report = getattr(self, "report", None) if self.pk else None
        return report is not None and report.published_at is not None

    @property
    def report_overdue(self) -> bool:
        return self.status == DraftStatus.CLOSED and timezone.localdate() > self.report_by

    # ---- versions --------------------------------------------------------------

    # Far more versions than any consultation has; it stops a loop in bad data.
    MAX_VERSIONS = 50

    def version_number(self) -> int:
        """1 for a first draft, 2 for the version that revises it, and so on:
        one query per earlier version."""
        number, earlier, seen = 1, self.revises_id, {self.pk}
        while earlier and earlier not in seen and number < self.MAX_VERSIONS:
            seen.add(earlier)
            number += 1
            earlier = (
                PolicyDraftPage.objects.filter(pk=earlier)
                .values_list("revises_id", flat=True)
                .first()
            )
        return number

    # ---- moderation ------------------------------------------------------------

    def screening_text(self) -> str:
        """Everything a reader reads, for the language nudges in the editor."""
        parts = [
            self.title,
            self.summary,
            self.plain_summary,
            self.affects,
            self.how_input_used,
            self.who_reads,
        ]
        for section in self.sections.all():
            parts += [section.heading, section.text, section.explainer, section.question]
        return "\n".join(part for part in parts if part)

    def moderation_label(self) -> str:
        return str(_("Policy draft “%(title)s”") % {"title": self.title})

    def moderation_log_reference(self, user) -> tuple[str, str]:
        return self.title, self.url or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for contribute in DRAFT_CONTEXT:
            context.update(contribute(request, self))
        return context

    # ---- routes ----------------------------------------------------------------

    @path("respond/")
    def respond(self, request):
        return _draft_view("respond")(request, draft=self)

    @path("respond/outreach/")
    def respond_outreach(self, request):
        return _draft_view("respond_outreach")(request, draft=self)

    @path("statements/<int:comment_id>/")
    def statement_vote(self, request, comment_id):
        return _draft_view("statement_vote")(request, draft=self, comment_id=comment_id)

    @path("results/")
    def results(self, request):
        return _draft_view("results")(request, draft=self)

    # Wagtail serves only addresses of letters, digits, - and _ ending in a
    # slash, so the file's format is a path segment, not an extension.
    @re_path(r"^export/(?P<file_format>csv|json)/$")
    def export(self, request, file_format):
        return _draft_view("export")(request, draft=self, file_format=file_format)

    @path("report/")
    def report_page(self, request):
        return _draft_view("report")(request, draft=self)

    @path("report/write/")
    def report_write(self, request):
        return _draft_view("report_write")(request, draft=self)

    @path("print/")
    def printable(self, request):
        return _draft_view("print")(request, draft=self)

    @path("changes/")
    def changes(self, request):
        return _draft_view("changes")(request, draft=self)


class DraftSection(Orderable):
    """One section of a draft. `key` stays the same when the section is
    renamed or moved, and when the draft is copied into a revised version, so
    responses, the report and the "what changed" view follow it."""

    page = ParentalKey(PolicyDraftPage, on_delete=models.CASCADE, related_name="sections")
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    heading = models.CharField(_("heading"), max_length=SECTION_HEADING_MAX_LENGTH)
    text = models.TextField(
        _("draft text"),
        max_length=SECTION_TEXT_MAX_LENGTH,
        help_text=_("The section as written in the policy. Markdown works: lists, bold, links."),
    )
    explainer = models.TextField(
        _("plain-language explainer"),
        max_length=EXPLAINER_MAX_LENGTH,
        blank=True,
        help_text=_("Optional: what this section means for people, in everyday words."),
    )
    question = models.CharField(
        _("question"),
        max_length=QUESTION_MAX_LENGTH,
        blank=True,
        help_text=_("Optional: one question you want people to answer about this section."),
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("explainer"),
        FieldPanel("question"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.heading
