"""Who may do what beyond being a member."""

PEER_MODERATORS_GROUP = "Peer moderators"
PEER_REVIEWERS_GROUP = "Peer reviewers"
PEER_AUTHORS_GROUP = "Peer authors"
# Members who gather consultation responses in person or on paper and enter
# them for people who aren't members. Peer moderators add them.
OUTREACH_WORKERS_GROUP = "Outreach workers"


def _group_names(user) -> frozenset[str]:
    """The member's groups, asked once per request: templates ask for every
    post or article they show."""
    names = getattr(user, "_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._group_names = names
    return names


def is_peer_moderator(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or PEER_MODERATORS_GROUP in _group_names(user)


def is_peer_reviewer(user) -> bool:
    """Peer reviewers check articles; peer moderators can do what they do."""
    if not user.is_authenticated:
        return False
    return is_peer_moderator(user) or PEER_REVIEWERS_GROUP in _group_names(user)


def is_outreach_worker(user) -> bool:
    if not user.is_authenticated:
        return False
    return OUTREACH_WORKERS_GROUP in _group_names(user)
