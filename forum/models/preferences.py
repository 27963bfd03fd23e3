"""How each member wants the forum to behave for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
