"""Requests to act for an organization, as their own kind of review-queue
item. Only peer moderators see them: a request says who a member works for."""

from django.utils.translation import gettext_lazy as _

from moderation.queue import QueueKind, kind_register, moderators_only

from .organization_forms import ReasonForm, VerifyExistingForm, VerifyNewForm
from .services.organizations import REQUEST_QUEUE_KIND, organization_slug


def organization_request_context(item, user) -> dict:
    """The three ways to decide, the new organization's form filled in from
    what the member wrote, and whether the viewer may decide at all."""
    request = item.subject
    if request is None:
        return {}
    return {
        "own_request": request.member_id == user.pk,
        "new_form": VerifyNewForm(
            initial={
                "name": request.organization_name,
                "slug": organization_slug(request.organization_name),
                "description": request.description,
                "website": request.website,
            }
        ),
        "existing_form": VerifyExistingForm(),
        "decline_form": ReasonForm(),
    }


ORGANIZATION_REQUEST = kind_register(
    QueueKind(
        REQUEST_QUEUE_KIND,
        _("Organizations"),
        _(
            "A member asks to act for an organization. Check it the way they said you can. "
            "Then verify it (a new organization, or staff of one already here) or decline "
            "it with a reason they read."
        ),
        may_view=moderators_only,
        template="consultations/queue/organization_request.html",
        context=organization_request_context,
        member_sent_it=True,
    )
)
