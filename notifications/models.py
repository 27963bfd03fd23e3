"""The site-wide inbox. Any app may notify a member; this app imports none of
them. A notification says in its own words what happened (`summary`) and where
to look (`url`), so an email, or the inbox for a kind it has no words of its
own for, can show it without asking the app that sent it. The forum's and
moderation's notifications also point at what they are about, so they follow
it: gone when it is deleted, out of sight while it is hidden, and in the inbox
worded from it as it is now (a thread's new title, a former member).
"""

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SUMMARY_MAX_LENGTH = 300


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply in a thread you watch")
    NEW_THREAD = "new_thread", _("New thread where you watch")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote")
    REACTION = "reaction", _("Reactions")
    MODERATION = "moderation", _("Moderation")
    CONSULTATION = "consultation", _("Consultations")


# Conditions a notification must meet to be shown, registered by the apps whose
# content notifications point at (each a function returning a Q).
_shown_conditions: list[Callable[[], Q]] = []


def visibility_register(condition: Callable[[], Q]) -> None:
    """Show a notification only while `condition()` holds for it: the forum
    registers "its thread and post are still visible"."""
    if condition not in _shown_conditions:
        _shown_conditions.append(condition)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def visible(self):
        """Only about content that can still be seen: a hidden thread's title
        must not linger in someone's notifications."""
        queryset = self
        for condition in _shown_conditions:
            queryset = queryset.filter(condition())
        return queryset

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
    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_("One short line saying what happened, in the site's words."),
    )
    url = models.CharField(
        max_length=500, blank=True, help_text=_("Where on the site to look: a path, not a host.")
    )
    sensitive = models.BooleanField(
        default=True,
        help_text=_(
            "The summary carries members' words or touches someone's safety, so a "
            "discreet email must leave it out."
        ),
    )
    # What the forum's and moderation's notifications are about, named by string
    # so this app imports neither. Other kinds need only `summary` and `url`.
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.CASCADE, null=True, related_name="+"
    )
    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, null=True, related_name="+")
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
        # The table the forum created keeps its name, so no row had to move.
        db_table = "forum_notification"
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
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="forum_notif_recipie_9a08e0_idx")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient}"

    @property
    def target_url(self) -> str:
        """Where opening it leads: the stored `url`, except that a post knows its
        own address best (its thread's follows the thread's title)."""
        if self.post is not None:
            return self.post.get_absolute_url()
        return self.url
