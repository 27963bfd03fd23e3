"""What the knowledge base adds to a member's email digest: new and updated
articles in the topics they follow.

A discreet email gets the count only, in words that say nothing about the
site. A detailed one (the member opted in) lists each article's title, link
and summary: the knowledge base is public, and only articles any reader may
open are counted."""

from django.utils.translation import ngettext

from core.text import text_fit
from notifications.emails import (
    EXCERPT_LENGTH,
    EmailItem,
    EmailSection,
    absolute,
    digest_section_register,
)

from .models import ArticlePage, TaggedTopic

# A detailed digest lists this many articles; the count still says how many in all.
ARTICLES_LISTED = 10


def _path(page) -> str:
    """The page's address on its site, without the host."""
    parts = page.get_url_parts()
    return (parts[2] or "") if parts else ""


def followed_articles_section(member, since, until, detailed: bool) -> EmailSection | None:
    """Live, public articles filed under a topic `member` follows that were
    first published or last updated in [since, until). Two queries (the
    private pages, then the articles), however many topics and articles."""
    in_followed_topics = TaggedTopic.objects.filter(tag__follows__member=member).values(
        "content_object_id"
    )
    articles = list(
        ArticlePage.objects.for_readers()
        .filter(
            pk__in=in_followed_topics,
            last_published_at__gte=since,
            last_published_at__lt=until,
        )
        .only("id", "title", "summary", "url_path", "path", "depth", "locale_id")
        .order_by("-last_published_at", "pk")
    )
    if not articles:
        return None
    count = len(articles)
    items = []
    if detailed:
        items = [
            EmailItem(
                title=article.title,
                url=absolute(_path(article)),
                excerpt=text_fit(" ".join(article.summary.split()), EXCERPT_LENGTH),
            )
            for article in articles[:ARTICLES_LISTED]
        ]
    return EmailSection(
        key="followed_topics",
        count=count,
        phrase=ngettext(
            "%(count)s new or updated article in topics you follow",
            "%(count)s new or updated articles in topics you follow",
            count,
        )
        % {"count": count},
        items=items,
    )


digest_section_register(followed_articles_section)
