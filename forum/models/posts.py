"""Posts in a thread and the earlier versions of each."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from accounts.roles import is_peer_moderator
from moderation.models import Moderated, ModeratedQuerySet, ModerationState

from .threads import POSTS_PER_PAGE, Thread, page_for_position

POST_MAX_LENGTH = 20_000


class PostQuerySet(SearchableQuerySetMixin, ModeratedQuerySet):
    def for_thread_page(self, thread: Thread, page_number: int, viewer=None, *, everyone=False):
        """One page of a thread, in order, with what each post shows.

        Deleted and hidden posts keep their place and render as placeholders;
        held posts are shown only to their author and peer moderators until a
        moderator releases them. With `everyone`, held posts are included for
        the caller to sort out per reader.
        """
        start = (page_number - 1) * POSTS_PER_PAGE
        posts = self.filter(thread=thread, position__gt=start, position__lte=start + POSTS_PER_PAGE)
        if not everyone and (viewer is None or not is_peer_moderator(viewer)):
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
        return page_for_position(self.position)

    def get_absolute_url(self) -> str:
        url = self.thread.get_absolute_url()
        if self.page_number > 1:
            url += f"?page={self.page_number}"
        return f"{url}#post-{self.position}"

    @property
    def is_deleted(self) -> bool:
        return self.moderation_state == ModerationState.DELETED

    # A moderator's edit and what follows a change of state need the forum's
    # services: forum.apps registers them (see forum/services/subjects.py).
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
