"""Read-side questions the knowledge base's pages and services both ask: who
wrote an article, and may this person mark it as still accurate."""

from django.utils.translation import gettext as _

from accounts.roles import is_peer_reviewer

from .models import ArticlePage


def author_member_ids(article: ArticlePage) -> set[int]:
    """The members who wrote this version: its credited authors and its owner."""
    ids = {credit.author.member_id for credit in article.authors.all()}
    ids.add(article.owner_id)
    ids.discard(None)
    return ids


def can_mark_reviewed(article: ArticlePage, user) -> str:
    """Why `user` can't mark the live article as still accurate, or ""."""
    if not is_peer_reviewer(user):
        return _("Only peer reviewers can check articles.")
    if not article.live:
        return _("This article isn't live, so readers don't see anything to check.")
    if user.pk in author_member_ids(article):
        return _("You wrote this article, so another peer checks it.")
    if article.published_without_review_at is not None:
        # One peer's check can't stand in for the two approvals it skipped.
        return _(
            "This version went live without peer review, so two peers need to approve it: "
            "open it in the editor and send it to peer review."
        )
    return ""
