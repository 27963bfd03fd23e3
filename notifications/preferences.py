"""A member's email choices: reading them, changing them, when their next
digest is due, and the signed links in every email that change them without
signing in."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DigestFrequency, EmailPreference

# The time zones the settings page offers, west to east. Any zone the
# database knows is accepted from elsewhere (an import, the admin).
TIME_ZONE_CHOICES = [
    ("Pacific/Honolulu", "Hawaii"),
    ("America/Anchorage", "Alaska"),
    ("America/Los_Angeles", "Pacific time (Los Angeles, Vancouver)"),
    ("America/Phoenix", "Arizona"),
    ("America/Denver", "Mountain time (Denver, Edmonton)"),
    ("America/Chicago", "Central time (Chicago, Winnipeg)"),
    ("America/New_York", "Eastern time (New York, Toronto)"),
    ("America/Puerto_Rico", "Atlantic time (Puerto Rico)"),
    ("America/Halifax", "Atlantic time (Halifax)"),
    ("America/St_Johns", "Newfoundland"),
    ("UTC", "UTC"),
    ("Europe/London", "London, Dublin"),
    ("Europe/Berlin", "Central Europe"),
    ("Australia/Sydney", "Sydney, Melbourne"),
    ("Pacific/Auckland", "New Zealand"),
]

# What the page and the signed links may change, in the order they are shown.
CHOICE_FIELDS = (
    "activity",
    "digest",
    "digest_weekday",
    "digest_hour",
    "time_zone",
    "detailed",
    "safety_alerts",
)

_TOKEN_SALT = "notifications.email-preferences"  # noqa: S105 - a salt, not a secret


def preference_for(member) -> EmailPreference:
    """The member's choices, or the defaults (unsaved) when they have made none."""
    preference = EmailPreference.objects.filter(member=member).first()
    return preference or EmailPreference(member=member)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _at(day: date, hour: int, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def next_digest_at(preference: EmailPreference, *, after: datetime) -> datetime | None:
    """The first time strictly after `after` the member's digest is due, or None."""
    if preference.digest == DigestFrequency.OFF:
        return None
    tz = zone(preference.time_zone)
    local = after.astimezone(tz)
    day = local.date()
    if preference.digest == DigestFrequency.WEEKLY:
        day += timedelta(days=(preference.digest_weekday - day.weekday()) % 7)
    due = _at(day, preference.digest_hour, tz)
    step = 7 if preference.digest == DigestFrequency.WEEKLY else 1
    while due <= after:
        day += timedelta(days=step)
        due = _at(day, preference.digest_hour, tz)
    return due.astimezone(ZoneInfo("UTC"))


def period_key(preference: EmailPreference, due: datetime) -> str:
    """The name of the period a digest due at `due` covers: its frequency and
    the member's local date it goes out on."""
    local_day = due.astimezone(zone(preference.time_zone)).date()
    return f"{preference.digest} {local_day.isoformat()}"


def period_length(preference: EmailPreference) -> timedelta:
    return timedelta(days=7 if preference.digest == DigestFrequency.WEEKLY else 1)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _shown(preference: EmailPreference, field: str) -> str:
    value = getattr(preference, field)
    if field == "digest_hour":
        return hour_label(value)
    if field == "time_zone":
        return dict(TIME_ZONE_CHOICES).get(value, value)
    if field in ("detailed", "safety_alerts"):
        if field == "detailed":
            return _("detailed") if value else _("discreet")
        return _("on") if value else _("off")
    display = getattr(preference, f"get_{field}_display", None)
    return str(display()) if display else str(value)


def hour_label(hour: int) -> str:
    """8 → "8 am", 0 → "midnight", 12 → "noon"."""
    if hour == 0:
        return _("midnight")
    if hour == 12:
        return _("noon")
    if hour < 12:
        return _("%(hour)s am") % {"hour": hour}
    return _("%(hour)s pm") % {"hour": hour - 12}


_LABELS = {
    "activity": gettext_lazy("Replies, mentions and quotes"),
    "digest": gettext_lazy("Digest"),
    "digest_weekday": gettext_lazy("Digest day"),
    "digest_hour": gettext_lazy("Digest time"),
    "time_zone": gettext_lazy("Time zone"),
    "detailed": gettext_lazy("What emails show"),
    "safety_alerts": gettext_lazy("Urgent safety alerts"),
}


@transaction.atomic
def preferences_change(*, member, **choices) -> list[Change]:
    """Save the member's new choices and return what changed, in words.

    Any change moves the preferences to a new version, so links in emails sent
    before it can no longer change them; the next digest is worked out again.
    """
    preference, _created = EmailPreference.objects.select_for_update().get_or_create(member=member)
    before = {field: _shown(preference, field) for field in CHOICE_FIELDS}
    old_values = {field: getattr(preference, field) for field in CHOICE_FIELDS}
    for field, value in choices.items():
        if field not in CHOICE_FIELDS:
            raise TypeError(f"{field} is not an email choice")
        setattr(preference, field, value)
    changes = [
        Change(label=str(_LABELS[field]), before=before[field], after=_shown(preference, field))
        for field in CHOICE_FIELDS
        if getattr(preference, field) != old_values[field]
    ]
    if not changes:
        return []
    schedule_changed = any(
        getattr(preference, field) != old_values[field]
        for field in ("digest", "digest_weekday", "digest_hour", "time_zone")
    )
    if schedule_changed:
        preference.next_digest_at = next_digest_at(preference, after=timezone.now())
    preference.version = F("version") + 1
    preference.save()
    preference.refresh_from_db(fields=["version"])
    return changes


def emails_stop(*, member) -> list[Change]:
    """What one-click unsubscribe does: no more activity emails or digests.
    Urgent safety alerts are their own choice, shown on the page it leads to."""
    return preferences_change(member=member, activity="off", digest=DigestFrequency.OFF)


def preferences_token(preference: EmailPreference) -> str:
    """A signed link key for this member's preferences as they are now."""
    return signing.dumps(
        {"m": preference.member_id, "v": preference.version}, salt=_TOKEN_SALT, compress=False
    )


class TokenInvalid(Exception):
    """The link was altered, or is not one of ours."""


class TokenOutdated(Exception):
    """The link was good, but the preferences changed since it was sent."""


def preference_from_token(token: str, *, any_version: bool = False) -> EmailPreference:
    """The preferences a link may change, or TokenInvalid / TokenOutdated.

    With `any_version`, a genuine link from an older email still finds them.
    Only stopping emails may ask for that: a mail app's unsubscribe button
    must keep working after the member changed something, and stopping
    twice changes nothing."""
    try:
        payload = signing.loads(token, salt=_TOKEN_SALT)
        member_id, version = int(payload["m"]), int(payload["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenInvalid from None
    preference = (
        EmailPreference.objects.select_related("member")
        .filter(member_id=member_id, member__is_active=True)
        .first()
    )
    if preference is None:
        raise TokenInvalid
    if preference.version != version and not any_version:
        raise TokenOutdated
    return preference
