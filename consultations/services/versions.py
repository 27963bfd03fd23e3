"""Revised versions of a draft. After a consultation closes, its
organization can bring a revised draft back to the community: a copy of the
draft it can edit, whose sections keep their keys so "what changed" can
follow each one."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from ..models import DraftStatus, PolicyDraftPage
from ..permissions import acts_for

VERSION_SUFFIX = re.compile(r"-v\d+$")


def _version_slug(draft: PolicyDraftPage, parent: Page, number: int) -> str:
    """ "<slug>-v2" for the second version of "<slug>" (or of "<slug>-v1"),
    with a number after it if that is taken in the space."""
    base = VERSION_SUFFIX.sub("", draft.slug)[:240]
    slug = candidate = f"{base}-v{number}"
    extra = 2
    while not Page._slug_is_available(candidate, parent):
        candidate, extra = f"{slug}-{extra}", extra + 1
    return candidate


def draft_revision_start(*, draft: PolicyDraftPage, user) -> PolicyDraftPage:
    """The revised version of `draft`, for its organization's staff to edit:
    the one started before if there is one, else a new copy that is not live,
    revises `draft`, keeps its sections and their keys, and opens today for
    as many days as `draft` did. Only after `draft` has closed."""
    if not acts_for(user, draft.organization):
        raise PermissionDenied
    started = draft.revised_by.order_by("pk").first()
    if started is not None:
        return started
    if draft.status not in (DraftStatus.CLOSED, DraftStatus.REPORTED):
        raise ValidationError(
            _("You can start a revised version once this consultation has closed.")
        )
    with transaction.atomic():
        # Whoever comes second finds the first one's copy.
        PolicyDraftPage.objects.select_for_update().filter(pk=draft.pk).first()
        started = draft.revised_by.order_by("pk").first()
        if started is not None:
            return started
        parent = draft.get_parent()
        today = timezone.localdate()
        closes_on = today + (draft.closes_on - draft.opens_on)
        copy = draft.copy(
            to=parent,
            update_attrs={
                "slug": _version_slug(draft, parent, draft.version_number() + 1),
                "revises": draft,
                "opens_on": today,
                "closes_on": closes_on,
                "report_by": closes_on + (draft.report_by - draft.closes_on),
                "closed_at": None,
            },
            keep_live=False,
            copy_revisions=False,
            user=user,
        )
    return copy.specific
