"""The community check (consultations/models/workflow.py): a peer moderator
who doesn't act for the organization reads a draft before it goes live."""

import html
import json

import pytest

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied

from wagtail.models import TaskState, WorkflowState

from consultations.models import PolicyDraftPage
from consultations.services.organizations import space_of
from tests.factories import UserFactory, make_peer

from .factories import draft_form, make_organization

pytestmark = pytest.mark.django_db

SECTIONS = [
    {"heading": "Opening hours", "text": "We open from 10 to 4 on weekdays."},
    {"heading": "Exchange policy", "text": "No one-for-one exchange."},
]


@pytest.fixture
def riverside(home):
    return make_organization(staff=["casey_staff"])


@pytest.fixture
def hillside(home):
    return make_organization("Hillside Health", staff=["bo_staff"], verified_by=UserFactory())


@pytest.fixture
def casey(riverside):
    return riverside.staff_group.user_set.get()


@pytest.fixture
def moderator(home):
    return make_peer("jules", "Peer moderators")


def write_and_submit(client, staff, organization, title="Changing our hours"):
    """Staff write a draft in their space's editor and send it for the check.
    Returns the draft and the editor's form as it now stands."""
    client.force_login(staff)
    data = draft_form(title=title, sections=SECTIONS)
    response = client.post(
        f"/admin/pages/add/consultations/policydraftpage/{space_of(organization).pk}/",
        {**data, "action-submit": "1"},
    )
    assert response.status_code == 302, response.content.decode()
    client.logout()
    draft = PolicyDraftPage.objects.get(title=title)
    saved = [
        {"id": section.pk, "heading": section.heading, "text": section.text}
        for section in draft.get_latest_revision_as_object().sections.all()
    ]
    return draft, draft_form(title=title, sections=saved)


def decide_in_editor(client, user, draft, data, action, comment=""):
    client.force_login(user)
    extra = {"comment": comment} if comment else {}
    return client.post(
        f"/admin/pages/{draft.pk}/edit/",
        {
            **data,
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(extra),
        },
        follow=True,
    )


def action_names(draft, user) -> list[str]:
    draft = PolicyDraftPage.objects.get(pk=draft.pk)
    task = draft.current_workflow_task
    return [name for name, _label, _modal in task.get_actions(draft, user)]


def editor(client, user, draft) -> str:
    client.force_login(user)
    return html.unescape(client.get(f"/admin/pages/{draft.pk}/edit/").content.decode())


def shown(response) -> str:
    return html.unescape(" ".join(str(message) for message in get_messages(response.wsgi_request)))


def test_staff_are_told_their_draft_waits_for_the_community_check(riverside, casey, client):
    client.force_login(casey)
    response = client.post(
        f"/admin/pages/add/consultations/policydraftpage/{space_of(riverside).pk}/",
        {**draft_form(sections=SECTIONS), "action-submit": "1"},
        follow=True,
    )

    message = shown(response)
    assert "is saved and waiting for the community check" in message
    assert "peer review" not in message
    assert "two other peers" not in message


def test_drafts_go_through_the_community_check(riverside, casey, client):
    draft, _data = write_and_submit(client, casey, riverside)

    state = PolicyDraftPage.objects.get(pk=draft.pk).current_workflow_state
    assert state.workflow.name == "Community check"
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific.get_description().startswith(
        "A peer moderator who doesn't act for the organization"
    )
    assert not PolicyDraftPage.objects.get(pk=draft.pk).live


def test_a_peer_moderator_approves_in_the_editor_and_the_draft_goes_live(
    riverside, casey, moderator, client
):
    draft, data = write_and_submit(client, casey, riverside)

    page = editor(client, moderator, draft)
    response = decide_in_editor(client, moderator, draft, data, "approve")

    assert 'data-workflow-action-name="approve"' in page
    assert 'data-workflow-action-name="reject"' in page
    assert "Plain language check" in page
    assert response.status_code == 200
    assert "Approved. “Changing our hours” is live now." in shown(response)
    draft = PolicyDraftPage.objects.get(pk=draft.pk)
    assert draft.live
    assert draft.current_workflow_state is None
    assert WorkflowState.objects.get(status=WorkflowState.STATUS_APPROVED)
    client.logout()
    assert client.get(draft.url).status_code == 200


def test_request_changes_sends_the_draft_back_and_staff_read_the_comment(
    riverside, casey, moderator, client
):
    draft, data = write_and_submit(client, casey, riverside)
    comment = "Please name who reads the responses by their role."

    response = decide_in_editor(client, moderator, draft, data, "reject", comment=comment)

    assert "is back with Riverside Syringe Services, with your comment" in shown(response)
    task_state = TaskState.objects.get(workflow_state__object_id=str(draft.pk))
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == comment
    draft = PolicyDraftPage.objects.get(pk=draft.pk)
    assert draft.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not draft.live
    staff_editor = editor(client, casey, draft)
    assert comment in staff_editor
    assert "Changes requested" in staff_editor


