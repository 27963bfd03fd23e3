"""/consultations/ and an organization's public page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

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
    organization = get_object_or_404(Organization.objects.verified(), slug=slug)
    drafts = list(organization.drafts.live().select_related("report").order_by("-closes_on"))
    context = {"organization": organization, "drafts": drafts}
    return TemplateResponse(request, "consultations/organization.html", context)
