"""Peer review: a workflow task that needs several different peers to approve."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, TaskState

from accounts.roles import is_peer_moderator

DEFAULT_APPROVALS_NEEDED = 2


class PeerReviewTask(AbstractGroupApprovalTask):
    """Approved once `approvals_needed` different members of the chosen groups
    approve the same version. An author never approves their own article, a
    reviewer counts once, and any edit starts the count again."""

    approvals_needed = models.PositiveSmallIntegerField(
        _("approvals needed"),
        default=DEFAULT_APPROVALS_NEEDED,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("How many different peers must approve the same version."),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["approvals_needed"]

    class Meta:
        verbose_name = _("peer review task")
        verbose_name_plural = _("peer review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Several different members of the chosen groups must approve the same version. "
            "Authors can't approve their own article."
        )

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) or is_peer_moderator(user)

    def locked_for_user(self, obj, user):
        # Peer moderators keep access for an urgent safety correction.
        return super().locked_for_user(obj, user) and not is_peer_moderator(user)

    def get_actions(self, obj, user):
        from ..review import review_actions_for

        return review_actions_for(task=self, article=obj, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..review import peer_review_approve

        if action_name == "approve":
            return peer_review_approve(
                task_state=task_state, reviewer=user, comment=kwargs.get("comment", "")
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )


class PeerApproval(models.Model):
    """One peer's approval of one version of an article under review."""

    task_state = models.ForeignKey(
        TaskState, on_delete=models.CASCADE, related_name="peer_approvals"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="peer_approvals"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_approvals"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "revision", "reviewer"], name="peerkb_approve_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} approved revision {self.revision_id}"
