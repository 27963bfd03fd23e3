"""What the knowledge base holds about a member: in their data download, and
gone when they delete their account."""

from django.utils.translation import gettext as _

from moderation.services import items_close_for

from .models import ArticleFeedback, ArticleProposal, ArticleSuggestion, AuthorProfile


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
        "was_this_helpful_answers": [
            {"article": feedback.article.title, "helpful": feedback.helpful}
            for feedback in ArticleFeedback.objects.filter(member=user).select_related("article")
        ],
    }
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
    """Suggestions, ideas and answers go. Articles the member wrote stay, as the
    community's, credited to “a peer” with nothing of theirs left on the profile."""
    gone = _("The member deleted their account.")
    for suggestion in ArticleSuggestion.objects.filter(member=user):
        items_close_for(suggestion, outcome=gone)
        suggestion.delete()
    for proposal in ArticleProposal.objects.filter(member=user):
        items_close_for(proposal, outcome=gone)
        proposal.delete()
    ArticleFeedback.objects.filter(member=user).delete()
    # Saved, not updated in bulk, so the search index forgets the old words too.
    for profile in AuthorProfile.objects.filter(member=user):
        profile.member = None
        profile.pseudonym = profile.lived_experience = ""
        profile.show_handle = False
        profile.save()
