"""Members following a knowledge-base topic, to hear about its new and updated
articles in their email digest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .snippets import TopicTag


class TopicFollowQuerySet(models.QuerySet):
    def follows(self, *, member, topic) -> bool:
        if not member.is_authenticated:
            return False
        return self.filter(member=member, topic=topic).exists()


class TopicFollow(models.Model):
    """One member following one topic. Nobody else sees who follows what."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kb_topic_follows"
    )
    topic = models.ForeignKey(TopicTag, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed topic")
        verbose_name_plural = _("followed topics")
        constraints = [
            models.UniqueConstraint(fields=["member", "topic"], name="peerkb_topic_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.topic_id}"
