"""What peer moderators may do with organizations in the admin: list them and
correct their name, description and website. Verifying and revoking happen
on the site, through the review queue and the organization's manage page.

Written against an app registry passed in, so the same code runs inside a
data migration (with historical models) and from `setup_site`.
"""

from accounts.roles import PEER_MODERATORS_GROUP, group_permissions_ensure

MODERATOR_PERMISSIONS = [
    ("consultations", "view_organization"),
    ("consultations", "change_organization"),
]


def moderator_permissions_ensure(apps) -> None:
    """Idempotent: the peer moderators' group gets the permissions it lacks."""
    group_permissions_ensure(
        apps, group_name=PEER_MODERATORS_GROUP, permissions=MODERATOR_PERMISSIONS
    )
