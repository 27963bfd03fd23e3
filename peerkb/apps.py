from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeerKBConfig(AppConfig):
    name = "peerkb"
    verbose_name = _("Knowledge base and site pages")

    def ready(self) -> None:
        from . import images, queue, signals  # noqa: F401
