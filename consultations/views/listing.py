"""/consultations/ and an organization's public page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from accounts.roles import is_peer_moderator

from ..models import Organization, PolicyDraftPage

DRAFTS_PER_PAGE = 20


def consultations_index(request, *, index_page):
    """Open drafts first (closing soonest), then upcoming ones, then closed
    ones with where their report stands; a page at a time."""
    today = timezone.localdate()
    drafts = PolicyDraftPage.objects.for_list().in_list_order(today)
    page_obj = Paginator(drafts, DRAFTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": index_page, "self": index_page, "page_obj": page_obj}
    return TemplateResponse(request, "consultations/index.html", context)


def organization_page(request, slug):
    """What the organization does, its consultations, and whether it reported
    back when it said it would. A revoked organization's page stays, saying so."""
    organization = get_object_or_404(Organization.objects.public(), slug=slug)
    today = timezone.localdate()
    drafts = list(organization.drafts.for_list().order_by("-opens_on", "-pk"))
    context = {
        "organization": organization,
        "drafts": drafts,
        "record": organization.report_back_record(today=today),
        "is_moderator": is_peer_moderator(request.user),
    }
    return TemplateResponse(request, "consultations/organization.html", context)
