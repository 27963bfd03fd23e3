"""Deciding who gets an email now, and sending it once.

Two kinds: a short email soon after new replies, mentions and quotes (batched
over ACTIVITY_EMAIL_WINDOW so a busy thread sends one), and the daily or weekly
digest. Both record what they send in the same transaction as the decision
(`Notification.emailed_at`, a `DigestSend` row), and send through
`delivery.Mailer`, so a task that runs twice, or a worker that dies, never
sends the same thing twice and never loses it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from .delivery import (
    DeliveryError,
    Mailer,
    PermanentDeliveryError,
    may_receive,
    verified_addresses,
)
from .emails import digest_sections, email_message, email_settings, notification_sections
from .models import ACTIVITY_KINDS, ActivityEmails, DigestSend, EmailPreference, Notification
from .preferences import next_digest_at, period_key, period_length

logger = logging.getLogger(__name__)

# An immediate email older than this is no longer news; the inbox has it.
ACTIVITY_EMAIL_LOOKBACK = timedelta(days=1)


def activity_window() -> timedelta:
    return timedelta(seconds=settings.ACTIVITY_EMAIL_WINDOW_SECONDS)


def activity_emails_due(member_ids) -> list[tuple[int, object]]:
    """Start the short wait before an activity email for each of `member_ids`
    who wants them right away and isn't already waiting for one. Returns
    (member id, when it is due) for each wait started: the caller queues a task
    for it."""
    candidates = list(
        EmailPreference.objects.filter(
            member_id__in=list(member_ids),
            activity=ActivityEmails.IMMEDIATE,
            activity_email_due_at__isnull=True,
        ).values_list("member_id", flat=True)
    )
    started = []
    due = timezone.now() + activity_window()
    for member_id in candidates:
        # Conditional, so two posts at once start one wait between them.
        if EmailPreference.objects.filter(
            member_id=member_id, activity_email_due_at__isnull=True
        ).update(activity_email_due_at=due):
            started.append((member_id, due))
    return started


def _mark_undeliverable(member_id: int, address: str) -> None:
    EmailPreference.objects.filter(member_id=member_id).update(
        undeliverable_address=address, undeliverable_at=timezone.now()
    )
    logger.info("A member's address was refused for good; emails to it stop.")


def activity_email_send(*, member_id: int, mailer: Mailer | None = None) -> bool:
    """Send the member one email about their new, unread replies, mentions and
    quotes that no email has mentioned yet. Returns whether one went out.

    Raises TransientDeliveryError when the mail server can't take it now; the
    task retries, and nothing is recorded as emailed in the meantime.
    """
    own_mailer = mailer is None
    mailer = mailer or Mailer()
    try:
        return _activity_email_send(member_id, mailer)
    finally:
        if own_mailer:
            mailer.close()


def _activity_email_send(member_id: int, mailer: Mailer) -> bool:
    member = get_user_model().objects.filter(pk=member_id).first()
    if member is None:
        return False
    address = verified_addresses([member_id]).get(member_id)
    ids: list[int] = []
    try:
        with transaction.atomic():
            preference = (
                EmailPreference.objects.select_for_update().filter(member_id=member_id).first()
            )
            if preference is None or preference.activity_email_due_at is None:
                return False
            preference.activity_email_due_at = None
            preference.save(update_fields=["activity_email_due_at"])
            if (
                preference.activity != ActivityEmails.IMMEDIATE
                or not may_receive(member)
                or not address
                or address.lower() == preference.undeliverable_address.lower()
            ):
                return False
            notifications = list(
                Notification.objects.select_for_update(of=("self",))
                .filter(
                    recipient_id=member_id,
                    kind__in=ACTIVITY_KINDS,
                    read_at__isnull=True,
                    emailed_at__isnull=True,
                    created_at__gte=timezone.now() - ACTIVITY_EMAIL_LOOKBACK,
                )
                .visible()
                .order_by("created_at")
            )
            if not notifications:
                return False
            ids = [notification.pk for notification in notifications]
            Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
            sections = notification_sections(
                notifications, member=member, detailed=preference.detailed
            )
            mailer.prepare(
                email_message(
                    member=member,
                    address=address,
                    preference=preference,
                    sections=sections,
                    kind="activity",
                )
            )
    except PermanentDeliveryError:
        _mark_undeliverable(member_id, address)
        return False
    except BaseException as error:
        mailer.abandon()
        if not isinstance(error, DeliveryError):
            raise
        # Put the wait back, so the retry finds it.
        EmailPreference.objects.filter(member_id=member_id).update(
            activity_email_due_at=timezone.now()
        )
        raise
    try:
        mailer.finish()
    except DeliveryError as error:
        Notification.objects.filter(pk__in=ids).update(emailed_at=None)
        if isinstance(error, PermanentDeliveryError):
            _mark_undeliverable(member_id, address)
            return False
        EmailPreference.objects.filter(member_id=member_id).update(
            activity_email_due_at=timezone.now()
        )
        raise
    return True


def stale_activity_emails(*, older_than: timedelta = timedelta(minutes=15)) -> list[int]:
    """Members whose activity email should have gone out a while ago: its task
    was lost (a broker restarted empty, say). The digest job queues them again."""
    return list(
        EmailPreference.objects.filter(
            activity_email_due_at__lt=timezone.now() - older_than
        ).values_list("member_id", flat=True)
    )


def digests_due(*, now=None, batch_size: int | None = None):
    """Batches of member ids whose digest is due, oldest first."""
    now = now or timezone.now()
    batch_size = batch_size or settings.DIGEST_BATCH_SIZE
    due = (
        EmailPreference.objects.filter(next_digest_at__lte=now)
        .order_by("next_digest_at", "member_id")
        .values_list("member_id", flat=True)
    )
    batch = []
    for member_id in due.iterator(chunk_size=batch_size):
        batch.append(member_id)
        if len(batch) == batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def next_digest_due():
    """When the next digest falls due, for anyone, or None when nobody has one."""
    return (
        EmailPreference.objects.filter(next_digest_at__isnull=False)
        .order_by("next_digest_at")
        .values_list("next_digest_at", flat=True)
        .first()
    )


def digest_batch_send(*, member_ids, now=None) -> int:
    """Send each member in the batch their due digest, once. Returns how many
    went out. A transient mail failure stops the batch and raises: its retry
    skips everyone already done."""
    now = now or timezone.now()
    members = get_user_model().objects.in_bulk(list(member_ids))
    addresses = verified_addresses(members)
    look = email_settings()
    sent = 0
    with Mailer() as mailer:
        for member_id in member_ids:
            member = members.get(member_id)
            if member is None:
                continue
            if _digest_send(member, addresses.get(member_id), mailer, look=look, now=now):
                sent += 1
    return sent


def _digest_send(member, address, mailer: Mailer, *, look, now) -> bool:
    try:
        with transaction.atomic():
            preference = EmailPreference.objects.select_for_update().filter(member=member).first()
            if preference is None or preference.next_digest_at is None:
                return False
            due = preference.next_digest_at
            if due > now:
                return False
            period = period_key(preference, due)
            # Whatever happens below, this period is done for this member.
            preference.next_digest_at = next_digest_at(preference, after=max(due, now))
            preference.save(update_fields=["next_digest_at"])
            if (
                not may_receive(member)
                or not address
                or address.lower() == preference.undeliverable_address.lower()
            ):
                return False
            if DigestSend.objects.filter(member=member, period=period).exists():
                return False
            last = (
                DigestSend.objects.filter(member=member)
                .order_by("-covered_until")
                .values_list("covered_until", flat=True)
                .first()
            )
            since = last or (due - period_length(preference))
            sections = digest_sections(member, preference, since=since, until=now)
            total = sum(section.count for section in sections)
            DigestSend.objects.create(
                member=member,
                period=period,
                covered_from=since,
                covered_until=now,
                items=total,
                sent_at=now if total else None,
            )
            if not total:
                return False
            mailer.prepare(
                email_message(
                    member=member,
                    address=address,
                    preference=preference,
                    sections=sections,
                    kind="digest",
                    look=look,
                )
            )
    except IntegrityError:
        # Another worker recorded this period first: it sends, not us.
        mailer.abandon()
        return False
    except PermanentDeliveryError:
        _mark_undeliverable(member.pk, address)
        return False
    except BaseException:
        mailer.abandon()
        raise
    try:
        mailer.finish()
    except DeliveryError as error:
        # The server didn't take it after all: forget the record, so a retry
        # (or, for a refused address, nothing) follows.
        with transaction.atomic():
            DigestSend.objects.filter(member=member, period=period).delete()
            EmailPreference.objects.filter(member=member).update(next_digest_at=due)
        if isinstance(error, PermanentDeliveryError):
            _mark_undeliverable(member.pk, address)
            EmailPreference.objects.filter(member=member).update(
                next_digest_at=next_digest_at(preference, after=max(due, now))
            )
            return False
        raise
    return True
