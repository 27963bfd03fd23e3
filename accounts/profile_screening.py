"""Screening what members write on their profile: the bio and pronouns.

Accounts sits below moderation, so it can't call moderation's write gate
itself. Moderation registers a screener here when it loads (ModerationConfig.
ready); the settings page calls `profile_screen` before saving, which runs it.
The screener refuses with a ValidationError keyed by field, or raises
ProfileNudge when the member may want to change a word first.
"""

from collections.abc import Callable

# The profile fields a member writes in their own words.
WRITTEN_FIELDS = ("pronouns", "bio")

_screeners: list[Callable[..., None]] = []


class ProfileNudge(Exception):
    """The words may deserve another look; the member can save them anyway.
    `screening` is what the nudge template shows."""

    def __init__(self, screening):
        super().__init__("nudge")
        self.screening = screening


def profile_screener_register(screener: Callable[..., None]) -> None:
    """`screener(*, member, fields, nudge_acknowledged)` runs on every profile
    change to written fields."""
    if screener not in _screeners:
        _screeners.append(screener)


def profile_screen(*, member, fields: dict[str, str], nudge_acknowledged: bool) -> None:
    """Screen the written fields a member changed; raises ValidationError
    (beside the field, or for the whole form) or ProfileNudge."""
    if not fields:
        return
    for screener in _screeners:
        screener(member=member, fields=fields, nudge_acknowledged=nudge_acknowledged)
