from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import signals  # noqa: F401


class PseudonymousWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that never ask for a real name."""

    user_viewset = "accounts.admin_forms.UserViewSet"