def test_after_changes_the_staff_send_it_again_and_it_can_be_approved(
    riverside, casey, moderator, client
):
    draft, data = write_and_submit(client, casey, riverside)
    decide_in_editor(client, moderator, draft, data, "reject", comment="Plainer words.")

    client.force_login(casey)
    resubmitted = client.post(
        f"/admin/pages/{draft.pk}/edit/",
        {**data, "plain_summary": "We may close earlier. Tell us.", "action-submit": "1"},
    )
    decide_in_editor(
        client,
        moderator,
        draft,
        data | {"plain_summary": "We may close earlier. Tell us."},
        "approve",
    )

    assert resubmitted.status_code == 302
    draft = PolicyDraftPage.objects.get(pk=draft.pk)
    assert draft.live
    assert draft.plain_summary == "We may close earlier. Tell us."


def test_a_moderator_who_changes_words_as_they_approve_is_asked_to_approve_again(
    riverside, casey, moderator, client
):
    draft, data = write_and_submit(client, casey, riverside)

    response = decide_in_editor(
        client,
        moderator,
        draft,
        {**data, "affects": "People who use the program, and families"},
        "approve",
    )
    again = decide_in_editor(
        client,
        moderator,
        draft,
        {**data, "affects": "People who use the program, and families"},
        "approve",
    )

    assert "the community check starts again on your version" in shown(response)
    assert "is live now" in shown(again)
    assert PolicyDraftPage.objects.get(pk=draft.pk).affects.endswith("and families")


def test_staff_never_check_their_own_draft_even_as_peer_moderators(riverside, casey, client):
    casey.groups.add(Group.objects.get(name="Peer moderators"))
    draft, data = write_and_submit(client, casey, riverside)

    page = editor(client, casey, draft)
    decide_in_editor(client, casey, draft, data, "approve")

    assert action_names(draft, casey) == []
    assert 'data-workflow-action-name="approve"' not in page
    assert 'name="action-publish"' not in page
    assert "A peer moderator who doesn't act for your organization does it" in page
    draft = PolicyDraftPage.objects.get(pk=draft.pk)
    assert not draft.live
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = draft.current_workflow_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, casey, "approve")


def test_staff_who_are_peer_moderators_cannot_publish_their_own_draft_by_hand(
    riverside, casey, client
):
    casey.groups.add(Group.objects.get(name="Peer moderators"))
    draft, data = write_and_submit(client, casey, riverside)
    PolicyDraftPage.objects.get(pk=draft.pk).current_workflow_state.cancel(user=casey)

    client.force_login(casey)
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", {**data, "action-publish": "1"}, follow=True
    )

    assert "so you can't publish its draft yourself" in html.unescape(response.content.decode())
    assert not PolicyDraftPage.objects.get(pk=draft.pk).live


def test_staff_who_are_peer_moderators_can_check_another_organizations_draft(
    riverside, hillside, casey, client
):
    casey.groups.add(Group.objects.get(name="Peer moderators"))
    bo = hillside.staff_group.user_set.get()
    draft, data = write_and_submit(client, bo, hillside, title="Hillside hours")

    assert "approve" in action_names(draft, casey)
    decide_in_editor(client, casey, draft, data, "approve")

    assert PolicyDraftPage.objects.get(pk=draft.pk).live


def test_the_check_lists_only_the_drafts_a_moderator_may_check(
    riverside, hillside, casey, moderator, client
):
    casey.groups.add(Group.objects.get(name="Peer moderators"))
    own, _data = write_and_submit(client, casey, riverside, title="Riverside hours")
    other, _data = write_and_submit(
        client, hillside.staff_group.user_set.get(), hillside, title="Hillside hours"
    )

    def listed(user) -> set[str]:
        states = TaskState.objects.reviewable_by(user)
        return {state.workflow_state.content_object.title for state in states}

    assert listed(casey) == {"Hillside hours"}
    assert listed(moderator) == {"Riverside hours", "Hillside hours"}
    client.force_login(casey)
    dashboard = client.get("/admin/").content.decode()
    awaiting = dashboard[dashboard.index('id="awaiting-review-section"') :]
    awaiting = awaiting[: awaiting.index("</section>")]
    assert "Hillside hours" in awaiting
    assert "Riverside hours" not in awaiting
    del own, other


def test_the_list_of_checks_is_one_query_however_many_organizations(
    riverside, hillside, casey, client, django_assert_num_queries
):
    from consultations.models import CommunityCheckTask

    casey.groups.add(Group.objects.get(name="Peer moderators"), hillside.staff_group)
    task = CommunityCheckTask.objects.get()
    task._user_in_groups(casey)

    with django_assert_num_queries(1):
        list(task.get_task_states_user_can_moderate(casey))


def test_a_member_who_is_not_a_peer_moderator_cannot_approve(riverside, casey, client):
    draft, data = write_and_submit(client, casey, riverside)
    member = UserFactory(username="river")

    assert action_names(draft, member) == []
    decide_in_editor(client, member, draft, data, "approve")

    assert not PolicyDraftPage.objects.get(pk=draft.pk).live
