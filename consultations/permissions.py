"""Who may see what an organization's consultations gathered. Staff of one
organization never see another's drafts, responses or exports."""

from accounts.roles import is_peer_moderator


def acts_for(user, organization) -> bool:
    """Whether `user` is staff of `organization` now (verified and not revoked)."""
    return organization is not None and organization.has_staff(user)


def can_read_responses(user, draft) -> bool:
    """The organization's staff and peer moderators read and export responses."""
    return is_peer_moderator(user) or acts_for(user, draft.organization)


def can_write_report(user, draft) -> bool:
    """Only the organization's own staff write what it heard."""
    return acts_for(user, draft.organization)
