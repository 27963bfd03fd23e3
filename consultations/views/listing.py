"""/consultations/ and an organization's public page."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from accounts.roles import is_peer_moderator

from ..models import DraftStatus, Organization, PolicyDraftPage


def consultations_index(request, *, index_page):
    drafts = list(PolicyDraftPage.objects.for_list().order_by("closes_on", "pk"))
    context = {"page": index_page, "self": index_page, "drafts": drafts}
    return TemplateResponse(request, "consultations/index.html", context)


def organization_page(request, slug):
    """What the organization does, its consultations, and whether it reported
    back when it said it would. A revoked organization's page stays, saying so."""
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    today = timezone.localdate()
    drafts = list(organization.drafts.for_list().order_by("-opens_on", "-pk"))
    for draft in drafts:
        draft.status_label = DraftStatus(draft.status_on(today)).label
    context = {
        "organization": organization,
        "drafts": drafts,
        "record": organization.report_back_record(today=today),
        "is_moderator": is_peer_moderator(request.user),
    }
    return TemplateResponse(request, "consultations/organization.html", context)
