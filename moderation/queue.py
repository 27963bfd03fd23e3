"""The kinds of item the review queue holds, and who may work each kind.

Apps register their own kinds (an article's review falling due, say) with
`kind_register`; the queue page lists every kind the viewer may see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_peer_moderator

TRUSTED_LEVEL = 3


def moderators_only(user) -> bool:
    return is_peer_moderator(user)


def trusted_members(user) -> bool:
    return is_peer_moderator(user) or (
        user.is_authenticated and user.trust_level >= TRUSTED_LEVEL and not user.is_silenced
    )


@dataclass(frozen=True)
class QueueKind:
    key: str
    label: str | Promise
    description: str | Promise
    may_view: Callable = moderators_only
    priority: int = 0
    # Trusted members vote on these; moderators decide them.
    takes_votes: bool = False
    template: str = "moderation/items/content.html"
    # What else the item's page needs (its forms, say): a function taking the
    # item and the viewer and returning a dict for the template.
    context: Callable | None = None
    # The member sent this in (an idea, a suggestion) rather than being the
    # one it is about: it says "from", and their moderation record stays out of it.
    member_sent_it: bool = False


KINDS: dict[str, QueueKind] = {}


def kind_register(kind: QueueKind) -> QueueKind:
    KINDS[kind.key] = kind
    return kind


FLAGGED = kind_register(
    QueueKind(
        "flagged",
        _("Flagged"),
        _("Members flagged this. Read it in context and decide."),
        may_view=trusted_members,
        takes_votes=True,
    )
)
HELD = kind_register(
    QueueKind(
        "held",
        _("Held"),
        _("Screening held this before anyone saw it. Let it show, or keep it hidden."),
        may_view=trusted_members,
        takes_votes=True,
    )
)
CARE = kind_register(
    QueueKind(
        "care",
        _("Care"),
        _("Someone may be in danger. Reach out first; nothing was hidden."),
        priority=2,
        template="moderation/items/care.html",
    )
)
APPEAL = kind_register(
    QueueKind(
        "appeal",
        _("Appeals"),
        _("A member asks for a second look. A different moderator decides."),
        priority=1,
        template="moderation/items/appeal.html",
    )
)
ACCOUNT = kind_register(
    QueueKind(
        "account",
        _("Accounts"),
        _("An account was silenced by spam flags and waits for a moderator."),
        priority=1,
        template="moderation/items/account.html",
    )
)


def kinds_for(user) -> list[QueueKind]:
    return [kind for kind in KINDS.values() if kind.may_view(user)]


def kind_of(item) -> QueueKind:
    return KINDS.get(item.kind) or QueueKind(item.kind, item.kind, "")


def vote_label(item, choice: str) -> str:
    """A trusted member's vote in the words of the button they pressed: on a
    held post "keep" lets it show, on a flagged one it keeps it up."""
    if item.kind == HELD.key:
        return _("Let it show") if choice == "keep" else _("Keep it hidden")
    return _("Keep it up") if choice == "keep" else _("Hide it")
