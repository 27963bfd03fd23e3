from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Policy consultations")

    def ready(self) -> None:
        from . import email_sections, organization_queue, report_queue, views  # noqa: F401
        from .models import ResponseComment
        from .services.responses import comment_moderator_edit

        views.register()
        # A moderator's edit from the review queue takes this app's service;
        # the model can't import it, so moderation reaches it through this.
        ResponseComment.moderation_handlers_register(edit=comment_moderator_edit)
