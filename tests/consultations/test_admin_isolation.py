"""Staff of one organization in the Wagtail admin: they write in their own
space and nowhere else, never publish, and lose it all when their access
ends. Driven through the admin's own pages with the test client."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import User
from consultations.models import ConsultationIndexPage, PolicyDraftPage
from consultations.services.organizations import (
    organization_revoke,
    organization_staff_revoke,
    space_of,
)
from peerkb.models import KnowledgeBaseIndexPage

from .factories import make_draft, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(home):
    """Two organizations, each with one staff member and one live draft."""
    first = make_organization("Riverside Syringe Services", staff=["casey_a"])
    second = make_organization("Hilltop Health", staff=["bo_b"])
    return {
        "a": first,
        "b": second,
        "staff_a": User.objects.get(username="casey_a"),
        "draft_a": make_draft(first, title="Riverside hours"),
        "draft_b": make_draft(second, title="Hilltop intake"),
    }


@pytest.fixture
def staff_client(client, spaces):
    client.force_login(spaces["staff_a"])
    return client


def refused(response, *elsewhere: str) -> bool:
    """Wagtail refuses with a 403, or by sending the person back to the
    admin's home page with a permission error (its explorer sends them to the
    pages they may explore: `elsewhere`); the site refuses the admin itself
    with a 403 to members without access."""
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        return response.url in ("/admin/", *elsewhere) or "/login/" in response.url
    return False


def page_urls(page: Page) -> list[str]:
    revision = page.latest_revision
    return [
        f"/admin/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page.pk}/edit/preview/",
        f"/admin/pages/{page.pk}/view_draft/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/copy/",
        f"/admin/pages/{page.pk}/delete/",
        f"/admin/pages/{page.pk}/move/",
    ]


def new_draft_form(title="Needle pickup times") -> dict:
    today = timezone.localdate()
    return nested_form_data(
        {
            "title": title,
            "slug": "needle-pickup-times",
            "summary": "We plan to change when needles can be picked up.",
            "plain_summary": "We might change pickup times. Tell us what works.",
            "affects": "People who pick up supplies",
            "opens_on": (today + datetime.timedelta(days=1)).isoformat(),
            "closes_on": (today + datetime.timedelta(days=15)).isoformat(),
            "report_by": (today + datetime.timedelta(days=45)).isoformat(),
            "how_input_used": "Staff read every response before deciding.",
            "who_reads": "Our program manager.",
            "sections": inline_formset(
                [
                    {
                        "heading": "Pickup times",
                        "text": "Pickup moves to mornings.",
                        "explainer": "",
                        "question": "",
                    }
                ]
            ),
            "comments": inline_formset([]),
        }
    )


# ---- in their own space -----------------------------------------------------


def test_staff_open_the_explorer_and_the_editor_for_their_space_and_its_drafts(
    staff_client, spaces
):
    space = space_of(spaces["a"])

    assert staff_client.get("/admin/").status_code == 200
    explorer = staff_client.get(f"/admin/pages/{space.pk}/")
    assert explorer.status_code == 200
    assert "Riverside hours" in explorer.content.decode()
    assert "Hilltop intake" not in explorer.content.decode()
    for url in page_urls(spaces["draft_a"])[:4]:
        assert staff_client.get(url).status_code == 200, url
    assert staff_client.get(f"/admin/pages/{space.pk}/edit/").status_code == 200


def test_staff_add_a_draft_in_their_space_and_sending_it_starts_the_community_check(
    staff_client, spaces
):
    space = space_of(spaces["a"])
    add_url = f"/admin/pages/add/consultations/policydraftpage/{space.pk}/"
    assert staff_client.get(add_url).status_code == 200

    response = staff_client.post(add_url, {**new_draft_form(), "action-submit": "1"})

    assert response.status_code == 302, response.context and response.context["form"].errors
    draft = PolicyDraftPage.objects.get(slug="needle-pickup-times")
    assert draft.organization == spaces["a"]
    assert not draft.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Community check"


def test_staff_have_no_publish_action_and_a_publish_request_does_not_publish(staff_client, spaces):
    space = space_of(spaces["a"])
    add_url = f"/admin/pages/add/consultations/policydraftpage/{space.pk}/"

    editor = staff_client.get(add_url).content.decode()
    assert 'name="action-publish"' not in editor

    staff_client.post(add_url, {**new_draft_form(), "action-publish": "1"})

    draft = PolicyDraftPage.objects.get(slug="needle-pickup-times")
    assert not draft.live and draft.live_revision is None
    edit = staff_client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit
    assert 'name="action-submit"' in edit


# ---- everywhere else --------------------------------------------------------


def test_staff_are_refused_the_other_organizations_space_and_drafts(staff_client, spaces):
    other_space = space_of(spaces["b"])
    urls = [
        *page_urls(other_space)[:3],
        *page_urls(spaces["draft_b"]),
        f"/admin/pages/add/consultations/policydraftpage/{other_space.pk}/",
        f"/admin/pages/{other_space.pk}/add_subpage/",
    ]

    own_space = f"/admin/pages/{space_of(spaces['a']).pk}/"
    for url in urls:
        assert refused(staff_client.get(url), own_space), url
    response = staff_client.post(
        f"/admin/pages/add/consultations/policydraftpage/{other_space.pk}/",
        {**new_draft_form(), "action-submit": "1"},
    )
    assert refused(response)
    assert not PolicyDraftPage.objects.filter(slug="needle-pickup-times").exists()


def test_staff_are_refused_the_consultations_list_and_the_knowledge_base(staff_client, spaces):
    index = ConsultationIndexPage.objects.get()
    knowledge_base = KnowledgeBaseIndexPage.objects.get()
    urls = [
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{index.pk}/add_subpage/",
        f"/admin/pages/{knowledge_base.pk}/",
        f"/admin/pages/{knowledge_base.pk}/edit/",
        f"/admin/pages/{knowledge_base.pk}/add_subpage/",
        f"/admin/pages/add/peerkb/articlepage/{knowledge_base.pk}/",
        "/admin/organizations/",
    ]

    own_space = f"/admin/pages/{space_of(spaces['a']).pk}/"
    for url in urls:
        assert refused(staff_client.get(url), own_space), url


def test_the_page_chooser_never_shows_staff_the_other_organizations_unpublished_drafts(
    staff_client, spaces
):
    make_draft(spaces["b"], title="Hilltop unpublished plan", live=False)
    make_draft(spaces["a"], title="Riverside unpublished plan", live=False)
    other_space = space_of(spaces["b"])

    search = staff_client.get("/admin/choose-page/search/?q=unpublished").content.decode()
    browse = staff_client.get(f"/admin/choose-page/{other_space.pk}/").content.decode()

    assert "Hilltop unpublished plan" not in search + browse
    assert "Riverside unpublished plan" in search
    # Live pages are public anyway, so staff can still link to them.
    assert "Hilltop intake" in browse


# ---- when access ends -------------------------------------------------------


def test_staff_whose_access_ended_lose_the_admin_and_their_space(
    staff_client, spaces, peer_moderator
):
    organization_staff_revoke(
        organization=spaces["a"], member=spaces["staff_a"], moderator=peer_moderator, reason="Left."
    )

    space = space_of(spaces["a"])
    for url in ["/admin/", *page_urls(space)[:3], *page_urls(spaces["draft_a"])]:
        assert refused(staff_client.get(url)), url


def test_staff_of_a_revoked_organization_lose_the_admin_and_their_space(
    staff_client, spaces, peer_moderator
):
    organization_revoke(organization=spaces["a"], moderator=peer_moderator, reason="Closed.")

    space = space_of(spaces["a"])
    for url in ["/admin/", *page_urls(space)[:3], *page_urls(spaces["draft_a"])]:
        assert refused(staff_client.get(url)), url
    assert staff_client.get(spaces["draft_a"].url).status_code == 200


# ---- peer moderators' list of organizations ---------------------------------


def test_peer_moderators_list_and_correct_organizations_but_never_add_or_delete_one(
    client, spaces, peer_moderator
):
    client.force_login(peer_moderator)
    organization = spaces["a"]

    listing = client.get("/admin/organizations/").content.decode()
    assert "Riverside Syringe Services" in listing and "Hilltop Health" in listing
    assert "/admin/organizations/new/" not in listing
    assert refused(client.get("/admin/organizations/new/"))
    assert refused(client.get(f"/admin/organizations/delete/{organization.pk}/"))

    response = client.post(
        f"/admin/organizations/edit/{organization.pk}/",
        {
            "name": "Riverside Syringe Services Program",
            "description": "A syringe services program by the river.",
            "website": "https://riverside.example/",
        },
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Riverside Syringe Services Program"
    assert organization.active


# ---- titles of another organization's drafts ----------------------------------


def test_staff_never_read_the_title_of_another_organizations_unpublished_draft_in_the_admin(
    staff_client, spaces
):
    hidden = make_draft(spaces["b"], title="Hilltop unpublished plan", live=False)
    other_space = space_of(spaces["b"])
    urls = [
        "/admin/",
        "/admin/pages/search/?q=Hilltop",
        "/admin/choose-page/search/?q=Hilltop",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/page-types-usage/results/",
        *(
            f"/admin/bulk/wagtailcore/page/{action}/?id={hidden.pk}"
            for action in ("delete", "move", "publish", "unpublish")
        ),
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={other_space.pk}",
    ]

    for url in urls:
        response = staff_client.get(url)
        assert response.status_code in (200, 302, 403), url
        assert "Hilltop unpublished plan" not in response.content.decode(), url
    assert "page-types-usage" not in staff_client.get("/admin/").content.decode()


def test_peer_moderators_still_read_the_page_types_report_and_bulk_actions_name_the_pages(
    client, spaces, peer_moderator
):
    hidden = make_draft(spaces["b"], title="Hilltop unpublished plan", live=False)
    client.force_login(peer_moderator)

    report = client.get("/admin/reports/page-types-usage/")
    bulk = client.get(f"/admin/bulk/wagtailcore/page/delete/?id={hidden.pk}")

    assert report.status_code == 200
    assert "Hilltop unpublished plan" in report.content.decode()
    assert "Hilltop unpublished plan" in bulk.content.decode()
    assert "page-types-usage" in client.get("/admin/").content.decode()
