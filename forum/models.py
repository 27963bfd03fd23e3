from taggit.managers import TaggableManager

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from accounts.roles import is_peer_moderator
from moderation.models import Moderated, ModeratedQuerySet, ModerationState

POST_MAX_LENGTH = 20_000
TITLE_MAX_LENGTH = 120
POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25
MAX_TAGS = 5
TAG_MAX_LENGTH = 30


class WhoMayStart(models.TextChoices):
    EVERYONE = "everyone", _("Every member")
    TRUSTED = "trusted", _("Members at or above a trust level")
    MODERATORS = "moderators", _("Peer moderators only")


class CategoryQuerySet(models.QuerySet):
    def with_activity(self):
        """Each category with its visible thread count and latest visible thread."""
        latest = Thread.objects.visible().filter(category=OuterRef("pk")).order_by("-last_post_at")
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


register_snippet(Category)


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


class ThreadQuerySet(ModeratedQuerySet):
    def visible_to(self, user):
        """Threads this person may see: visible, and not in a members-only
        category unless they are signed in."""
        threads = self.visible()
        if not user.is_authenticated:
            threads = threads.filter(category__is_members_only=False)
        return threads

    def for_list(self):
        return self.select_related("category", "author").prefetch_related("tags")


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

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
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
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def warning_label(self) -> str:
        if self.content_warning == ContentWarning.OTHER:
            return self.content_warning_other
        return self.get_content_warning_display() if self.content_warning else ""


class PostQuerySet(ModeratedQuerySet):
    def for_thread_page(self, thread: Thread, page_number: int):
        """One page of a thread, in order, with what each post shows.

        Deleted and hidden posts keep their place and render as placeholders;
        held posts are not shown until a moderator releases them.
        """
        start = (page_number - 1) * POSTS_PER_PAGE
        return (
            self.filter(thread=thread, position__gt=start, position__lte=start + POSTS_PER_PAGE)
            .exclude(moderation_state=ModerationState.HELD)
            .select_related("author", "author__profile", "quoted_post__author")
            .order_by("position")
        )


class Post(index.Indexed, Moderated):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    position = models.PositiveIntegerField(help_text=_("1 for the opening post, then in order."))
    body_source = models.TextField(max_length=POST_MAX_LENGTH)
    body_html = models.TextField()
    quoted_post = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="quoted_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    search_fields = [
        index.SearchField("body_source"),
        index.FilterField("thread_id"),
        index.FilterField("moderation_state"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="forum_post_position")
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.position}"

    @property
    def page_number(self) -> int:
        return (self.position - 1) // POSTS_PER_PAGE + 1

    def get_absolute_url(self) -> str:
        url = self.thread.get_absolute_url()
        if self.page_number > 1:
            url += f"?page={self.page_number}"
        return f"{url}#post-{self.position}"

    @property
    def is_deleted(self) -> bool:
        return self.moderation_state == ModerationState.DELETED


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_source = models.TextField()
    created_at = models.DateTimeField(
        help_text=_("When this version was written (the post's creation or its previous edit).")
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return f"{self.post} before {self.replaced_at:%Y-%m-%d %H:%M}"
