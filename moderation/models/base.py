from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationState(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden pending review")
    DELETED = "deleted", _("Deleted")


class ModeratedQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(moderation_state=ModerationState.VISIBLE)


class Moderated(models.Model):
    """Anything members write that the community can flag, hold or hide.

    Content apps inherit this; moderation reaches them only through it. A
    subclass has an `author`, a `get_absolute_url()`, and overrides the
    `moderation_*` methods below that it supports.
    """

    moderation_state = models.CharField(
        _("moderation state"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.VISIBLE,
        db_index=True,
    )
    moderation_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=200, blank=True)
    flags = GenericRelation("moderation.Flag")
    # Whether moderation_edit() keeps the old words itself; if not, the log
    # keeps them so an appeal can put them back.
    moderation_keeps_revisions = False

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.moderation_state == ModerationState.VISIBLE

    @property
    def is_hidden(self) -> bool:
        return self.moderation_state == ModerationState.HIDDEN

    @property
    def is_held(self) -> bool:
        return self.moderation_state == ModerationState.HELD

    def set_moderation_state(self, state: str, *, reason: str = "") -> None:
        """Change the state in memory; the caller saves inside its transaction."""
        self.moderation_state = state
        self.moderation_reason = reason[:200]
        self.moderation_changed_at = timezone.now()

    # What moderation needs to know about a piece of content.

    @classmethod
    def moderation_queryset(cls):
        """What the queue and the log load when they list this kind of content."""
        return cls._default_manager.all()

    @property
    def moderation_author(self):
        return self.author

    def moderation_label(self) -> str:
        """A short description for the queue and the log, e.g. “a post in …”."""
        return str(self._meta.verbose_name)

    def moderation_text(self) -> str:
        """The words as written, for screening and the moderator's edit form."""
        return ""

    def moderation_html(self) -> str:
        """Sanitized HTML that the review queue shows."""
        return ""

    def moderation_can_view(self, user) -> bool:
        """Whether `user` may follow a link to this content once it is visible."""
        return True

    def moderation_tools_url(self) -> str:
        """Where a moderator finds tools for the content's surroundings (a
        thread's lock, say), or ""."""
        return ""

    def moderation_state_changed(self) -> None:
        """Called after a saved change of state; recount what depends on it."""

    def moderation_edit(self, *, editor, text: str) -> None:
        """Replace the words, keeping the old version as a revision."""
        raise NotImplementedError(f"{type(self).__name__} can't be edited by moderators.")
