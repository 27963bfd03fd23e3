from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Policy consultations")

    def ready(self) -> None:
        from . import report_queue, views  # noqa: F401

        views.register()
