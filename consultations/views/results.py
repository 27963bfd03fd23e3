"""A draft's results page, and the export its organization reads responses in."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import DraftStatus
from ..permissions import can_read_responses, export_waits_for_close
from ..services.export import EXPORT_FORMATS, export_filename, export_stream
from ..services.results import draft_results
from ..suppression import MINIMUM


def results(request, *, draft):
    status = draft.status
    context = {
        "page": draft,
        "self": draft,
        "draft": draft,
        "status_label": DraftStatus(status).label,
        "is_open": status == DraftStatus.OPEN,
        "report_published": status == DraftStatus.REPORTED,
        "report_overdue": status == DraftStatus.CLOSED and timezone.localdate() > draft.report_by,
        "results": draft_results(draft, status=status),
        "minimum": MINIMUM,
        "can_export": can_read_responses(request.user, draft),
        "export_waits": export_waits_for_close(request.user, draft),
    }
    return TemplateResponse(request, "consultations/results.html", context)


def export(request, *, draft, file_format):
    """The responses as a file, for the organization's staff once the draft
    has closed (before that, a 403 saying when) and peer moderators. Everyone
    else gets a 404, so the address says nothing."""
    if file_format not in EXPORT_FORMATS or not can_read_responses(request.user, draft):
        raise Http404(_("There is nothing here."))
    if export_waits_for_close(request.user, draft):
        raise PermissionDenied(
            _(
                "You can download the responses once the consultation closes on %(date)s. "
                "Until then the results page shows how many have responded."
            )
            % {"date": date_format(draft.closes_on, "F j, Y")}
        )
    response = StreamingHttpResponse(
        export_stream(draft, file_format=file_format),
        content_type=EXPORT_FORMATS[file_format],
    )
    filename = export_filename(draft, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
