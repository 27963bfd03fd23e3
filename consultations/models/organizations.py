"""Organizations that invite the community's input, and members' requests to act for one."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moderation.models.base import ModerationSubject

ORGANIZATION_NAME_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 300
HOW_TO_CHECK_MAX_LENGTH = 300
DECISION_REASON_MAX_LENGTH = 500
# Slugs that name a page of ours under /organizations/, so no organization takes them.
RESERVED_SLUGS = frozenset({"ask", "request", "requests", "new"})


class OrganizationQuerySet(models.QuerySet):
    def public(self):
        """Organizations with a public page: every one a peer moderator
        verified, revoked ones included, so their consultations stay readable."""
        return self.filter(verified_at__isnull=False)

    def verified(self):
        """Organizations a peer moderator verified and nobody has revoked."""
        return self.filter(active=True, verified_at__isnull=False)

    def staffed_by(self, user):
        """The verified organizations `user` acts for."""
        if not user.is_authenticated:
            return self.none()
        return self.verified().filter(staff_group__user=user)


class ReportOutcome(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class ReportBackEntry:
    """One draft in an organization's record: whether its report came by the
    date it promised."""

    draft: models.Model
    outcome: str

    @property
    def outcome_label(self) -> str:
        return str(ReportOutcome(self.outcome).label)


@dataclass(frozen=True)
class ReportBackRecord:
    """How an organization kept its promises to report back, newest first."""

    entries: tuple[ReportBackEntry, ...]

    def _count(self, outcome: str) -> int:
        return sum(1 for entry in self.entries if entry.outcome == outcome)

    @property
    def on_time(self) -> int:
        return self._count(ReportOutcome.ON_TIME)

    @property
    def late(self) -> int:
        return self._count(ReportOutcome.LATE)

    @property
    def missing(self) -> int:
        return self._count(ReportOutcome.MISSING)


def report_outcome(draft, today: date) -> str | None:
    """On time (published by the report-by date), late (published after it),
    missing (the date passed with nothing published), or None while the date
    is still ahead and nothing is published."""
    report = getattr(draft, "report", None)
    published_at = report.published_at if report is not None else None
    if published_at is not None:
        on_time = timezone.localdate(published_at) <= draft.report_by
        return ReportOutcome.ON_TIME if on_time else ReportOutcome.LATE
    if today > draft.report_by:
        return ReportOutcome.MISSING
    return None


class Organization(ModerationSubject, models.Model):
    """A group that brings policy drafts to the community. Its staff are the
    members of `staff_group`, which holds page permissions on its own space
    under /consultations/ and nowhere else."""

    name = models.CharField(_("name"), max_length=ORGANIZATION_NAME_MAX_LENGTH)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.CharField(
        _("what it does"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("One or two plain sentences: who they are and who they serve."),
    )
    website = models.URLField(_("website"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to revoke: its staff lose their space, its pages stay readable."),
    )
    staff_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organization",
        help_text=_("The Wagtail group whose members act for this organization."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consultations:organization", kwargs={"slug": self.slug})

    @property
    def is_verified(self) -> bool:
        return self.active and self.verified_at is not None

    def report_back_record(self, *, today: date | None = None) -> ReportBackRecord:
        """Every live draft whose report-by date has passed or whose report is
        published, with how the report came: one query."""
        today = today or timezone.localdate()
        drafts = (
            self.drafts.live()
            .filter(models.Q(report_by__lt=today) | models.Q(report__published_at__isnull=False))
            .select_related("report")
            .order_by("-report_by", "-pk")
        )
        entries = []
        for draft in drafts:
            outcome = report_outcome(draft, today)
            if outcome is not None:
                entries.append(ReportBackEntry(draft=draft, outcome=outcome))
        return ReportBackRecord(entries=tuple(entries))

    # ---- moderation: decisions about it are in the public log, by its name ----

    def moderation_label(self) -> str:
        return self.name

    def moderation_log_reference(self, user) -> tuple[str, str]:
        return self.name, self.get_absolute_url()

    def has_staff(self, user) -> bool:
        """Whether `user` acts for this organization now."""
        if not (user.is_authenticated and self.is_verified and self.staff_group_id):
            return False
        return user.groups.filter(pk=self.staff_group_id).exists()


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a peer moderator")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


class OrganizationRequest(ModerationSubject, models.Model):
    """A member asks to act for an organization. A peer moderator checks it
    the way the member said it can be checked, then verifies or declines it
    with a reason the member reads."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organization_requests",
    )
    organization_name = models.CharField(_("organization"), max_length=ORGANIZATION_NAME_MAX_LENGTH)
    description = models.CharField(_("what it does"), max_length=DESCRIPTION_MAX_LENGTH)
    website = models.URLField(_("website"), blank=True)
    how_to_check = models.CharField(
        _("how a peer moderator can check"),
        max_length=HOW_TO_CHECK_MAX_LENGTH,
        help_text=_(
            "A public web page that names you, or a public phone number a moderator can call."
        ),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        help_text=_("Set when verified: the organization the member now acts for."),
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(
        _("reason"), max_length=DECISION_REASON_MAX_LENGTH, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to act for an organization")
        verbose_name_plural = _("requests to act for an organization")

    def __str__(self) -> str:
        return self.organization_name

    def get_absolute_url(self) -> str:
        return reverse("consultations:organization_request")

    @property
    def moderation_author(self):
        return self.member

    def moderation_label(self) -> str:
        return str(_("Request to act for %(name)s") % {"name": self.organization_name})

    def moderation_text(self) -> str:
        return f"{self.organization_name}\n{self.description}\n{self.how_to_check}"
