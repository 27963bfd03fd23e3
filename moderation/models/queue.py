from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import ModerationSubject

FLAG_NOTE_MAX_LENGTH = 500
# What the queue says an item is about, written by the site when it opens.
SUMMARY_MAX_LENGTH = 300
# How an item was closed: a decision's name, or a reviewer's short note.
OUTCOME_MAX_LENGTH = 200


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    SOURCING = "sourcing", _("Sourcing or selling")
    IDENTIFIES = "identifies", _("Identifies someone")
    HARASSMENT = "harassment", _("Harassment or judging someone")
    MISINFORMATION = "misinformation", _("Dangerous misinformation")
    DANGER = "danger", _("Someone may be in danger")
    OTHER = "other", _("Something else")


class FlagResolution(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")
    # "Someone may be in danger", followed up: never counts against anyone.
    CARED_FOR = "cared_for", _("Followed up with care")


class Flag(models.Model):
    """One member's (or the screening's) report about one piece of content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags_made",
        help_text=_("Empty for flags added by the watched-words screening."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="flags_received",
        help_text=_("Who wrote the flagged content."),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=FLAG_NOTE_MAX_LENGTH, blank=True)
    weight = models.FloatField(default=0)
    resolution = models.CharField(
        max_length=10, choices=FlagResolution.choices, default=FlagResolution.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "flagger"],
                condition=Q(flagger__isnull=False),
                name="moderation_flag_once_per_member",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "resolution"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} flag on {self.content_type.model} {self.object_id}"


class QueueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


# How the queue can be ordered; the first is the default.
QUEUE_SORTS = {
    "urgent": ("-priority", "created_at"),
    "oldest": ("created_at",),
    "newest": ("-created_at",),
}


class QueueItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=QueueStatus.OPEN)

    def for_queue(self, *, sort: str = "urgent"):
        """Items as the queue lists them: by default care and appeals first,
        then whatever has waited longest."""
        return self.select_related("member", "content_type").order_by(*QUEUE_SORTS[sort], "pk")

    def about_member(self, handle: str):
        """Items about (or sent in by) one member, whatever case the handle is typed in."""
        return self.filter(member__username__iexact=handle.strip().lstrip("@"))

    def with_vote_of(self, user):
        """Each item's `my_vote`: the viewer's choice, or None, in the same query."""
        votes = QueueVote.objects.filter(item=OuterRef("pk"), voter_id=user.pk)
        return self.annotate(my_vote=Subquery(votes.values("choice")[:1]))


class QueueItem(models.Model):
    """Something a person needs to look at. `kind` is one of the registered
    queue kinds (see moderation.queue); `subject` is what it is about: a post,
    a thread, an appeal, a member, an article."""

    kind = models.CharField(max_length=40, db_index=True)
    status = models.CharField(
        max_length=10, choices=QueueStatus.choices, default=QueueStatus.OPEN, db_index=True
    )
    priority = models.PositiveSmallIntegerField(default=0, help_text=_("Higher comes first."))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="queue_items",
        help_text=_("The person whose content or account this is about."),
    )
    score = models.FloatField(default=0)
    summary = models.CharField(max_length=SUMMARY_MAX_LENGTH, blank=True)
    moderators_only = models.BooleanField(
        default=False,
        help_text=_("Held because it may identify someone: trusted members don't see it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(max_length=OUTCOME_MAX_LENGTH, blank=True)

    objects = QueueItemQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=Q(status="open"),
                name="moderation_one_open_item_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:item", kwargs={"pk": self.pk})

    def subject_label(self) -> str:
        """How the queue names this item: its subject's own label, worked out
        now so a retitled or erased thread shows as it is, or else the summary
        written when the item was opened."""
        subject = self.subject
        own = subject.moderation_label() if isinstance(subject, ModerationSubject) else ""
        return own or self.summary

    @property
    def is_open(self) -> bool:
        return self.status == QueueStatus.OPEN


class VoteChoice(models.TextChoices):
    KEEP = "keep", _("Keep it")
    HIDE = "hide", _("Hide it")


class QueueVote(models.Model):
    """A trusted member's vote on a flagged or held item."""

    item = models.ForeignKey(QueueItem, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=4, choices=VoteChoice.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "voter"], name="moderation_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.voter} votes {self.choice} on {self.item}"
