"""What members say about a draft: a response per member, a stance per
section, comments that are moderated like posts, and votes on the comments
published as statements."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_peer_moderator
from moderation.models.base import Moderated, ModeratedQuerySet, ModerationState

from .pages import PolicyDraftPage

COMMENT_MAX_LENGTH = 2000


def new_public_id() -> str:
    """The response's id in exports: random, so it says nothing about who or when."""
    return secrets.token_hex(8)


class SpeakingAs(models.TextChoices):
    USE_NOW = "use_now", _("I use drugs now")
    USED_TO = "used_to", _("I used drugs in the past")
    FAMILY = "family", _("Family or friend of someone who uses drugs")
    PEER_WORKER = "peer_worker", _("Peer or outreach worker")
    PROVIDER = "provider", _("Service provider")
    OTHER = "other", _("Other")


class Stance(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    UNSURE = "unsure", _("Unsure")
    SKIP = "skip", _("Skip")


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Response(models.Model):
    """One member's response to one draft, or one entered by an outreach
    worker for someone who isn't a member. Saved as it is written; counted
    once `submitted_at` is set. Nothing here reaches the organization with a
    handle or an account: exports use `public_id` and the month only."""

    draft = models.ForeignKey(PolicyDraftPage, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_responses",
        help_text=_("Empty for a response entered by outreach, and after the member is erased."),
    )
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    speaking_as = models.JSONField(
        _("speaking as"),
        default=list,
        blank=True,
        help_text=_("SpeakingAs values the respondent chose for this response."),
    )
    quote_consent = models.BooleanField(
        _("You may quote my comments publicly, without my name."), default=False
    )
    entered_by_outreach = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_entries",
        help_text=_("The outreach worker who entered it. Moderators see this; nobody else."),
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "respondent"],
                condition=Q(respondent__isnull=False),
                name="consultations_one_response_per_member",
            )
        ]
        indexes = [models.Index(fields=["draft", "submitted_at"])]

    def __str__(self) -> str:
        return f"Response {self.public_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class SectionAnswer(models.Model):
    """Where a respondent stands on one section."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    section_key = models.UUIDField(db_index=True)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.SKIP)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "section_key"], name="consultations_one_answer_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stance} on {self.section_key}"


class CommentPart(models.TextChoices):
    COMMENT = "comment", _("Comment")
    ANSWER = "answer", _("Answer to the section's question")
    OVERALL = "overall", _("Overall comment")


class ResponseCommentQuerySet(ModeratedQuerySet):
    def statements(self):
        """Comments shown as statements: a comment on a section, visible, in a
        submitted response that may be quoted."""
        return self.filter(
            part=CommentPart.COMMENT,
            section_key__isnull=False,
            moderation_state=ModerationState.VISIBLE,
            response__submitted_at__isnull=False,
            response__quote_consent=True,
        )

    def statements_of(self, draft):
        """A draft's statements in the order they came, with what the page
        needs to know whose each one is, in one query."""
        return (
            self.statements()
            .filter(response__draft=draft)
            .select_related("response")
            .order_by("pk")
        )


class ResponseComment(Moderated):
    """Words in a response: a comment on a section, an answer to its question,
    or the overall comment. Screened like a post, and flaggable. A section
    comment whose response gave consent to quote is shown as a statement
    people can agree or disagree with."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    section_key = models.UUIDField(null=True, blank=True, db_index=True)
    part = models.CharField(max_length=10, choices=CommentPart.choices)
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseCommentQuerySet.as_manager()

    # The queue shows an item's author: quoted comments were promised to be
    # shown without a name, so only peer moderators work these.
    moderation_moderators_only = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "section_key", "part"],
                name="consultations_one_comment_per_part",
            )
        ]
        verbose_name = _("consultation comment")

    def __str__(self) -> str:
        return f"{self.get_part_display()} in {self.response}"

    def get_absolute_url(self) -> str:
        """Where it is read: as a statement under its section on the draft's
        page; a comment that isn't shown there (held, not quotable, an answer)
        points at its section, and the overall comment at the draft."""
        draft_url = self.response.draft.url
        if self.is_statement:
            return f"{draft_url}#statement-{self.pk}"
        if self.section_key:
            return f"{draft_url}#section-{self.section_key}"
        return draft_url

    @property
    def is_statement(self) -> bool:
        """Shown under its section for people to mark: a visible section
        comment in a submitted response whose author agreed to be quoted."""
        return (
            self.part == CommentPart.COMMENT
            and self.section_key is not None
            and self.is_visible
            and self.response.quote_consent
            and self.response.submitted_at is not None
        )

    @property
    def author(self):
        return self.response.respondent

    @property
    def is_quotable(self) -> bool:
        """A comment on a section in a submitted response that may be quoted:
        shown as a statement while it is visible."""
        response = self.response
        return (
            self.part == CommentPart.COMMENT
            and self.section_key is not None
            and response.quote_consent
            and response.submitted_at is not None
        )

    # ---- moderation ------------------------------------------------------

    @classmethod
    def moderation_queryset(cls):
        return cls._default_manager.select_related(
            "response__draft", "response__respondent", "response__entered_by"
        )

    def moderation_label(self) -> str:
        labels = {
            CommentPart.COMMENT: _("A comment on the policy draft “%(title)s”"),
            CommentPart.ANSWER: _("An answer to a question in the policy draft “%(title)s”"),
            CommentPart.OVERALL: _("An overall comment on the policy draft “%(title)s”"),
        }
        label = str(labels[self.part] % {"title": self.response.draft.title})
        worker = self.response.entered_by
        if self.response.entered_by_outreach and worker is not None:
            # Only peer moderators read these items (moderation_moderators_only).
            entered = _(", entered by the outreach worker %(handle)s")
            label += str(entered % {"handle": worker.username})
        return label

    def moderation_text(self) -> str:
        return self.body

    def moderation_html(self) -> str:
        return format_html("<p><strong>{}</strong></p>", self.get_part_display()) + linebreaks(
            self.body, autoescape=True
        )

    def moderation_can_view(self, user) -> bool:
        """Statements are on the draft's page for everyone; other comments
        are read only by peer moderators (and, as totals, the organization)."""
        return self.is_quotable or is_peer_moderator(user)

    def moderation_log_reference(self, user) -> tuple[str, str]:
        """Only ever "a consultation comment": never its words or its author;
        linked while it is shown as a statement."""
        if self.is_visible and self.is_quotable:
            return "", self.get_absolute_url()
        return "", ""


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    PASS = "pass", _("Pass")


class StatementVote(models.Model):
    """A member's agree, disagree or pass on a published comment: once each, changeable."""

    comment = models.ForeignKey(ResponseComment, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statement_votes"
    )
    choice = models.CharField(max_length=10, choices=VoteChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter"], name="consultations_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.choice} on comment {self.comment_id}"
