"""Who may see what an organization's consultations gathered. Staff of one
organization never see another's drafts, responses or exports."""

from accounts.roles import is_peer_moderator

from .models import DraftStatus


def acts_for(user, organization) -> bool:
    """Whether `user` is staff of `organization` now (verified and not revoked)."""
    return organization is not None and organization.has_staff(user)


def can_read_responses(user, draft) -> bool:
    """The organization's staff and peer moderators read and export responses."""
    return is_peer_moderator(user) or acts_for(user, draft.organization)


def export_waits_for_close(user, draft) -> bool:
    """The organization's staff read the export once the draft has closed.
    Fetched again and again while responses come in, the file would date each
    new response to within minutes, where it promises only the month. Peer
    moderators, who aren't the organization, may read it at any time."""
    return not is_peer_moderator(user) and draft.status in (
        DraftStatus.UPCOMING,
        DraftStatus.OPEN,
    )


def can_write_report(user, draft) -> bool:
    """Only the organization's own staff write what it heard."""
    return acts_for(user, draft.organization)
