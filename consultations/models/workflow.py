"""The community check: a peer moderator who doesn't act for the
organization reads a draft before it goes live."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask

from .pages import PolicyDraftPage


def _drafts_of_organizations_staffed_by(user):
    """Drafts whose organization counts `user` in its staff group, whether or
    not the organization is verified today: someone who ever wrote for it is
    not the one to check it."""
    return PolicyDraftPage.objects.filter(organization__staff_group__user=user)


def acts_for_draft_organization(draft, user) -> bool:
    """Whether `user` is in the staff group of the organization `draft` belongs to."""
    if not user.is_authenticated:
        return False
    organization = getattr(draft, "organization", None)
    if organization is None or organization.staff_group_id is None:
        return False
    return user.groups.filter(pk=organization.staff_group_id).exists()


class CommunityCheckTask(AbstractGroupApprovalTask):
    """Approved by one member of the chosen groups (peer moderators) who is
    not staff of the draft's organization. They check that the commitments
    are filled in honestly and that the language is person-first."""

    class Meta:
        verbose_name = _("community check task")
        verbose_name_plural = _("community check tasks")

    @classmethod
    def get_description(cls):
        return _(
            "A peer moderator who doesn't act for the organization checks the draft's "
            "commitments and language before it goes live."
        )

    def get_actions(self, obj, user):
        if acts_for_draft_organization(obj.specific, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        draft = task_state.revision.content_object.specific
        if acts_for_draft_organization(draft, user):
            raise PermissionDenied(
                "Staff of the organization can't do the community check of its own draft."
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The checks waiting for `user`: every draft in this task, less the
        drafts of organizations they act for, in one query."""
        own_drafts = (
            _drafts_of_organizations_staffed_by(user)
            .annotate(id_text=Cast("pk", output_field=CharField()))
            .values("id_text")
        )
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(
                workflow_state__content_type=ContentType.objects.get_for_model(PolicyDraftPage),
                workflow_state__object_id__in=own_drafts,
            )
        )
