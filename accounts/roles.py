"""Who may do what beyond being a member."""

PEER_MODERATORS_GROUP = "Peer moderators"


def is_peer_moderator(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user for the request: templates ask this once per post.
    if not hasattr(user, "_is_peer_moderator"):
        user._is_peer_moderator = user.groups.filter(name=PEER_MODERATORS_GROUP).exists()
    return user._is_peer_moderator
