from django.conf import settings
from django.db import models


class MemberDay(models.Model):
    """What one member did on one day. Content apps add to it as things happen;
    the daily trust-level job sums it. Only dates, never times or places."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_days"
    )
    day = models.DateField()
    visited = models.BooleanField(
        default=True,
        help_text="False when the row exists only because others reacted to the member's posts.",
    )
    posts_read = models.PositiveIntegerField(default=0)
    reading_seconds = models.PositiveIntegerField(default=0)
    threads_entered = models.PositiveIntegerField(default=0)
    reply_threads = models.PositiveIntegerField(
        default=0, help_text="Threads the member replied in for the first time that day."
    )
    reactions_given = models.PositiveIntegerField(default=0)
    reactions_received = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="moderation_day_once")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.day}"
