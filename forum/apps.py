from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from moderation.activity import buffered_source_register

        from . import email_details, notifications, signals  # noqa: F401
        from .services import reversals  # noqa: F401
        from .services.reading import reads_flush
        from .services.subjects import subjects_register

        # Moderating a post or a thread takes the forum's services; the models
        # can't import them, so moderation reaches them through these.
        subjects_register()
        # Posts read and threads entered reach members' days when the read
        # positions are flushed; moderation's flush (and the trust-level job)
        # runs this one first.
        buffered_source_register(reads_flush)
