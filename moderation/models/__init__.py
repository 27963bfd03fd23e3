from .activity import MemberDay
from .base import Moderated, ModeratedQuerySet, ModerationState
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
    "QueueItem",
    "QueueStatus",
    "QueueVote",
    "VoteChoice",
    "WatchedWord",
    "WordAction",
    "WordCategory",
    "WordMatchKind",
]
