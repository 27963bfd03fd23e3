"""A draft's own page (the context it adds) and its printable version."""

from django.template.response import TemplateResponse

from accounts.roles import is_outreach_worker

from ..models import DraftStatus
from ..models.responses import SpeakingAs, Stance
from ..permissions import acts_for
from ..rendering import sections_render

# What the paper version offers beside each section: Skip is leaving them blank.
PAPER_STANCES = (Stance.AGREE, Stance.DISAGREE, Stance.UNSURE)


def draft_page_context(request, draft) -> dict:
    """What the draft's page shows besides its fields: the sections with their
    text rendered, where it stands, its versions, and what its staff can do.
    A fixed number of queries, however many sections it has."""
    status = draft.status
    # A new draft seen in the editor's preview isn't in its space yet.
    organization = draft.organization if draft.organization_id else None
    context = {
        "draft_organization": organization,
        "draft_sections": sections_render(list(draft.sections.all())),
        "draft_status": status,
        "draft_status_label": DraftStatus(status).label,
        "version_number": draft.version_number() if draft.revises_id else 1,
        "newer_version": (draft.revised_by.live().order_by("-pk").first() if draft.pk else None),
        "staff_view": False,
        # Outreach workers find the entry form for paper responses from here.
        "outreach_entry": status == DraftStatus.OPEN and is_outreach_worker(request.user),
    }
    if draft.pk and acts_for(request.user, organization):
        context.update(
            staff_view=True,
            may_revise=status in (DraftStatus.CLOSED, DraftStatus.REPORTED),
            revision_started=draft.revised_by.order_by("pk").first(),
        )
    return context


def draft_print(request, *, draft):
    """The draft on paper, for a round of responses gathered in person:
    each section with its explainer and question, boxes to tick, lines to
    write on, the speaking-as choices and the consent boxes."""
    context = {
        "page": draft,
        "self": draft,
        "draft_sections": sections_render(list(draft.sections.all())),
        "stances": [stance.label for stance in PAPER_STANCES],
        "speaking_as": [choice.label for choice in SpeakingAs],
    }
    return TemplateResponse(request, "consultations/print.html", context)
