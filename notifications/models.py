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
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .discretion import (
    ENCODED_WORD_START,
    outside_text,
    revealing_words_in,
    unusual_characters_in,
)

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


# Email. Most members never add an address; the inbox above stays the main
# channel. What follows is only for members with a verified one.

# Kinds a member can have emailed right away or gathered into their digest.
ACTIVITY_KINDS = (NotificationKind.REPLY, NotificationKind.MENTION, NotificationKind.QUOTE)


class ActivityEmails(models.TextChoices):
    OFF = "off", _("Don't email me")
    IMMEDIATE = "immediate", _("Email me soon after (one email for everything in 5 minutes)")
    DIGEST = "digest", _("Put them in my digest")


class DigestFrequency(models.TextChoices):
    OFF = "off", _("No digest")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class EmailPreference(models.Model):
    """What a member wants by email. No row means the defaults: nothing is sent
    except urgent safety alerts, and those only to a verified address."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    activity = models.CharField(
        _("replies, mentions and quotes"),
        max_length=10,
        choices=ActivityEmails.choices,
        default=ActivityEmails.OFF,
    )
    digest = models.CharField(
        _("digest"), max_length=6, choices=DigestFrequency.choices, default=DigestFrequency.OFF
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("day for a weekly digest"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_hour = models.PositiveSmallIntegerField(_("time of day"), default=8)
    time_zone = models.CharField(_("your time zone"), max_length=64, default="America/New_York")
    detailed = models.BooleanField(
        _("detailed emails"),
        default=False,
        help_text=_("Titles and short bits of posts instead of counts only."),
    )
    safety_alerts = models.BooleanField(_("urgent safety alerts"), default=True)
    # When the next digest is due (UTC), worked out from the choices above, so
    # the digest job finds due members with one indexed query.
    next_digest_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set while an email about new replies, mentions and quotes is waiting to
    # go out, so a busy thread queues one email, not one per post.
    activity_email_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # An address the mail server refused for good. Nothing more is sent to it;
    # the member sees why in their email settings.
    undeliverable_address = models.EmailField(blank=True)
    undeliverable_at = models.DateTimeField(null=True, blank=True)
    # Goes up on every change, so a link from an older email can't change them again.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email preference")
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_hour__lte=23), name="notifications_digest_hour_in_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Email preference of {self.member_id}"


class DigestSend(models.Model):
    """One member's digest for one period, written in the same transaction that
    decides to send it: a retried or re-queued task finds it and sends nothing.
    A period with nothing new is written too, with no `sent_at`, so the member
    is not tried again until the next one."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends"
    )
    period = models.CharField(max_length=24, help_text=_("e.g. “daily 2026-12-07”."))
    covered_from = models.DateTimeField()
    covered_until = models.DateTimeField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="notifications_digest_once")
        ]
        indexes = [models.Index(fields=["member", "-covered_until"])]

    def __str__(self) -> str:
        return f"{self.period} for {self.member_id}"


COUNT_PLACEHOLDER = "{count}"


def _count_only(subject: str) -> bool:
    """Whether the only curly brackets in `subject` are those of {count}."""
    rest = subject.replace(COUNT_PLACEHOLDER, "")
    return "{" not in rest and "}" not in rest


@register_setting(icon="mail")
class EmailSettings(BaseSiteSetting):
    """How emails look from the outside: peer moderators choose the words."""

    sender_name = models.CharField(
        _("sender name"),
        max_length=40,
        default="WWA",
        help_text=_(
            "The name inboxes show emails as coming from. Keep it plain: it may show "
            "on a lock screen someone else can see."
        ),
    )
    subject_one = models.CharField(
        _("subject for one notification"),
        max_length=78,
        default="You have 1 new notification",
    )
    subject_many = models.CharField(
        _("subject for more than one"),
        max_length=78,
        default="You have {count} new notifications",
        help_text=_("{count} becomes the number of notifications."),
    )

    panels = [FieldPanel("sender_name"), FieldPanel("subject_one"), FieldPanel("subject_many")]

    class Meta:
        verbose_name = _("Email")

    def clean(self):
        errors = {}
        for field in ("sender_name", "subject_one", "subject_many"):
            value = getattr(self, field)
            unusual = unusual_characters_in(value)
            words = revealing_words_in(value)
            if unusual:
                errors[field] = _(
                    "Use ordinary letters (accents are fine), numbers, spaces and punctuation: "
                    "this has a line break, a hidden character or a letter from another "
                    "alphabet (%(characters)s)."
                ) % {"characters": ", ".join(unusual)}
            elif ENCODED_WORD_START in value:
                errors[field] = _(
                    "Leave out “=?”: mail apps read what follows it as coded text, which could "
                    "say anything."
                )
            elif words:
                errors[field] = _(
                    "Leave out “%(words)s”. This shows on lock screens and in shared inboxes, "
                    "so it must not say what this site is about."
                ) % {"words": "”, “".join(words)}
        if "subject_many" not in errors and not _count_only(self.subject_many):
            errors["subject_many"] = _("Use {count} for the number, and no other curly brackets.")
        if errors:
            raise ValidationError(errors)

    def subject(self, count: int) -> str:
        if count == 1:
            return outside_text(self.subject_one)
        subject_many = self.subject_many
        if not _count_only(subject_many):
            subject_many = self._meta.get_field("subject_many").default
        # Replaced, never run through str.format: "{count.__class__}" or
        # "{count:>99999}" would read attributes or build a huge string.
        return outside_text(subject_many.replace(COUNT_PLACEHOLDER, str(count)))
