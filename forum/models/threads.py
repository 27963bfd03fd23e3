"""Threads, how they are paged, and how far each member has read them."""

from taggit.managers import TaggableManager

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from moderation.models import Moderated, ModeratedQuerySet, ModerationState

from .categories import Category

TITLE_MAX_LENGTH = 120
POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25
MAX_TAGS = 5
TAG_MAX_LENGTH = 30


def page_for_position(position: int) -> int:
    """The page of its thread that the post numbered `position` is on."""
    return (position - 1) // POSTS_PER_PAGE + 1


class ContentWarning(models.TextChoices):
    OVERDOSE = "overdose", _("Overdose")
    DEATH_AND_GRIEF = "death_grief", _("Death and grief")
    SELF_HARM = "self_harm", _("Self-harm")
    VIOLENCE = "violence", _("Violence")
    SEXUAL_CONTENT = "sexual", _("Sexual content")
    DRUG_USE_IMAGERY = "drug_imagery", _("Explicit drug-use imagery")
    OTHER = "other", _("Something else")


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")
    EXPERIENCE_REPORT = "experience", _("Experience report")


class ThreadQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def visible_to(self, user):
        """Threads this person may see: visible, and not in a members-only
        category unless they are signed in."""
        threads = self.visible()
        if not user.is_authenticated:
            threads = threads.filter(category__is_members_only=False)
        return threads

    def for_list(self):
        """With what a thread list shows (how far a member has read comes from
        forum.services.reading, kept beside the rows), and the position of
        the newest post everyone can see: a post held for review is nothing
        new to those who can't."""
        shown = (
            apps.get_model("forum", "Post")
            .objects.filter(thread=OuterRef("pk"), moderation_state=ModerationState.VISIBLE)
            .order_by("-position")
            .values("position")[:1]
        )
        return (
            self.select_related("category", "author")
            .prefetch_related("tags")
            .annotate(last_shown_position=Subquery(shown))
        )


# A thread's address ends in its slug, beside addresses of its own
# (forum/urls.py): a thread called "Reply" must not end where replies are sent.
TAKEN_SLUGS = frozenset({"reply", "follow", "actions", "moderate", "tags"})


class Thread(index.Indexed, Moderated):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(max_length=80, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    content_warning = models.CharField(
        _("content warning"), max_length=14, choices=ContentWarning.choices, blank=True
    )
    content_warning_other = models.CharField(_("other warning"), max_length=60, blank=True)
    tags = TaggableManager(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    last_position = models.PositiveIntegerField(
        default=0, help_text=_("Position of the newest post; posts are numbered from 1.")
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    slow_mode_minutes = models.PositiveSmallIntegerField(
        _("slow mode"),
        default=0,
        help_text=_("Each member may post here once per this many minutes; 0 for no limit."),
    )
    helpful_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For questions: the reply the asker marked as the one that helped."),
    )

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("id"),
        index.FilterField("category_id"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        ordering = ["-last_post_at"]
        indexes = [models.Index(fields=["category", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "thread"
            if self.slug in TAKEN_SLUGS:
                self.slug = f"{self.slug}-thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def last_page(self) -> int:
        """The page the newest post is on, where a reply lands."""
        return page_for_position(self.last_position)

    @property
    def warning_label(self) -> str:
        if self.content_warning == ContentWarning.OTHER:
            return self.content_warning_other
        return self.get_content_warning_display() if self.content_warning else ""

    @classmethod
    def moderation_queryset(cls):
        return cls._default_manager.select_related("category", "author")

    def moderation_label(self) -> str:
        return _("The thread “%(title)s” in %(category)s") % {
            "title": self.title,
            "category": self.category.name,
        }

    def moderation_text(self) -> str:
        return self.title

    def moderation_tools_url(self) -> str:
        return reverse("forum:thread_moderate", kwargs={"pk": self.pk})

    def moderation_html(self) -> str:
        """The title, and the opening post while it is visible, or while it is
        held with the thread (they are reviewed together). A removed or hidden
        opening post is never shown here."""
        shown = [ModerationState.VISIBLE]
        if self.is_held:
            shown.append(ModerationState.HELD)
        opening = (
            self.posts.filter(position=1, moderation_state__in=shown)
            .values_list("body_html", flat=True)
            .first()
        )
        return format_html("<h3>{}</h3>", self.title) + mark_safe(opening or "")  # noqa: S308

    def moderation_can_view(self, user) -> bool:
        return self.category.can_read(user)

    # A moderator's retitling needs the forum's services: forum.apps registers
    # it (see forum/services/subjects.py).

    def moderation_state_changed(self) -> None:
        # A thread held for review holds its opening post too; releasing the
        # thread releases the post.
        if self.is_visible:
            opening = self.posts.filter(position=1, moderation_state=ModerationState.HELD).first()
            if opening is not None:
                opening.set_moderation_state(ModerationState.VISIBLE)
                opening.save()


class ThreadRead(models.Model):
    """How far a member has read a thread, for unread markers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_position = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_thread_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread} to #{self.last_read_position}"
