"""What consultations add to a member's email digest: open drafts they haven't
answered that are about to close.

A draft counts in the one digest whose period saw it start closing soon (a
week before its last day, or when it opened or was published if that was
later), so a daily digest mentions it once, not every day until it closes.
A discreet email gets the count only; a detailed one lists the drafts' titles
and links (drafts are public pages)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from notifications.emails import EmailItem, EmailSection, absolute, digest_section_register

from .models import PolicyDraftPage, Response

# A draft "closes soon" from this long before its last day.
CLOSES_SOON = timedelta(days=7)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def closing_soon_since(draft: PolicyDraftPage) -> datetime:
    """When `draft` started closing soon for someone who could answer it."""
    moments = [day_start(draft.closes_on - CLOSES_SOON), day_start(draft.opens_on)]
    if draft.first_published_at is not None:
        moments.append(draft.first_published_at)
    return max(moments)


def _path(page) -> str:
    """The page's address on its site, without the host."""
    parts = page.get_url_parts()
    return (parts[2] or "") if parts else ""


def closing_soon_section(member, since, until, detailed: bool) -> EmailSection | None:
    """Live drafts still open at `until`, that `member` hasn't sent a response
    to, which started closing soon in [since, until). Two queries (the private
    pages, then the drafts), however many drafts there are."""
    today = timezone.localdate(until)
    answered = Response.objects.submitted().filter(respondent=member).values("draft_id")
    candidates = (
        PolicyDraftPage.objects.live()
        .public()
        .open_on(today)
        .filter(closes_on__lte=today + CLOSES_SOON)
        .exclude(pk__in=answered)
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "locale_id",
            "opens_on",
            "closes_on",
            "first_published_at",
        )
        .order_by("closes_on", "pk")
    )
    drafts = [draft for draft in candidates if since <= closing_soon_since(draft) < until]
    if not drafts:
        return None
    count = len(drafts)
    items = []
    if detailed:
        items = [EmailItem(title=draft.title, url=absolute(_path(draft))) for draft in drafts]
    return EmailSection(
        key="consultations_closing",
        count=count,
        phrase=ngettext(
            "%(count)s consultation closes soon", "%(count)s consultations close soon", count
        )
        % {"count": count},
        items=items,
    )


digest_section_register(closing_soon_section)
