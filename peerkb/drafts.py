"""Drafts nobody saved. Wagtail's editor autosaves a new article as soon as
its author starts typing, so leaving the editor leaves a draft behind, and
its web address blocks the same title when the author starts again."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.admin.models import EditingSession

from .models import ArticlePage, AutosavedDraft

# An editor open on the draft pings its editing session every few seconds;
# one seen this recently may still be writing into it.
STILL_OPEN = timedelta(minutes=2)


def autosaved_draft_record(*, page) -> None:
    """Note that autosave, not its author, created `page`."""
    AutosavedDraft.objects.get_or_create(page=page)


def autosaved_draft_kept(*, page) -> None:
    """Someone saved, sent in or published `page` on purpose: it is a real draft."""
    AutosavedDraft.objects.filter(page=page).delete()


def _open_in_an_editor(page) -> bool:
    return EditingSession.objects.filter(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        object_id=str(page.pk),
        last_seen_at__gte=timezone.now() - STILL_OPEN,
    ).exists()


@transaction.atomic
def abandoned_draft_clear(*, parent, slug: str, user) -> bool:
    """Delete `user`'s own never-saved draft at `slug` under `parent`, so they
    can start again with the same title. A draft someone saved, sent in or
    published stays, and so does one still open in an editor. Returns whether
    one was deleted."""
    if not slug:
        return False
    draft = (
        ArticlePage.objects.child_of(parent)
        .filter(slug=slug, live=False, first_published_at__isnull=True)
        .filter(owner=user, autosaved_draft__isnull=False)
        .first()
    )
    if draft is None or draft.workflow_in_progress or _open_in_an_editor(draft):
        return False
    draft.delete()
    return True
