"""What an email says. Every email has the same outside (the sender name and
subject moderators chose, nothing about drugs or this site) and two parts,
plain text and HTML without images, linking to this site only.

Discreet emails (the default) give counts and one sign-in link. Detailed ones
add titles and short excerpts where the part of the site that owns them vouches
that they are safe to show: never from a sensitive category, never held or
hidden, never what the member couldn't open now.

Other apps add to a digest by registering a section: a function taking
(member, since, until, detailed) and returning an EmailSection or None.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.models import Site

from .discretion import outside_text
from .models import ACTIVITY_KINDS, EmailPreference, EmailSettings, Notification, NotificationKind
from .preferences import preferences_token

EXCERPT_LENGTH = 140
# A detailed email lists at most this many things of each kind, then says how
# many more there are: a member with hundreds unread still gets a short email.
ITEMS_PER_SECTION = 5
# How many of each kind the apps are asked to vouch for, so a few refused
# (from a sensitive category, say) still leave enough to list.
_DETAIL_CANDIDATES = 4 * ITEMS_PER_SECTION


@dataclass(frozen=True)
class EmailItem:
    title: str
    url: str
    excerpt: str = ""


@dataclass
class EmailSection:
    """One line of an email ("2 replies") and, in a detailed one, what it lists."""

    key: str
    count: int
    phrase: str
    items: list[EmailItem] = field(default_factory=list)

    @property
    def more(self) -> int:
        """How many the section counts but doesn't list."""
        return max(self.count - len(self.items), 0)


SectionSource = Callable[[object, datetime, datetime, bool], EmailSection | None]
_digest_sections: list[SectionSource] = []
# Functions (notifications, member) -> {notification id: EmailItem} for the
# notifications an app vouches are safe to show in a detailed email.
_notification_details: list[Callable] = []


def digest_section_register(source: SectionSource) -> None:
    if source not in _digest_sections:
        _digest_sections.append(source)


def notification_detail_register(details: Callable) -> None:
    if details not in _notification_details:
        _notification_details.append(details)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


_KIND_PHRASES = {
    NotificationKind.REPLY: lambda n: ngettext("%(count)s reply", "%(count)s replies", n),
    NotificationKind.MENTION: lambda n: ngettext("%(count)s mention", "%(count)s mentions", n),
    NotificationKind.QUOTE: lambda n: ngettext("%(count)s quote", "%(count)s quotes", n),
    NotificationKind.NEW_THREAD: lambda n: ngettext(
        "%(count)s new thread where you watch", "%(count)s new threads where you watch", n
    ),
    NotificationKind.CONSULTATION: lambda n: ngettext(
        "%(count)s update on a consultation", "%(count)s updates on consultations", n
    ),
}


def notification_sections(
    notifications: Sequence[Notification], *, member, detailed: bool
) -> list[EmailSection]:
    """One section per kind, in the order of `_KIND_PHRASES`."""
    by_kind = {
        kind: [notification for notification in notifications if notification.kind == kind]
        for kind in _KIND_PHRASES
    }
    details: dict[int, EmailItem] = {}
    if detailed:
        candidates = [n for of_kind in by_kind.values() for n in of_kind[:_DETAIL_CANDIDATES]]
        for add_details in _notification_details:
            details.update(add_details(candidates, member))
    sections = []
    for kind, phrase in _KIND_PHRASES.items():
        of_kind = by_kind[kind]
        if not of_kind:
            continue
        items = []
        if detailed:
            for notification in of_kind[:_DETAIL_CANDIDATES]:
                item = details.get(notification.pk)
                if item is None and not notification.sensitive and notification.summary:
                    item = EmailItem(title=notification.summary, url=absolute(notification.url))
                if item is not None:
                    items.append(item)
                if len(items) == ITEMS_PER_SECTION:
                    break
        sections.append(
            EmailSection(
                key=str(kind),
                count=len(of_kind),
                phrase=phrase(len(of_kind)) % {"count": len(of_kind)},
                items=items,
            )
        )
    return sections


def digest_notifications(member, preference: EmailPreference, *, since, until):
    """What a digest counts from the inbox: unread, still visible, new since
    the last digest and in no email yet; replies, mentions and quotes only
    when the member chose to get them in the digest."""
    kinds = [NotificationKind.NEW_THREAD, NotificationKind.CONSULTATION]
    if preference.activity == "digest":
        kinds.extend(ACTIVITY_KINDS)
    return list(
        Notification.objects.filter(
            recipient=member,
            kind__in=kinds,
            read_at__isnull=True,
            emailed_at__isnull=True,
            created_at__gte=since,
            created_at__lt=until,
        )
        .visible()
        .order_by("created_at")
    )


def digest_sections(
    member, preference: EmailPreference, *, since: datetime, until: datetime
) -> list[EmailSection]:
    detailed = preference.detailed
    sections = notification_sections(
        digest_notifications(member, preference, since=since, until=until),
        member=member,
        detailed=detailed,
    )
    for source in _digest_sections:
        section = source(member, since, until, detailed)
        if section is not None and section.count:
            sections.append(section)
    return sections


def email_settings() -> EmailSettings:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return EmailSettings()
    return EmailSettings.for_site(site)


def _why(preference: EmailPreference, kind: str) -> str:
    if kind == "digest":
        if preference.digest == "weekly":
            return _("You get this because you asked for a weekly digest.")
        return _("You get this because you asked for a daily digest.")
    return _("You get this because you asked for emails about replies, mentions and quotes.")


def email_message(
    *,
    member,
    address: str,
    preference: EmailPreference,
    sections: Sequence[EmailSection],
    kind: str,
    look: EmailSettings | None = None,
) -> EmailMultiAlternatives:
    """The email for `sections`, ready to send to `address`. `kind` is
    "activity" or "digest"; `look` is the Email setting, read once per batch."""
    look = look or email_settings()
    # Sections other apps add to a digest are held to the same length.
    sections = [replace(section, items=section.items[:ITEMS_PER_SECTION]) for section in sections]
    total = sum(section.count for section in sections)
    preferences_url = absolute(reverse("email:preferences", args=[preferences_token(preference)]))
    context = {
        "sections": sections,
        "total": total,
        "detailed": preference.detailed,
        # Listed below the counts and the sign-in link, never in the lines a
        # lock screen or an inbox shows before the email is opened.
        "listed": preference.detailed and any(section.items for section in sections),
        "sign_in_url": absolute(reverse("notifications")),
        "preferences_url": preferences_url,
        "why": _why(preference, kind),
    }
    text = render_to_string("notifications/email/message.txt", context)
    html = render_to_string("notifications/email/message.html", context)
    sender = sanitize_sender(look.sender_name)
    from_address = site_address()
    message = EmailMultiAlternatives(
        subject=look.subject(total),
        body=text,
        from_email=f"{sender} <{from_address}>" if sender else from_address,
        to=[address],
        headers={
            # Django would name this machine in it, which may say what it runs.
            "Message-ID": make_msgid(domain=from_address.partition("@")[2] or None),
            "List-Unsubscribe": f"<{preferences_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def site_address() -> str:
    """The address emails come from, without any name DEFAULT_FROM_EMAIL gives
    it: the Email setting's sender name is the only one an inbox shows."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def sanitize_sender(name: str) -> str:
    """The sender name as a safe display name: quoted, without the characters
    that would end it early or break the line."""
    cleaned = outside_text("".join(ch for ch in outside_text(name) if ch not in '"\\<>'))
    return f'"{cleaned}"' if cleaned else ""
