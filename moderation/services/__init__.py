"""Moderation's rules: flags, decisions, votes, appeals and restrictions.

Views and tasks call these; each writes what it decides to the moderation log
(a ModerationAction) and tells the people concerned. One module per concern:

- records: the log record, queue items, content state; what the others share
- flags: flags from members and screening, and what enough of them do
- decisions: a moderator's decision on content, and trusted members' votes
- people: warnings, silences and suspensions; the outreach worker role
- care: following up on "someone may be in danger"
- appeals: a second look at a decision, and how each kind is undone
- clock: items that waited too long

Other apps import from here; the names below are the public ones.
"""

from .appeals import (
    appeal_create,
    appeal_decide,
    can_appeal,
    can_decide_appeal,
    reverser_register,
)
from .care import care_close
from .clock import queue_escalate
from .decisions import GONE, ContentDecision, content_decide, moderator_edit_record, vote_cast
from .flags import (
    flag_create,
    flag_note_check,
    flag_system,
    flag_weight,
    flagger_accuracy,
    hold_record,
)
from .people import (
    SILENCE_DAYS,
    SUSPEND_DAYS,
    member_lift,
    member_outreach_set,
    member_silence,
    member_suspend,
    member_warn,
)
from .records import (
    REASON_MAX_LENGTH,
    UNTIL_LIFTED,
    action_record,
    items_close_for,
    moderator_ids,
    queue_item_close,
    queue_item_open,
    require_moderator,
)

__all__ = [
    "GONE",
    "REASON_MAX_LENGTH",
    "SILENCE_DAYS",
    "SUSPEND_DAYS",
    "UNTIL_LIFTED",
    "ContentDecision",
    "action_record",
    "appeal_create",
    "appeal_decide",
    "can_appeal",
    "can_decide_appeal",
    "care_close",
    "content_decide",
    "flag_create",
    "flag_note_check",
    "flag_system",
    "flag_weight",
    "flagger_accuracy",
    "hold_record",
    "items_close_for",
    "member_lift",
    "member_outreach_set",
    "member_silence",
    "member_suspend",
    "member_warn",
    "moderator_edit_record",
    "moderator_ids",
    "queue_escalate",
    "queue_item_close",
    "queue_item_open",
    "require_moderator",
    "reverser_register",
    "vote_cast",
]
