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

    Content apps inherit this; moderation reaches them only through it.
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

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.moderation_state == ModerationState.VISIBLE

    def set_moderation_state(self, state: str, *, reason: str = "") -> None:
        """Change the state in memory; the caller saves inside its transaction."""
        self.moderation_state = state
        self.moderation_reason = reason
        self.moderation_changed_at = timezone.now()
