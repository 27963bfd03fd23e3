from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import ModerationSubject

# A moderator's reason, as the member and the public log read it.
REASON_MAX_LENGTH = 300
PRIVATE_NOTE_MAX_LENGTH = 2000
APPEAL_MESSAGE_MAX_LENGTH = 2000


class ActionKind(models.TextChoices):
    # On content
    KEEP = "keep", _("Kept after review")
    APPROVE = "approve", _("Approved a held post")
    HIDE = "hide", _("Hid content")
    DELETE = "delete", _("Removed content")
    EDIT = "edit", _("Edited content")
    PROFILE_CLEAR = "profile_clear", _("Cleared words from a profile")
    COMMUNITY_HIDE = "community_hide", _("Hidden by community flags")
    VOTE_KEEP = "vote_keep", _("Kept by trusted members' votes")
    VOTE_HIDE = "vote_hide", _("Hidden by trusted members' votes")
    # On people
    WARN = "warn", _("Warned a member")
    SILENCE = "silence", _("Silenced a member")
    SUSPEND = "suspend", _("Suspended a member")
    LIFT = "lift", _("Lifted a silence or suspension")
    COMMUNITY_SILENCE = "community_silence", _("Silenced by spam flags until review")
    # On threads
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    MOVE = "move", _("Moved a thread")
    SLOW_MODE = "slow_mode", _("Changed a thread's slow mode")
    # Appeals
    APPEAL_UPHELD = "appeal_upheld", _("Upheld a decision on appeal")
    APPEAL_REVERSED = "appeal_reversed", _("Reversed a decision on appeal")
    # Queue work that is not a decision about anyone
    CARE = "care", _("Followed up on a care request")
    # The knowledge base
    REVIEWED = "reviewed", _("Checked an article: still accurate")
    PUBLISHED_UNREVIEWED = "published_unreviewed", _("Published an article without peer review")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Accepted an idea for an article")
    PROPOSAL_DECLINED = "proposal_declined", _("Declined an idea for an article")
    ARTICLE_ASSIGNED = "article_assigned", _("Asked a peer author to draft an article")
    SUGGESTION_CLOSED = "suggestion_closed", _("Closed a suggested update to an article")
    # Organizations that ask the community about their policies
    ORGANIZATION_VERIFIED = "org_verified", _("Verified someone to act for an organization")
    ORGANIZATION_DECLINED = "org_declined", _("Declined a request to act for an organization")
    ORGANIZATION_STAFF_REVOKED = (
        "org_staff_revoked",
        _("Ended someone's access to act for an organization"),
    )
    ORGANIZATION_REVOKED = "org_revoked", _("Revoked an organization's verification")
    # Roles moderators give members
    OUTREACH_ADD = "outreach_add", _("Marked a member as an outreach worker")
    OUTREACH_REMOVE = "outreach_remove", _("Ended a member's role as an outreach worker")


# Decisions a member can appeal: each one concerns their content or account.
APPEALABLE = {
    ActionKind.HIDE,
    ActionKind.DELETE,
    ActionKind.EDIT,
    ActionKind.PROFILE_CLEAR,
    ActionKind.COMMUNITY_HIDE,
    ActionKind.VOTE_HIDE,
    ActionKind.WARN,
    ActionKind.SILENCE,
    ActionKind.SUSPEND,
    ActionKind.COMMUNITY_SILENCE,
    ActionKind.LOCK,
    ActionKind.MOVE,
    ActionKind.SLOW_MODE,
}


# Kinds of record that are never in the public log: care follow-ups, and
# answers to what one member sent in (an idea, a suggestion, a request to act
# for an organization that was declined).
NEVER_PUBLIC = {
    ActionKind.CARE,
    ActionKind.PROPOSAL_ACCEPTED,
    ActionKind.PROPOSAL_DECLINED,
    ActionKind.ARTICLE_ASSIGNED,
    ActionKind.SUGGESTION_CLOSED,
    ActionKind.ORGANIZATION_DECLINED,
}


