"""The one gate every member write passes before anything is saved or rendered.

Forum posts and threads, experience reports, tags, knowledge-base suggestions
and ideas, and profiles all call `write_screen()`. It checks, in this order and
before any expensive work: that the member may write at all, that they are
within their rate limit, and what screening says about every field they wrote.
Each refusal is a `WriteRefused` keyed by field, so a form shows the message
beside the field and keeps what the person typed; `write_views.py` is the page
side of the same path.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from accounts.profile_screening import ProfileNudge

from .ratelimits import RateLimited, rate_limit_check, rate_limit_record
from .screening import SEVERITY, Nudge, Screening, Verdict, screen


class WriteRefused(ValidationError):
    """The write can't go ahead. Messages are keyed by field name;
    NON_FIELD_ERRORS holds what is about the whole form (read-only, a limit)."""


def read_only_note(member) -> str:
    """What a silenced member is told where they would otherwise write."""
    if member.silenced_until.year >= 9999:
        return _(
            "Your account is read-only until a peer moderator looks at it. "
            "You can still read everything."
        )
    return _("Your account is read-only for %(remaining)s more. You can still read everything.") % {
        "remaining": timeuntil(member.silenced_until, depth=1)
    }


def may_write_check(author) -> None:
    """Raise WriteRefused if `author` can't write anything now: signed out,
    suspended or silenced. For a service that must know who writes before its
    own rules; the rate limit waits for `write_allowed_check` or `write_screen`."""
    if not author.is_authenticated:
        raise WriteRefused({NON_FIELD_ERRORS: _("Log in to write here.")})
    if author.is_suspended:
        raise WriteRefused({NON_FIELD_ERRORS: _("Your account is suspended, so you can't write.")})
    if author.is_silenced:
        raise WriteRefused({NON_FIELD_ERRORS: read_only_note(author)})


def write_allowed_check(author, action: str) -> None:
    """Raise WriteRefused if `author` can't write now: signed out, suspended,
    silenced, or past their rate limit for `action`. Cheap: no screening."""
    may_write_check(author)
    try:
        rate_limit_check(author, action)
    except RateLimited as limited:
        raise WriteRefused({NON_FIELD_ERRORS: limited.message}) from limited


def _combine(results: dict[str, Screening]) -> Screening:
    matches = tuple(match for result in results.values() for match in result.matches)
    if not results:
        return Screening(Verdict.ALLOW)
    worst = max(results.values(), key=lambda result: SEVERITY.index(result.verdict))
    return Screening(worst.verdict, worst.message, matches)


def _not_shown_without_review(result: Screening) -> str:
    why = result.reason or result.message
    return _(
        "This part is shown without a peer moderator looking first, so it can't include "
        "this. %(why)s"
    ) % {"why": why}


def write_screen(
    *,
    author,
    action: str,
    fields: dict[str, str],
    nudge_acknowledged: bool = False,
    first_contribution: bool = False,
    can_hold: bool = True,
) -> Screening:
    """Check that `author` may do `action`, then screen every field they wrote.

    Returns the combined screening (the worst verdict, every match) for the
    caller to hold or flag what it saves. Raises WriteRefused with messages
    beside the fields, or Nudge while a language nudge is unanswered.
    `can_hold` is false where nothing waits for review (a profile, tags): what
    screening would hold or flag is refused there, with why. A refusal or an
    unanswered nudge doesn't count toward the rate limit; anything else does,
    before the caller renders or saves, so parallel requests can't slip past it.
    """
    write_allowed_check(author, action)
    results = {
        name: screen(text, author, first_contribution=first_contribution)
        for name, text in fields.items()
        if text and text.strip()
    }
    errors: dict[str, list[str]] = {}
    for name, result in results.items():
        if result.verdict == Verdict.BLOCK:
            errors[name] = [result.message]
        elif not can_hold and result.verdict in (Verdict.HOLD, Verdict.FLAG):
            errors[name] = [_not_shown_without_review(result)]
    if errors:
        raise WriteRefused(errors)
    combined = _combine(results)
    if combined.nudges and not nudge_acknowledged:
        raise Nudge(combined)
    rate_limit_record(author, action)
    return combined


def profile_write_screen(*, member, fields: dict[str, str], nudge_acknowledged: bool) -> None:
    """The profile's screener (registered with accounts): a profile is shown
    without review, so what screening would hold is refused there."""
    try:
        write_screen(
            author=member,
            action="profile",
            fields=fields,
            nudge_acknowledged=nudge_acknowledged,
            can_hold=False,
        )
    except Nudge as nudge:
        raise ProfileNudge(nudge.screening) from None
