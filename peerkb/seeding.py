"""Putting the first articles on a new site (`load_articles`, `load_demo`)."""

from django.db import transaction
from django.utils import timezone

from .models import (
    ArticleAuthor,
    ArticlePage,
    ArticleSource,
    AuthorProfile,
    KnowledgeBaseIndexPage,
    SubstanceTag,
)
from .seed_articles import ARTICLES, SEED_AUTHORS


def _raw(value):
    """Seed values as StreamField's stored form: tuples become lists."""
    if isinstance(value, tuple | list):
        return [_raw(item) for item in value]
    if isinstance(value, dict):
        return {key: _raw(item) for key, item in value.items()}
    return value


def seed_authors_ensure(members: dict | None = None) -> dict[str, AuthorProfile]:
    """The seed authors' profiles, by key. With `members` (key -> account), each
    profile is linked to its account, as on the demo site."""
    members = members or {}
    profiles = {}
    for key, words in SEED_AUTHORS.items():
        member = members.get(key)
        profile = AuthorProfile.objects.filter(member=member).first() if member else None
        if profile is None:
            profile = AuthorProfile.objects.filter(
                pseudonym=words["pseudonym"], member__isnull=True
            ).first()
        if profile is None:
            profile = AuthorProfile.objects.create(
                pseudonym=words["pseudonym"], lived_experience=words["lived_experience"]
            )
        if member is not None and profile.member_id is None:
            profile.member = member
            profile.save(update_fields=["member"])
        profiles[key] = profile
    return profiles


def article_build(
    *,
    title: str,
    slug: str,
    summary: str,
    body: list,
    author: AuthorProfile,
    includes_medical_info: bool = False,
    sources=(),
    topics=(),
    substances=(),
    live: bool = False,
) -> ArticlePage:
    """An article not yet in the page tree: `body` in StreamField's stored form,
    `sources` as (title, url) pairs, `substances` by name from the curated list."""
    article = ArticlePage(
        title=title,
        slug=slug,
        summary=summary,
        body=body,
        includes_medical_info=includes_medical_info,
        owner=author.member,
        live=live,
    )
    article.authors.add(ArticleAuthor(author=author, sort_order=0))
    for order, (source_title, url) in enumerate(sources):
        article.sources.add(ArticleSource(title=source_title, url=url, sort_order=order))
    article.topics.add(*topics)
    article.substances.add(*SubstanceTag.objects.filter(name__in=substances))
    return article


def article_publish_as_reviewed(article: ArticlePage, *, reviewers=()) -> None:
    """Publish the article's current content, marked as reviewed today by
    `reviewers`: for content peers checked before it reached this site."""
    revision = article.save_revision(user=article.owner)
    # Marked as the reviewed version before it goes live, so publishing
    # doesn't count it as published without review.
    article.reviewed_revision = revision
    article.last_reviewed_at = timezone.now()
    article.save(update_fields=["reviewed_revision", "last_reviewed_at", "review_due_at"])
    revision.publish()
    article.reviewed_by.set(reviewers)


@transaction.atomic
def articles_seed_load(*, reviewers=(), members: dict | None = None) -> list[ArticlePage]:
    """Create the seed articles that are missing, live and marked reviewed by
    `reviewers`. Idempotent: an article whose slug exists is left as it is."""
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        raise LookupError("The knowledge base page is missing: run setup_site first.")
    profiles = seed_authors_ensure(members)
    existing = set(index.get_children().values_list("slug", flat=True))
    created = []
    for seed in ARTICLES:
        if seed.slug in existing:
            continue
        article = article_build(
            title=seed.title,
            slug=seed.slug,
            summary=seed.summary,
            body=[{"type": kind, "value": _raw(value)} for kind, value in seed.body],
            author=profiles[seed.author],
            includes_medical_info=seed.includes_medical_info,
            sources=seed.sources,
            topics=seed.topics,
            substances=seed.substances,
        )
        index.add_child(instance=article)
        article_publish_as_reviewed(article, reviewers=reviewers)
        created.append(article)
    return created
