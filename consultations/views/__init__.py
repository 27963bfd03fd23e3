"""The consultations' pages. A draft's routes (respond, results, report...)
live on the page model and call the views registered here."""

from ..models import draft_context_register, draft_view_register


def register() -> None:
    """Tell the page models which view answers each of their routes, and what
    the draft's own page adds to its context."""
    from . import drafts, listing, outreach, reports, responding, results, statements, versions

    draft_view_register("index", listing.consultations_index)
    draft_view_register("respond", responding.RespondView.as_view())
    draft_view_register("respond_outreach", outreach.OutreachEntryView.as_view())
    draft_view_register("statement_vote", statements.StatementVoteView.as_view())
    draft_context_register(statements.statements_context)
    draft_view_register("results", results.results)
    draft_view_register("export", results.export)
    draft_view_register("report", reports.report)
    draft_view_register("report_write", reports.ReportWriteView.as_view())
    draft_view_register("print", drafts.draft_print)
    draft_view_register("changes", versions.draft_changes)
    draft_context_register(drafts.draft_page_context)
