"""What members who never open the admin give the knowledge base: whether an
article helped, updates to it, and ideas for new ones."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import linebreaks_filter as linebreaks
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from moderation.models import OUTCOME_MAX_LENGTH, ModerationSubject

SUGGESTION_MAX_LENGTH = 2000
PROPOSAL_TITLE_MAX_LENGTH = 120
PROPOSAL_OUTLINE_MAX_LENGTH = 4000
PROPOSAL_WHY_MAX_LENGTH = 2000
# Where a visitor's answers live in their session: article id -> feedback id.
SESSION_FEEDBACK_KEY = "kb_feedback"


class ArticleFeedbackQuerySet(models.QuerySet):
    def answer_of(self, *, article, member, session) -> bool | None:
        """What this person answered for `article`, if anything."""
        if member is not None and member.is_authenticated:
            return (
                self.filter(article=article, member=member)
                .values_list("helpful", flat=True)
                .first()
            )
        feedback_id = session.get(SESSION_FEEDBACK_KEY, {}).get(str(article.pk))
        if feedback_id is None:
            return None
        return (
            self.filter(pk=feedback_id, article=article).values_list("helpful", flat=True).first()
        )


# A reviewer's note closing a suggestion: the log's reason and the queue
# item's outcome, so it fits the shorter.
SUGGESTION_NOTE_MAX_LENGTH = OUTCOME_MAX_LENGTH


class ArticleFeedback(models.Model):
    """“Was this helpful?”: one answer per member per article. Visitors who aren't
    signed in answer once per browser session; the session remembers which row
    is theirs, and nothing about them is stored here."""

    article = models.ForeignKey(
        "peerkb.ArticlePage", on_delete=models.CASCADE, related_name="feedback"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="article_feedback",
    )
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleFeedbackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "member"],
                condition=Q(member__isnull=False),
                name="peerkb_feedback_once_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{'helpful' if self.helpful else 'not helpful'}: {self.article_id}"


class ArticleSuggestion(ModerationSubject, models.Model):
    """A member's suggested update to an article, waiting in the review queue."""

    article = models.ForeignKey(
        "peerkb.ArticlePage", on_delete=models.CASCADE, related_name="suggestions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="article_suggestions",
    )
    section = models.CharField(_("section"), max_length=120, blank=True)
    text = models.TextField(_("suggestion"), max_length=SUGGESTION_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Suggestion for {self.article_id}"

    def get_absolute_url(self) -> str:
        """A suggestion has no page of its own; its queue item is where it is read."""
        return ""

    @classmethod
    def moderation_queryset(cls):
        return cls.objects.select_related("article")

    @property
    def moderation_author(self):
        return self.member

    def moderation_log_reference(self, user) -> tuple[str, str]:
        return _("a suggested update to “%(title)s”") % {"title": self.article.title}, ""

    def moderation_html(self) -> str:
        """What the member sees on the page that tells them it was closed: their own words."""
        section = (
            format_html("<p>{}</p>", _("Section: %(section)s") % {"section": self.section})
            if self.section
            else ""
        )
        return format_html(
            "<p><strong>{}</strong></p>{}{}", self.article.title, section, linebreaks(self.text)
        )

    @property
    def moderation_decision_link(self) -> tuple[str, str] | None:
        """Where the member who suggested it can go next: the article, while it is live."""
        if not self.article.live:
            return None
        return str(_("Read the article")), self.article.url or ""


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a peer moderator")
    ACCEPTED = "accepted", _("Accepted: a peer author is drafting it")
    DECLINED = "declined", _("Declined")


class ArticleProposal(ModerationSubject, models.Model):
    """A member's idea for a new article. Accepting it starts a draft."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="article_proposals",
    )
    title = models.CharField(_("title"), max_length=PROPOSAL_TITLE_MAX_LENGTH)
    outline = models.TextField(_("outline"), max_length=PROPOSAL_OUTLINE_MAX_LENGTH)
    why = models.TextField(_("why it matters"), max_length=PROPOSAL_WHY_MAX_LENGTH)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    draft = models.ForeignKey(
        "peerkb.ArticlePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """An idea has no page of its own; its queue item is where it is read."""
        return ""

    @property
    def moderation_author(self):
        return self.member

    def moderation_log_reference(self, user) -> tuple[str, str]:
        return _("an idea for an article: “%(title)s”") % {"title": self.title}, ""

    def moderation_html(self) -> str:
        """What the proposer sees on the decision's page: which idea it was."""
        return format_html("<p><strong>{}</strong></p>", self.title)
