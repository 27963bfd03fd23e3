"""What every install has for consultations: the list page at
/consultations/, the community check on every draft under it, the
outreach workers' group, and peer moderators' say over organizations."""

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from accounts.roles import OUTREACH_WORKERS_GROUP, PEER_MODERATORS_GROUP

from ..groups import moderator_permissions_ensure
from ..models import CommunityCheckTask, ConsultationIndexPage

COMMUNITY_CHECK = "Community check"
INDEX_SLUG = "consultations"


@transaction.atomic
def consultations_setup(home) -> ConsultationIndexPage:
    """Idempotent: an index page, a workflow or a group that exists is kept."""
    Group.objects.get_or_create(name=OUTREACH_WORKERS_GROUP)
    moderator_permissions_ensure(django_apps)
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = ConsultationIndexPage(
            title="Have your say",
            slug=INDEX_SLUG,
            intro=(
                "Organizations ask for your view on their policies before they decide. "
                "Say where you stand, section by section. They never see your name."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    task = CommunityCheckTask.objects.filter(name=COMMUNITY_CHECK).first()
    if task is None:
        task = CommunityCheckTask.objects.create(name=COMMUNITY_CHECK)
        task.groups.set(Group.objects.filter(name=PEER_MODERATORS_GROUP))
    workflow, created = Workflow.objects.get_or_create(name=COMMUNITY_CHECK)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return index
