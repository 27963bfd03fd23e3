"""The consultations' pages. A draft's routes (respond, results, report...)
live on the page model and call the views registered here."""

from ..models import draft_view_register


def register() -> None:
    """Tell the page models which view answers each of their routes."""
    from . import listing, reports, results

    draft_view_register("index", listing.consultations_index)
    draft_view_register("results", results.results)
    draft_view_register("export", results.export)
    draft_view_register("report", reports.report)
    draft_view_register("report_write", reports.ReportWriteView.as_view())
