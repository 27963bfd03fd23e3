"""What peer moderators may do with organizations in the admin: list them and
correct their name, description and website. Verifying and revoking happen
on the site, through the review queue and the organization's manage page.

Written against an app registry passed in, so the same code runs inside a
data migration (with historical models) and from `setup_site`.
"""

from accounts.roles import PEER_MODERATORS_GROUP

MODERATOR_PERMISSIONS = [
    ("consultations", "view_organization"),
    ("consultations", "change_organization"),
]


def moderator_permissions_ensure(apps) -> None:
    """Idempotent: the peer moderators' group gets the permissions it lacks."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=PEER_MODERATORS_GROUP)
    for app_label, codename in MODERATOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
