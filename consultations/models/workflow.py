"""The community check: a peer moderator who doesn't act for the
organization reads a draft before it goes live."""

from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


def acts_for_draft_organization(draft, user) -> bool:
    organization = getattr(draft, "organization", None)
    return organization is not None and organization.has_staff(user)


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
        if acts_for_draft_organization(task_state.revision.content_object.specific, user):
            raise PermissionError("Staff of the organization can't check their own draft.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        own = user.groups.filter(organization__isnull=False).values_list(
            "organization__pk", flat=True
        )
        return states.exclude(
            workflow_state__base_content_type__model="policydraftpage",
            workflow_state__object_id__in=[str(pk) for pk in _draft_ids_of(list(own))],
        )


def _draft_ids_of(organization_ids: list[int]) -> list[int]:
    from .pages import PolicyDraftPage

    if not organization_ids:
        return []
    return list(
        PolicyDraftPage.objects.filter(organization_id__in=organization_ids).values_list(
            "pk", flat=True
        )
    )
