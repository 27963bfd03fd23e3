from datetime import date

from taggit.managers import TaggableManager

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
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


class ThreadQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def visible_to(self, user):
        """Threads this person may see: visible, and not in a members-only
        category unless they are signed in."""
        threads = self.visible()
        if not user.is_authenticated:
            threads = threads.filter(category__is_members_only=False)
        return threads

    def for_list(self, user=None):
        """With what a thread list shows; for a member, how far they have read."""
        threads = self.select_related("category", "author").prefetch_related("tags")
        if user is not None and user.is_authenticated:
            read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk"))
            threads = threads.annotate(
                last_read_position=Subquery(read.values("last_read_position")[:1])
            )
        return threads


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
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def first_unread_position(self) -> int | None:
        """For lists annotated by for_list(user): None when nothing is new."""
        read = getattr(self, "last_read_position", None)
        if read is None or read >= self.last_position:
            return None
        return read + 1

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

    def moderation_state_changed(self) -> None:
        # A thread held for review holds its opening post too; releasing the
        # thread releases the post.
        if self.is_visible:
            opening = self.posts.filter(position=1, moderation_state=ModerationState.HELD).first()
            if opening is not None:
                opening.set_moderation_state(ModerationState.VISIBLE)
                opening.save()

    def moderation_edit(self, *, editor, text: str) -> None:
        from .services import thread_retitle

        thread_retitle(thread=self, editor=editor, title=text)


class PostQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def for_thread_page(self, thread: Thread, page_number: int, viewer=None):
        """One page of a thread, in order, with what each post shows.

        Deleted and hidden posts keep their place and render as placeholders;
        held posts are shown only to their author and peer moderators until a
        moderator releases them.
        """
        start = (page_number - 1) * POSTS_PER_PAGE
        posts = self.filter(thread=thread, position__gt=start, position__lte=start + POSTS_PER_PAGE)
        if viewer is None or not is_peer_moderator(viewer):
            held_by_others = Q(moderation_state=ModerationState.HELD)
            if viewer is not None and viewer.is_authenticated:
                held_by_others &= ~Q(author_id=viewer.pk)
            posts = posts.exclude(held_by_others)
        return (
            posts.select_related("author", "quoted_post__author", "quoted_post__thread")
            .annotate(
                **{
                    f"{kind}_count": Count("reactions", filter=Q(reactions__kind=kind))
                    for kind in ("support", "helpful", "same_here")
                }
            )
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

    moderation_keeps_revisions = True

    @classmethod
    def moderation_queryset(cls):
        return cls._default_manager.select_related("thread__category", "author")

    def moderation_label(self) -> str:
        return _("Post #%(position)d in “%(title)s”") % {
            "position": self.position,
            "title": self.thread.title,
        }

    def moderation_text(self) -> str:
        return self.body_source

    def moderation_tools_url(self) -> str:
        return reverse("forum:thread_moderate", kwargs={"pk": self.thread_id})

    def moderation_html(self) -> str:
        return self.body_html

    def moderation_can_view(self, user) -> bool:
        return self.thread.is_visible and self.thread.category.can_read(user)

    def moderation_state_changed(self) -> None:
        from .services import quotes_of_post_remove, thread_refresh_stats

        with transaction.atomic():
            if self.is_deleted:
                # A moderator removed it: replies quoting it lose its words too.
                quotes_of_post_remove(post=self)
            thread = Thread.objects.select_for_update().get(pk=self.thread_id)
            thread_refresh_stats(thread=thread)

    def moderation_edit(self, *, editor, text: str) -> None:
        from .services import post_moderator_edit

        post_moderator_edit(post=self, editor=editor, body=text)


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


class FollowLevel(models.TextChoices):
    WATCH = "watch", _("Watching")
    MUTE = "mute", _("Muted")


class FollowingQuerySet(models.QuerySet):
    def level_for(self, user, **target) -> str | None:
        """ "watch", "mute" or None for one member and one thread, category or tag."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user, **target).values_list("level", flat=True).first()


class Following(models.Model):
    """A member watching or muting one thread, category or tag."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followings"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True)
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, null=True, blank=True)
    level = models.CharField(max_length=5, choices=FollowLevel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="forum_following_one_target",
                condition=(
                    Q(thread__isnull=False, category__isnull=True, tag__isnull=True)
                    | Q(thread__isnull=True, category__isnull=False, tag__isnull=True)
                    | Q(thread__isnull=True, category__isnull=True, tag__isnull=False)
                ),
            ),
            models.UniqueConstraint(fields=["user", "thread"], name="forum_following_thread"),
            models.UniqueConstraint(fields=["user", "category"], name="forum_following_category"),
            models.UniqueConstraint(fields=["user", "tag"], name="forum_following_tag"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.level} {self.thread or self.category or self.tag}"


class ForumPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_preferences"
    )
    auto_watch = models.BooleanField(
        _("watch threads I start or reply to"),
        default=True,
        help_text=_("You'll get a notification when someone replies."),
    )
    always_expand_warnings = models.BooleanField(
        _("always open posts with content warnings"),
        default=False,
        help_text=_("The warning still shows above the post."),
    )
    hidden_warnings = models.JSONField(
        _("always keep these warnings closed"),
        default=list,
        blank=True,
        help_text=_("Posts with these warnings stay closed even if you open all others."),
    )

    def __str__(self) -> str:
        return f"Forum preferences of {self.user}"

    @classmethod
    def for_user(cls, user) -> "ForumPreferences":
        if not user.is_authenticated:
            return cls()
        preferences, _created = cls.objects.get_or_create(user=user)
        return preferences

    def opens_warning(self, warning: str) -> bool:
        return self.always_expand_warnings and warning not in self.hidden_warnings


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="forum_bookmark_once_per_post")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


class ReactionKind(models.TextChoices):
    SUPPORT = "support", _("Support")
    HELPFUL = "helpful", _("Helpful")
    SAME_HERE = "same_here", _("Same here")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.post}"


class CountedReactor(models.Model):
    """One member's reactions to one post have counted toward trust levels.
    Taking a reaction back and adding it again, or adding a second kind, is
    still one person's reaction: the counters move only the first time."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_reactor_counted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} reacted to {self.post}"


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


class TestedResult(models.TextChoices):
    NOT_TESTED = "not_tested", _("Not tested")
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive")
    UNCLEAR = "unclear", _("Unclear")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    RATHER_NOT_SAY = "", _("Rather not say")


class ExperienceReport(models.Model):
    """The structured part of an experience report. Never a place, never a date
    finer than the month."""

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="report")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    body_weight_kg = models.PositiveSmallIntegerField(_("body weight (kg)"), null=True, blank=True)
    test_method = models.CharField(
        _("how it was tested"),
        max_length=80,
        blank=True,
        help_text=_("For example: fentanyl strip, reagent kit, drug checking service."),
    )
    test_result = models.CharField(
        _("test result"),
        max_length=12,
        choices=TestedResult.choices,
        default=TestedResult.NOT_TESTED,
    )
    used_alone = models.CharField(_("used alone?"), max_length=3, choices=YesNo.choices, blank=True)
    naloxone_needed = models.CharField(
        _("naloxone needed?"), max_length=3, choices=YesNo.choices, blank=True
    )
    setting = models.CharField(
        _("setting"),
        max_length=200,
        blank=True,
        help_text=_("The kind of place and mood, e.g. at home with a friend. Never an address."),
    )
    would_do_differently = models.TextField(
        _("what I'd do differently"), max_length=2000, blank=True
    )

    def __str__(self) -> str:
        return f"Report for {self.thread}"

    @property
    def month_name(self) -> str:
        return date_format(date(2000, self.month, 1), "F") if self.month else ""


class DoseUnit(models.TextChoices):
    MG = "mg", "mg"
    G = "g", "g"
    UG = "ug", "µg"
    ML = "ml", "ml"
    TABS = "tabs", _("tabs or pills")
    OTHER = "other", _("other")


class Route(models.TextChoices):
    SWALLOWED = "oral", _("Swallowed")
    SNORTED = "snorted", _("Snorted")
    SMOKED = "smoked", _("Smoked")
    INJECTED = "injected", _("Injected")
    UNDER_TONGUE = "sublingual", _("Under the tongue")
    RECTAL = "rectal", _("Boofed (rectal)")
    OTHER = "other", _("Other")


class SubstanceDose(models.Model):
    report = models.ForeignKey(ExperienceReport, on_delete=models.CASCADE, related_name="doses")
    order = models.PositiveSmallIntegerField(default=0)
    substance = models.CharField(_("substance"), max_length=80)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=5, choices=DoseUnit.choices, blank=True)
    route = models.CharField(_("route"), max_length=10, choices=Route.choices, blank=True)
    minutes_in = models.PositiveIntegerField(
        _("minutes in"), default=0, help_text=_("Time since the first dose, in minutes.")
    )

    class Meta:
        ordering = ["order", "minutes_in"]

    def __str__(self) -> str:
        return f"{self.substance} {self.amount or ''}{self.unit}"
