from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from core.remembered import forget, remembered
from core.text import text_fit

from .models import ACTIVITY_KINDS, SUMMARY_MAX_LENGTH, Notification
from .sending import activity_emails_due


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    summary: str,
    url: str = "",
    sensitive: bool = True,
    actor=None,
    **about,
) -> list[Notification]:
    """Tell each of `recipients` (members or their ids) that something happened.

    `summary` is one short line in the site's words; `sensitive` says whether it
    shows what someone wrote or something personal, so a discreet email leaves
    it out. `about` names what it points at (`thread`, `post`,
    `moderation_action`, `queue_item`). The actor never hears about what they
    did themselves, and a member is told once per call. A notification the
    unique constraints already hold (the same post twice, from a task that ran
    twice) is skipped, not raised.
    """
    actor_id = getattr(actor, "pk", actor)
    recipient_ids = [getattr(recipient, "pk", recipient) for recipient in recipients]
    notifications = [
        Notification(
            recipient_id=recipient_id,
            kind=kind,
            actor_id=actor_id,
            summary=text_fit(summary, SUMMARY_MAX_LENGTH),
            url=url,
            sensitive=sensitive,
            **about,
        )
        for recipient_id in dict.fromkeys(recipient_ids)
        if recipient_id is not None and recipient_id != actor_id
    ]
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    for notification in notifications:
        unread_count_forget(notification.recipient_id)
    if kind in ACTIVITY_KINDS and notifications:
        member_ids = [notification.recipient_id for notification in notifications]
        transaction.on_commit(lambda: activity_emails_queue(member_ids))
    return notifications


def activity_emails_queue(member_ids) -> None:
    """Queue an email, after a short wait that gathers what else comes in,
    for each member who wants replies, mentions and quotes emailed right away."""
    from .tasks import activity_email

    for member_id, due in activity_emails_due(member_ids):
        activity_email.apply_async(args=[member_id], eta=due)


def notification_open(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_count_forget(user.pk)
    return marked


# The count also drops when what a notification is about gets hidden, which
# no notification hears of: a short timeout bounds that.
UNREAD_COUNT_SECONDS = 60


def unread_count(*, user) -> int:
    """What the header shows: unread notifications about what can still be seen."""
    return remembered(
        "unread-notifications",
        lambda: Notification.objects.filter(recipient=user).unread().visible().count(),
        scope=user.pk,
        seconds=UNREAD_COUNT_SECONDS,
    )


def unread_count_forget(member_id: int) -> None:
    forget("unread-notifications", member_id)


def unread_counts_forget_about(content) -> None:
    """`content` was hidden or shown again: the count of whoever has an unread
    notification about it may change."""
    about = [
        field.name
        for field in Notification._meta.get_fields()
        if field.many_to_one and field.related_model is type(content)
    ]
    for name in about:
        recipients = (
            Notification.objects.filter(**{name: content}, read_at__isnull=True)
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        for member_id in recipients:
            unread_count_forget(member_id)
