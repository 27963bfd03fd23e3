from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from accounts.profile_screening import profile_screener_register

        from . import profiles, signals  # noqa: F401
        from .writing import profile_write_screen

        # Accounts sits below moderation and can't call it; moderation tells
        # accounts how to screen a profile instead.
        profile_screener_register(profile_write_screen)
