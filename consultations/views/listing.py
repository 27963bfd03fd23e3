"""/consultations/ and an organization's public page."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from ..models import Organization, PolicyDraftPage


def consultations_index(request, *, index_page):
    drafts = list(PolicyDraftPage.objects.for_list().order_by("closes_on", "pk"))
    context = {"page": index_page, "self": index_page, "drafts": drafts}
    return TemplateResponse(request, "consultations/index.html", context)


def organization_page(request, slug):
    organization = get_object_or_404(Organization.objects.verified(), slug=slug)
    drafts = list(organization.drafts.live().select_related("report").order_by("-closes_on"))
    context = {"organization": organization, "drafts": drafts}
    return TemplateResponse(request, "consultations/organization.html", context)
