"""Screening text before it is published.

Every piece of member writing passes through `screen()` before it is saved.
For now nothing is held, nudged or blocked; the watched-words rules arrive with
community moderation and keep this signature.
"""

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    ALLOW = "allow"
    NUDGE = "nudge"  # shown to the author, who may post anyway
    HOLD = "hold"  # saved, but held for review before anyone else sees it
    BLOCK = "block"  # refused, with a message beside the text


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    message: str = ""

    @property
    def initial_state(self) -> str:
        from .models import ModerationState

        return ModerationState.HELD if self.verdict == Verdict.HOLD else ModerationState.VISIBLE


def screen(text: str, author) -> Screening:
    """Decide what happens to `text` written by `author`. Currently allows everything."""
    return Screening(Verdict.ALLOW)
