"""The knowledge base's kinds of review-queue item. Peer reviewers and peer
moderators work them; a peer moderator decides on ideas for new articles."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import is_peer_reviewer
from moderation.queue import QueueKind, kind_register, moderators_only


def peer_reviewers(user) -> bool:
    return is_peer_reviewer(user)


def _forms(item, user) -> dict:
    from .views import queue_item_forms

    return queue_item_forms(item, user)


REVIEW_DUE = kind_register(
    QueueKind(
        "article_review_due",
        _("Article reviews"),
        _(
            "This article is due for a check, or went live without peer review. Read it: "
            "mark it still accurate, or change it in the editor and send it for review."
        ),
        may_view=peer_reviewers,
        template="peerkb/queue/review_due.html",
        context=_forms,
    )
)
SUGGESTION = kind_register(
    QueueKind(
        "article_suggestion",
        _("Suggested updates"),
        _(
            "A member suggests a change to an article. Make it in the editor and send it "
            "for review, then close this with a note."
        ),
        may_view=peer_reviewers,
        template="peerkb/queue/suggestion.html",
        context=_forms,
        member_sent_it=True,
    )
)
# Ideas come with the member's handle and, often, their own story: the form
# tells them a peer moderator reads it, so only peer moderators do.
PROPOSAL = kind_register(
    QueueKind(
        "article_proposal",
        _("Article ideas"),
        _(
            "A member proposes a new article. Accept it, which starts a draft for a peer "
            "author, or decline it with a reason the member sees."
        ),
        may_view=moderators_only,
        template="peerkb/queue/proposal.html",
        context=_forms,
        member_sent_it=True,
    )
)
