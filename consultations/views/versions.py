"""Versions of a draft: what changed since the one it revises, and starting
a revised version from the admin."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin import messages

from ..models import PolicyDraftPage
from ..permissions import acts_for
from ..rendering import sections_compare
from ..services.versions import draft_revision_start


def draft_changes(request, *, draft):
    """This version beside the one it revises, section by section."""
    if not draft.revises_id:
        raise Http404
    earlier = draft.revises
    compared = sections_compare(list(earlier.sections.all()), list(draft.sections.all()))
    context = {
        "page": draft,
        "self": draft,
        "earlier": earlier,
        "version_number": draft.version_number(),
        "compared": compared,
        "counts": {
            "changed": sum(1 for c in compared if c.text_changed and not (c.added or c.removed)),
            "renamed": sum(1 for c in compared if c.renamed),
            "added": sum(1 for c in compared if c.added),
            "removed": sum(1 for c in compared if c.removed),
        },
    }
    return TemplateResponse(request, "consultations/changes.html", context)


class DraftRevisionStartView(LoginRequiredMixin, TemplateView):
    """In the admin: staff of the draft's organization confirm, and get a
    revised version (not live) open in the editor."""

    template_name = "consultations/admin/revision_start.html"

    def dispatch(self, request, *args, **kwargs):
        self.draft = get_object_or_404(PolicyDraftPage, pk=kwargs["pk"])
        if request.user.is_authenticated and not acts_for(request.user, self.draft.organization):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            draft=self.draft,
            header_title=_("Start a revised version"),
            page_title=_("Start a revised version"),
            started=self.draft.revised_by.order_by("pk").first(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            revised = draft_revision_start(draft=self.draft, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("wagtailadmin_pages:edit", self.draft.pk)
        messages.success(
            request,
            _(
                "This is version %(number)d. Change what you heard needed changing, set the "
                "dates, and send it for the community check."
            )
            % {"number": revised.version_number()},
        )
        return redirect("wagtailadmin_pages:edit", revised.pk)
