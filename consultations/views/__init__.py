"""The consultations' pages. A draft's routes (respond, results, report...)
live on the page model and call the views registered here."""

from ..models import draft_context_register, draft_view_register


def register() -> None:
    """Tell the page models which view answers each of their routes, and what
    the draft's own page adds to its context."""
    from . import drafts, listing, versions

    draft_view_register("index", listing.consultations_index)
    draft_view_register("print", drafts.draft_print)
    draft_view_register("changes", versions.draft_changes)
    draft_context_register(drafts.draft_page_context)