# What the member concerned is told, in their notifications and on the
# decision's page.
MEMBER_MESSAGES = {
    ActionKind.KEEP: _("A peer moderator looked at your post and kept it up."),
    ActionKind.APPROVE: _("Your post was checked and is now visible."),
    ActionKind.HIDE: _("A peer moderator hid something you wrote."),
    ActionKind.DELETE: _("A peer moderator removed something you wrote."),
    ActionKind.EDIT: _("A peer moderator edited something you wrote."),
    ActionKind.PROFILE_CLEAR: _("A peer moderator removed words from your profile."),
    ActionKind.COMMUNITY_HIDE: _("Something you wrote was hidden while peers review it."),
    ActionKind.VOTE_KEEP: _("Trusted members looked at your post and kept it up."),
    ActionKind.VOTE_HIDE: _("Trusted members hid something you wrote."),
    ActionKind.WARN: _("A peer moderator sent you a warning."),
    ActionKind.SILENCE: _("Your account is read-only for a while."),
    ActionKind.SUSPEND: _("Your account is suspended."),
    ActionKind.LIFT: _("The limit on your account was lifted."),
    ActionKind.COMMUNITY_SILENCE: _(
        "Your account is read-only until a peer moderator looks at it."
    ),
    ActionKind.LOCK: _("A thread you started was locked."),
    ActionKind.UNLOCK: _("A thread you started was unlocked."),
    ActionKind.MOVE: _("A thread you started was moved to another category."),
    ActionKind.SLOW_MODE: _("Slow mode changed on a thread you started."),
    ActionKind.APPEAL_UPHELD: _("Your appeal was decided: the decision stands."),
    ActionKind.APPEAL_REVERSED: _("Your appeal was decided: the decision was reversed."),
    ActionKind.PROPOSAL_ACCEPTED: _(
        "Your idea for an article was accepted. A peer author is on it."
    ),
    ActionKind.PROPOSAL_DECLINED: _(
        "Peers read your idea for an article and decided not to take it on."
    ),
    ActionKind.ARTICLE_ASSIGNED: _(
        "A peer moderator started a draft for you to write, from a member's idea."
    ),
    ActionKind.SUGGESTION_CLOSED: _("A peer reviewer read your suggested update and closed it."),
    ActionKind.ORGANIZATION_VERIFIED: _(
        "A peer moderator checked your request: you can now act for the organization."
    ),
    ActionKind.ORGANIZATION_DECLINED: _(
        "A peer moderator read your request to act for an organization and declined it."
    ),
    ActionKind.ORGANIZATION_STAFF_REVOKED: _(
        "A peer moderator ended your access to act for an organization."
    ),
    ActionKind.OUTREACH_ADD: _(
        "A peer moderator marked you as an outreach worker. You can now enter consultation "
        "responses for people you meet in person or on paper."
    ),
    ActionKind.OUTREACH_REMOVE: _("A peer moderator ended your role as an outreach worker."),
}


class ActorRole(models.TextChoices):
    MODERATOR = "moderator", _("a moderator")
    COMMUNITY = "community", _("the community")
    REVIEWER = "reviewer", _("a peer reviewer")
    SYSTEM = "system", _("the site")


# Decisions about a thread as a place (not about its author's conduct).
THREAD_ACTIONS = {ActionKind.LOCK, ActionKind.UNLOCK, ActionKind.MOVE, ActionKind.SLOW_MODE}


class ModerationActionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def record_of(self, member):
        """Decisions about a member's conduct or content: what moderators look
        back on. Care follow-ups and thread housekeeping are not held against anyone."""
        return self.filter(target_user=member).exclude(
            action__in=[ActionKind.CARE, *THREAD_ACTIONS]
        )

    def for_log(self):
        return self.select_related("actor", "target_user", "content_type").order_by(
            "-created_at", "-pk"
        )


class ModerationAction(models.Model):
    """One decision, with who made it and why. The public log lists these."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_taken",
    )
    actor_role = models.CharField(
        max_length=10, choices=ActorRole.choices, default=ActorRole.MODERATOR
    )
    action = models.CharField(max_length=20, choices=ActionKind.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_received",
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    private_note = models.TextField(
        _("private note"),
        max_length=PRIVATE_NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Only the member and moderators see this, never the public log."),
    )
    detail = models.JSONField(default=dict, blank=True)
    item = models.ForeignKey(
        "moderation.QueueItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    is_public = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reversed_at = models.DateTimeField(null=True, blank=True)

    objects = ModerationActionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def member_message(self) -> str:
        return str(MEMBER_MESSAGES.get(self.action, self.get_action_display()))

    @property
    def reason_label(self) -> str:
        """What the decision's page calls `reason`: a note when it answers what
        someone sent in rather than explaining a decision about them."""
        if self.action in (ActionKind.SUGGESTION_CLOSED, ActionKind.ARTICLE_ASSIGNED):
            return str(_("Note"))
        return str(_("Reason"))

    @property
    def actor_public_name(self) -> str:
        """Who did it, as the public log says it."""
        return str(ActorRole(self.actor_role).label)

    @property
    def is_appealable(self) -> bool:
        return self.action in APPEALABLE and self.target_user_id is not None


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    UPHELD = "upheld", _("Decision upheld")
    REVERSED = "reversed", _("Decision reversed")


class Appeal(ModerationSubject, models.Model):
    """A member asks a different moderator to look again at one decision. The
    queue's appeal items are about one; the queue names them by their summary."""

    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    message = models.TextField(_("your message"), max_length=APPEAL_MESSAGE_MAX_LENGTH)
    status = models.CharField(
        max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Appeal of {self.action}"

    def get_absolute_url(self) -> str:
        return reverse("moderation:decision", kwargs={"pk": self.action_id})

    @property
    def moderation_author(self):
        return self.appellant
