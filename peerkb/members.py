"""What the knowledge base holds about a member: in their data download, and
gone when they delete their account."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Comment, CommentReply, ModelLogEntry, PageLogEntry, Revision, TaskState

from moderation.services import items_close_for

from .models import (
    ArticleFeedback,
    ArticlePage,
    ArticleProposal,
    ArticleSuggestion,
    AuthorProfile,
    PeerApproval,
    TopicTag,
)

KNOWLEDGE_BASE_MEMBER_DATA = {
    "exported": {
        "peerkb.ArticleFeedback.member": "was_this_helpful_answers",
        "peerkb.ArticleSuggestion.member": "article_suggestions",
        "peerkb.ArticleProposal.member": "article_ideas",
        "peerkb.AuthorProfile.member": "peer_author_profile",
        "peerkb.ArticlePage.reviewed_by": "articles_you_reviewed",
        "peerkb.PeerApproval.reviewer": "peer_approvals_you_gave",
        "peerkb.TopicFollow.member": "knowledge_base_topics_you_follow",
        "wagtailcore.Page.owner": "article_drafts_you_own",
        "wagtailcore.Comment.user": "editor_comments",
        "wagtailcore.CommentReply.user": "editor_comment_replies",
        "wagtailcore.Revision.user": "article_versions_you_saved",
        "wagtailimages.Image.uploaded_by_user": "images_you_uploaded",
        "wagtaildocs.Document.uploaded_by_user": "documents_you_uploaded",
    },
    "excluded": {
        "wagtailcore.PageLogEntry.user": gettext_lazy(
            "The editor's history of who did what to an article; the articles, versions, "
            "comments and approvals it refers to are in the download."
        ),
        "wagtailcore.ModelLogEntry.user": gettext_lazy(
            "The editor's history of changes to settings and snippets; it holds none of your words."
        ),
        "wagtailcore.WorkflowState.requested_by": gettext_lazy(
            "Which article you sent for peer review; the article is in the download."
        ),
        "wagtailcore.TaskState.finished_by": gettext_lazy(
            "The review step you finished; your approvals are in peer_approvals_you_gave."
        ),
        "wagtailcore.Comment.resolved_by": gettext_lazy(
            "A comment you marked as dealt with is the words of the peer who wrote it."
        ),
        "wagtailcore.Page.locked_by": gettext_lazy(
            "A lock on an article while you edit it; it holds none of your words."
        ),
        "wagtailcore.PageSubscription.user": gettext_lazy(
            "Whether the editor emails you about comments on an article: a setting, "
            "not something you wrote."
        ),
        "wagtailcore.UploadedFile.uploaded_by_user": gettext_lazy(
            "A file halfway through uploading in the editor; uploaded pictures and "
            "documents are in the download."
        ),
        "wagtailadmin.EditingSession.user": gettext_lazy(
            "Which article you have open in the editor right now; it lasts minutes."
        ),
        "wagtailadmin.FormState.user": gettext_lazy(
            "What the editor's preview is showing you while you edit; it is thrown "
            "away after a while."
        ),
        "wagtailcore.APIToken.user": gettext_lazy("This site gives out no API tokens."),
    },
}


def knowledge_base_export(user) -> dict:
    profile = AuthorProfile.objects.filter(member=user).first()
    exported = {
        "article_suggestions": [
            {
                "date": suggestion.created_at.strftime("%Y-%m-%d"),
                "article": suggestion.article.title,
                "section": suggestion.section,
                "suggestion": suggestion.text,
            }
            for suggestion in ArticleSuggestion.objects.filter(member=user).select_related(
                "article"
            )
        ],
        "article_ideas": [
            {
                "date": proposal.created_at.strftime("%Y-%m-%d"),
                "title": proposal.title,
                "outline": proposal.outline,
                "why": proposal.why,
                "status": str(proposal.get_status_display()),
            }
            for proposal in ArticleProposal.objects.filter(member=user)
        ],
        "knowledge_base_topics_you_follow": list(
            TopicTag.objects.followed_by(user).values_list("name", flat=True)
        ),
        "was_this_helpful_answers": [
            {"article": feedback.article.title, "helpful": feedback.helpful}
            for feedback in ArticleFeedback.objects.filter(member=user).select_related("article")
        ],
        "articles_you_reviewed": sorted(
            ArticlePage.objects.filter(reviewed_by=user).values_list("title", flat=True)
        ),
        "article_drafts_you_own": sorted(
            ArticlePage.objects.filter(owner=user, live=False).values_list("title", flat=True)
        ),
        "editor_comments": [
            {"date": comment.created_at.strftime("%Y-%m-%d"), "comment": comment.text}
            for comment in Comment.objects.filter(user=user).order_by("created_at")
        ],
        "editor_comment_replies": [
            {"date": reply.created_at.strftime("%Y-%m-%d"), "reply": reply.text}
            for reply in CommentReply.objects.filter(user=user).order_by("created_at")
        ],
        "peer_approvals_you_gave": [
            {
                "date": approval.created_at.strftime("%Y-%m-%d"),
                "article": str(approval.revision.object_str),
                "comment": approval.comment,
            }
            for approval in PeerApproval.objects.filter(reviewer=user)
            .select_related("revision")
            .order_by("created_at")
        ],
        "article_versions_you_saved": [
            {"date": revision.created_at.strftime("%Y-%m-%d"), "title": revision.object_str}
            for revision in Revision.objects.filter(user=user).order_by("created_at")
        ],
        "images_you_uploaded": sorted(
            get_image_model().objects.filter(uploaded_by_user=user).values_list("title", flat=True)
        ),
        "documents_you_uploaded": sorted(
            get_document_model()
            .objects.filter(uploaded_by_user=user)
            .values_list("title", flat=True)
        ),
    }
    exported["peer_author_profile"] = None
    if profile is not None:
        exported["peer_author_profile"] = {
            "name_on_articles": profile.pseudonym,
            "lived_experience": profile.lived_experience,
            "link_to_forum_profile": profile.show_handle,
            "articles_credited": sorted(
                {credit.page.title for credit in profile.credits.select_related("page")}
            ),
        }
    return exported


def knowledge_base_erase(user) -> None:
    """Suggestions, ideas and answers go (the topics they follow go with the
    account itself). Articles the member wrote stay, as the
    community's, credited to “a peer” with nothing of theirs left on the profile."""
    gone = _("The member deleted their account.")
    for suggestion in ArticleSuggestion.objects.filter(member=user):
        items_close_for(suggestion, outcome=gone)
        suggestion.delete()
    for proposal in ArticleProposal.objects.filter(member=user):
        items_close_for(proposal, outcome=gone)
        proposal.delete()
    ArticleFeedback.objects.filter(member=user).delete()
    # Drafts only they wrote, that no reader ever saw, are theirs alone.
    for draft in ArticlePage.objects.filter(owner=user, live=False, first_published_at=None):
        draft.delete()
    _history_scrub(user)
    # Saved, not updated in bulk, so the search index forgets the old words too.
    profiles = ContentType.objects.get_for_model(AuthorProfile)
    for profile in AuthorProfile.objects.filter(member=user):
        profile.member = None
        profile.pseudonym = profile.lived_experience = ""
        profile.show_handle = False
        profile.save()
        ModelLogEntry.objects.filter(content_type=profiles, object_id=str(profile.pk)).update(
            label=str(profile.display_name)
        )


def _history_scrub(user) -> None:
    """Editor comments and review comments are kept in Wagtail's history as well
    as in their own rows; the words go from both, the fact that something
    happened stays. Replies by others quote the comment they answer, so those
    lose the member's words too."""
    comment_ids = list(Comment.objects.filter(user=user).values_list("pk", flat=True))
    TaskState.objects.filter(finished_by=user).update(comment="")
    entries = PageLogEntry.objects.filter(user_id=user.pk) | PageLogEntry.objects.filter(
        data__comment__id__in=comment_ids
    )
    for entry in entries.distinct().only("pk", "data", "user_id"):
        # Updated in place: the page an entry is about may already be gone.
        PageLogEntry.objects.filter(pk=entry.pk).update(
            data=_without_words(entry.data, mine=entry.user_id == user.pk)
        )


def _without_words(data, *, mine: bool):
    if not isinstance(data, dict):
        return data
    cleaned = dict(data)
    if mine and isinstance(cleaned.get("comment"), str):
        cleaned["comment"] = ""
    for key in ("comment", "reply"):
        part = cleaned.get(key)
        if isinstance(part, dict) and "text" in part and (mine or key == "comment"):
            cleaned[key] = {**part, "text": ""}
    return cleaned
