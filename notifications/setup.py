"""What every install needs for email: peer moderators choose the words on
an email's outside (the Email setting)."""

from django.apps import apps as django_apps

from accounts.roles import PEER_MODERATORS_GROUP, group_permissions_ensure

MODERATOR_PERMISSIONS = [("notifications", "change_emailsettings")]


def notifications_setup(home=None) -> None:
    """Idempotent."""
    group_permissions_ensure(
        django_apps, group_name=PEER_MODERATORS_GROUP, permissions=MODERATOR_PERMISSIONS
    )
