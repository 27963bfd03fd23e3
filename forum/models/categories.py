"""Forum categories: where threads are started, and who may start them."""

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from accounts.roles import is_peer_moderator
from moderation.models import ModerationState


class WhoMayStart(models.TextChoices):
    EVERYONE = "everyone", _("Every member")
    TRUSTED = "trusted", _("Members at or above a trust level")
    MODERATORS = "moderators", _("Peer moderators only")


class CategoryQuerySet(models.QuerySet):
    def with_activity(self):
        """Each category with its visible thread count and latest visible thread."""
        # Thread is reached through its relation: threads.py imports this module.
        thread_model = self.model._meta.get_field("threads").related_model
        latest = (
            thread_model.objects.visible().filter(category=OuterRef("pk")).order_by("-last_post_at")
        )
        return self.annotate(
            thread_count=Count(
                "threads", filter=Q(threads__moderation_state=ModerationState.VISIBLE)
            ),
            latest_thread_id=Subquery(latest.values("pk")[:1]),
            latest_thread_title=Subquery(latest.values("title")[:1]),
            latest_thread_slug=Subquery(latest.values("slug")[:1]),
            latest_activity_at=Subquery(latest.values("last_post_at")[:1]),
        )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown on the forum's front page."),
    )
    posting_guidelines = models.TextField(
        _("posting guidelines"),
        blank=True,
        help_text=_("Shown beside the form when someone starts a thread here. Plain text."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Titles and text from this category never appear in emails or previews."),
    )
    is_members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Visitors who aren't signed in see the category exists, but not its threads."),
    )
    who_may_start = models.CharField(
        _("who may start threads"),
        max_length=12,
        choices=WhoMayStart.choices,
        default=WhoMayStart.EVERYONE,
    )
    min_trust_level = models.PositiveSmallIntegerField(
        _("minimum trust level"),
        default=0,
        help_text=_("Used when only members at or above a trust level may start threads."),
    )
    is_read_only = models.BooleanField(
        _("read-only"), default=False, help_text=_("Nobody can start threads or reply here.")
    )

    objects = CategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("posting_guidelines"),
        FieldPanel("order"),
        FieldPanel("is_sensitive"),
        FieldPanel("is_members_only"),
        FieldPanel("who_may_start"),
        FieldPanel("min_trust_level"),
        FieldPanel("is_read_only"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:category", kwargs={"slug": self.slug})

    def can_read(self, user) -> bool:
        return not self.is_members_only or user.is_authenticated

    def can_start_thread(self, user) -> bool:
        if not user.is_authenticated or self.is_read_only:
            return False
        if self.who_may_start == WhoMayStart.MODERATORS:
            return is_peer_moderator(user)
        if self.who_may_start == WhoMayStart.TRUSTED:
            return user.trust_level >= self.min_trust_level or is_peer_moderator(user)
        return True
