"""What the inbox holds about a member, for their data download. Erasing the
account deletes their notifications with it (the recipient's foreign key
cascades) and leaves others' notifications without an actor."""

from django.utils.translation import gettext_lazy as _

from .models import Notification

NOTIFICATIONS_MEMBER_DATA = {
    "exported": {
        "notifications.Notification.recipient": "notifications",
    },
    "excluded": {
        "notifications.Notification.actor": _(
            "A notification someone else received about something you did is theirs; "
            "what you did is in your posts and reactions."
        ),
    },
}


def notifications_export(user) -> dict:
    return {
        "notifications": [
            {
                "kind": str(notification.get_kind_display()),
                "date": notification.created_at.strftime("%Y-%m-%d"),
                "read": notification.read_at is not None,
            }
            for notification in Notification.objects.filter(recipient=user)
        ],
    }
