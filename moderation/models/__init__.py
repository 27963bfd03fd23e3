from .activity import MemberDay
from .base import (
    Moderated,
    ModeratedQuerySet,
    ModerationState,
    ModerationSubject,
    SubjectHandlers,
)
from .decisions import ActionKind, Appeal, AppealStatus, ModerationAction
from .queue import Flag, FlagReason, FlagResolution, QueueItem, QueueStatus, QueueVote, VoteChoice
from .words import WatchedWord, WordAction, WordCategory, WordMatchKind

__all__ = [
    "ActionKind",
    "Appeal",
    "AppealStatus",
    "Flag",
    "FlagReason",
    "FlagResolution",
    "MemberDay",
    "Moderated",
    "ModeratedQuerySet",
    "ModerationAction",
    "ModerationState",
    "ModerationSubject",
    "QueueItem",
    "QueueStatus",
    "QueueVote",
    "SubjectHandlers",
    "VoteChoice",
    "WatchedWord",
    "WordAction",
    "WordCategory",
    "WordMatchKind",
]
