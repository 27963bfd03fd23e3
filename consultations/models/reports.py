"""“What we heard”: the organization's report back, and what changed in each section."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import PolicyDraftPage
from .responses import ResponseComment

REPORT_MAX_LENGTH = 20_000
CHANGE_MAX_LENGTH = 3000


class HeardReport(models.Model):
    """The report an organization owes the people who responded. Written
    after the draft closes; published once, then edits show as updated."""

    draft = models.OneToOneField(PolicyDraftPage, on_delete=models.CASCADE, related_name="report")
    body = models.TextField(
        _("what we heard"),
        max_length=REPORT_MAX_LENGTH,
        help_text=_("What people told you, in plain words. Markdown works."),
    )
    body_html = models.TextField(editable=False, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("“what we heard” report")

    def __str__(self) -> str:
        return f"What we heard: {self.draft_id}"


class SectionChange(models.Model):
    """What changed in one section, and why, linked to the statements and
    published comments that led to it."""

    report = models.ForeignKey(HeardReport, on_delete=models.CASCADE, related_name="changes")
    section_key = models.UUIDField()
    what_changed = models.TextField(_("what changed and why"), max_length=CHANGE_MAX_LENGTH)
    because_of = models.ManyToManyField(
        ResponseComment, blank=True, related_name="led_to", verbose_name=_("because of")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section_key"], name="consultations_one_change_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.section_key}"
