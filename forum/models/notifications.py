from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationState

from .posts import Post
from .threads import Thread


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply in a thread you watch")
    NEW_THREAD = "new_thread", _("New thread where you watch")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote")
    REACTION = "reaction", _("Reactions")
    MODERATION = "moderation", _("Moderation")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def visible(self):
        """Only about content that can still be seen: a hidden thread's title
        must not linger in someone's notifications."""
        return self.filter(
            Q(kind=NotificationKind.MODERATION)
            | (
                (Q(thread__isnull=True) | Q(thread__moderation_state=ModerationState.VISIBLE))
                & (Q(post__isnull=True) | Q(post__moderation_state=ModerationState.VISIBLE))
            )
        )

    def for_list(self):
        return self.select_related(
            "actor", "post", "thread", "thread__category", "moderation_action", "queue_item"
        )


class Notification(models.Model):
    """Something a member should know about. Shown in the site; digests read it too.

    Reactions to one post batch into one unread notification whose `count` grows.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, related_name="+")
    moderation_action = models.ForeignKey(
        "moderation.ModerationAction", on_delete=models.CASCADE, null=True, related_name="+"
    )
    queue_item = models.ForeignKey(
        "moderation.QueueItem", on_delete=models.CASCADE, null=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    counted_through_reaction = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text=_("For reaction batches: the newest reaction this batch has counted."),
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            # A task that runs twice for the same post notifies once.
            models.UniqueConstraint(
                fields=["recipient", "kind", "post"],
                condition=~Q(kind="reaction"),
                name="forum_notification_once_per_post",
            ),
            models.UniqueConstraint(
                fields=["recipient", "post"],
                condition=Q(kind="reaction", read_at__isnull=True),
                name="forum_notification_one_unread_reaction_batch",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"
