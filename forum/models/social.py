"""What members do around posts: follow, bookmark, react."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .categories import Category
from .posts import Post
from .threads import Thread


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
