from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeerKBConfig(AppConfig):
    name = "peerkb"
    verbose_name = _("Knowledge base and site pages")

    def ready(self) -> None:
        from . import email_sections, images, queue, signals, views  # noqa: F401
        from .models.knowledge_base import member_view_register

        # The pages' routes for what members write; see MEMBER_VIEWS.
        member_view_register("propose", views.ProposeArticleView.as_view())
        member_view_register("suggest", views.SuggestUpdateView.as_view())
        member_view_register("helpful", views.helpful_vote)
        member_view_register("follow", views.topic_follow)
