"""Asking to act for an organization, a peer moderator's decisions on the
request (from the review queue) and on the organization (its manage page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import is_peer_moderator
from core.forms import redirect_to_message, show_service_errors
from moderation.views import QueueAccessMixin
from moderation.write_views import ScreenedFormView

from ..models import Organization, OrganizationRequest, RequestStatus
from ..organization_forms import (
    OrganizationRequestForm,
    ReasonForm,
    RevokeOrganizationForm,
    StaffRevokeForm,
    VerifyExistingForm,
    VerifyNewForm,
)
from ..organization_queue import ORGANIZATION_REQUEST
from ..services.organizations import (
    organization_request_create,
    organization_request_decline,
    organization_request_verify,
    organization_revoke,
    organization_staff_revoke,
    pending_request_of,
    staff_of,
)

# ---- the member asks ------------------------------------------------------


class OrganizationRequestView(ScreenedFormView):
    """/organizations/ask/: the form, and the member's own requests with what
    a peer moderator decided."""

    template_name = "consultations/organization_request.html"
    login_reason = gettext_lazy(
        "Log in to ask to act for an organization. A made-up handle is enough."
    )
    success_message = gettext_lazy(
        "Thank you. A peer moderator will check it, and you'll hear back in your notifications."
    )

    def make_form(self, data=None):
        return OrganizationRequestForm(data)

    def page_context(self) -> dict:
        requests = list(
            OrganizationRequest.objects.filter(member=self.request.user).select_related(
                "organization__space"
            )
        )
        for organization_request in requests:
            organization = organization_request.organization
            space = getattr(organization, "space", None) if organization else None
            organization_request.admin_url = (
                reverse("wagtailadmin_explore", args=[space.pk])
                if space is not None
                and organization.is_verified
                and organization_request.status == RequestStatus.VERIFIED
                else ""
            )
        return {
            "requests": requests,
            "pending": next(
                (item for item in requests if item.status == RequestStatus.PENDING), None
            ),
        }

    def save(self, form, *, nudge_acknowledged: bool) -> OrganizationRequest:
        return organization_request_create(
            member=self.request.user, **form.cleaned_data, nudge_acknowledged=nudge_acknowledged
        )

    def success_url(self, saved) -> str:
        return saved.get_absolute_url()

    def get(self, request, **kwargs):
        if pending_request_of(request.user) is not None:
            # Nothing to fill in while one waits: the page says so instead.
            return self.render_form(None)
        return super().get(request, **kwargs)


# ---- a peer moderator decides on a request --------------------------------


class RequestDecideView(QueueAccessMixin, View):
    """POST from the request's queue item: verify it as a new organization,
    as staff of one already verified, or decline it."""

    FORMS = {"new": ("new_form", VerifyNewForm), "existing": ("existing_form", VerifyExistingForm)}

    def post(self, request, pk):
        item = self.visible_item(pk)
        organization_request = item.subject
        if item.kind != ORGANIZATION_REQUEST.key or organization_request is None:
            raise Http404
        if not item.is_open:
            messages.info(request, _("Someone already dealt with this item."))
            return redirect_to_message("moderation:queue")
        decision = request.POST.get("decision", "")
        key, form_class = self.FORMS.get(decision, ("decline_form", ReasonForm))
        form = form_class(request.POST)
        if form.is_valid():
            try:
                done = self.decide(decision, organization_request, form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect_to_message("moderation:queue")
        return self.render_item(item, status=400, **{key: form})

    def decide(self, decision: str, organization_request, data: dict) -> str:
        moderator = self.request.user
        if decision == "decline":
            organization_request_decline(
                organization_request=organization_request,
                moderator=moderator,
                reason=data["reason"],
            )
            return _("Declined. The member reads your reason.")
        organization = organization_request_verify(
            organization_request=organization_request, moderator=moderator, **data
        )
        return _("Verified. They can now write drafts in the space of %(name)s.") % {
            "name": organization.name
        }


# ---- a peer moderator manages an organization -----------------------------


class OrganizationManageView(View):
    """/organizations/<slug>/manage/: who acts for it, and ending that for one
    member or for the whole organization. Anyone but a peer moderator gets a
    404, visitors too: the page says who works where."""

    template_name = "consultations/organization_manage.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_peer_moderator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_organization(self) -> Organization:
        return get_object_or_404(Organization.objects.public(), slug=self.kwargs["slug"])

    def render_page(self, organization, status=200, **forms):
        staff = staff_of(organization)
        context = {
            "organization": organization,
            "staff": list(staff),
            "staff_form": forms.get("staff_form") or StaffRevokeForm(staff=staff),
            "revoke_form": forms.get("revoke_form") or RevokeOrganizationForm(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        return self.render_page(self.get_organization())

    def post(self, request, slug):
        organization = self.get_organization()
        whole = request.POST.get("revoke") == "organization"
        if whole:
            form, key = RevokeOrganizationForm(request.POST), "revoke_form"
        else:
            form, key = StaffRevokeForm(request.POST, staff=staff_of(organization)), "staff_form"
        if form.is_valid():
            try:
                if whole:
                    organization_revoke(
                        organization=organization,
                        moderator=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    done = _("%(name)s is no longer verified. Its staff are told.")
                else:
                    organization_staff_revoke(
                        organization=organization,
                        member=form.cleaned_data["member"],
                        moderator=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    done = _("Their access to %(name)s ended. They are told why.")
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, done % {"name": organization.name})
                return redirect_to_message("consultations:organization_manage", slug=slug)
        return self.render_page(organization, status=400, **{key: form})
