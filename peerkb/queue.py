"""The knowledge base's kinds of review-queue item. Peer reviewers and peer
moderators work them; a peer moderator decides on ideas for new articles.

Each kind comes with what its item's page needs besides the item: the
article it is about and the forms its decision takes."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_peer_reviewer
from moderation.queue import QueueKind, kind_register, moderators_only

from .forms import ProposalAcceptForm, ProposalDeclineForm, SuggestionCloseForm
from .permissions import can_mark_reviewed


def peer_reviewers(user) -> bool:
    return is_peer_reviewer(user)


def editor_url(article) -> str:
    return reverse("wagtailadmin_pages:edit", args=[article.pk]) if article else ""


def review_due_context(item, user) -> dict:
    article = item.subject.specific if item.subject is not None else None
    return {
        "article": article,
        "editor_url": editor_url(article),
        "cannot_mark": can_mark_reviewed(article, user) if article else "",
    }


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
        context=review_due_context,
    )
)


def suggestion_context(item, user) -> dict:
    article = item.subject.article if item.subject is not None else None
    return {
        "article": article,
        "editor_url": editor_url(article),
        "close_form": SuggestionCloseForm(),
    }


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
        context=suggestion_context,
        member_sent_it=True,
    )
)


def proposal_context(item, user) -> dict:
    return {"accept_form": ProposalAcceptForm(), "decline_form": ProposalDeclineForm()}


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
        context=proposal_context,
        member_sent_it=True,
    )
)
