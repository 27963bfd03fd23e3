"""What the inbox holds about a member, for their data download. Erasing the
account deletes their notifications with it (the recipient's foreign key
cascades) and leaves others' notifications without an actor."""

from django.utils.translation import gettext_lazy as _

from .models import DigestSend, EmailPreference, Notification

NOTIFICATIONS_MEMBER_DATA = {
    "exported": {
        "notifications.Notification.recipient": "notifications",
        "notifications.EmailPreference.member": "email_choices",
        "notifications.DigestSend.member": "digests_sent",
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
        "email_choices": _email_choices(user),
        "digests_sent": [
            {"period": send.period, "items": send.items, "sent": send.sent_at is not None}
            for send in DigestSend.objects.filter(member=user).order_by("created_at")
        ],
    }


def _email_choices(user) -> dict:
    preference = EmailPreference.objects.filter(member=user).first()
    if preference is None:
        return {}
    return {
        "replies_mentions_quotes": preference.activity,
        "digest": preference.digest,
        "digest_day": preference.get_digest_weekday_display(),
        "digest_hour": preference.digest_hour,
        "time_zone": preference.time_zone,
        "detailed": preference.detailed,
        "urgent_safety_alerts": preference.safety_alerts,
        "address_refused": bool(preference.undeliverable_address),
    }
