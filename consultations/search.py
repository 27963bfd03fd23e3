"""Finding live policy drafts for the site's search page."""

from datetime import datetime

from django.db.models import Q

from .models import PolicyDraftPage

# How many matches the site search takes from the drafts.
MAX_MATCHES = 300


def matching_drafts(query: str, *, private: Q | None = None) -> list[tuple[int, datetime]]:
    """(id, when published) of live drafts anyone may read that match `query`
    (title, summaries, who it affects, section headings and text), best first."""
    drafts = PolicyDraftPage.objects.live()
    if private is not None:
        drafts = drafts.exclude(private)
    found = drafts.only("pk", "last_published_at").search(query)[:MAX_MATCHES]
    return [(hit.pk, hit.last_published_at) for hit in found]
