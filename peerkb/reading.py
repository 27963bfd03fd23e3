"""What the knowledge base's pages show readers, each in a fixed number of queries."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from accounts.roles import is_peer_reviewer

from .contributions import helpful_answer_of
from .models import ArticleFeedback, ArticlePage, KnowledgeBaseIndexPage, SubstanceTag, TopicTag
from .search import search_query, search_words

LIST_LENGTH = 5
ARTICLES_PER_PAGE = 20
# Peer reviewers see what falls due in the next few weeks, so they can plan.
DUE_SOON = timedelta(days=30)
DUE_LIST_LENGTH = 10


def readable_articles(index=None):
    articles = ArticlePage.objects.for_readers()
    return articles.child_of(index) if index is not None else articles


def tags_with_counts(tag_model, articles) -> list:
    """Tags filed on at least one of `articles`, each with how many."""
    filed = Q(tagged_articles__content_object__in=articles.values("pk"))
    return list(
        tag_model.objects.annotate(
            article_count=Count("tagged_articles", filter=filed, distinct=True)
        )
        .filter(article_count__gt=0)
        .order_by("name")
    )


def knowledge_base_context(request, index) -> dict:
    articles = readable_articles(index)
    query = search_query(request.GET.get("q", ""))
    if query:
        words = search_words(query)
        results = articles.search(words) if words else articles.none()
        return {
            "query": query,
            "results": Paginator(results, ARTICLES_PER_PAGE).get_page(request.GET.get("page")),
        }
    context = {
        "query": "",
        "topics": tags_with_counts(TopicTag, articles),
        "substances": tags_with_counts(SubstanceTag, articles),
        "recently_reviewed": list(articles.for_list().recently_reviewed()[:LIST_LENGTH]),
        "most_helpful": list(articles.for_list().most_helpful()[:LIST_LENGTH]),
        "all_articles": Paginator(
            articles.for_list().order_by("title"), ARTICLES_PER_PAGE
        ).get_page(request.GET.get("page")),
        "is_peer_reviewer": is_peer_reviewer(request.user),
    }
    if context["is_peer_reviewer"]:
        due_by = timezone.now() + DUE_SOON
        context["due_for_review"] = list(
            ArticlePage.objects.child_of(index)
            .live()
            .for_list()
            .review_due(by=due_by)[:DUE_LIST_LENGTH]
        )
    return context


def article_context(request, article: ArticlePage) -> dict:
    is_reviewer = is_peer_reviewer(request.user)
    saved = article.pk is not None
    context = {
        # A page being previewed before its first save isn't in the tree yet.
        "index": (
            article.get_parent().specific
            if article.path
            else KnowledgeBaseIndexPage.objects.first()
        ),
        "credits": list(article.authors.select_related("author__member").all()),
        "sources": list(article.sources.all()),
        "topics": list(article.topics.all()),
        "substances": list(article.substances.all()),
        "reviewers": list(article.reviewed_by.select_related("author_profile")) if saved else [],
        "body_blocks": article.body_blocks(),
        "is_peer_reviewer": is_reviewer,
        "my_answer": (
            helpful_answer_of(article=article, member=request.user, session=request.session)
            if saved
            else None
        ),
    }
    # Reviewers who made a profile are named as they chose; the rest are counted.
    named = [
        reviewer
        for reviewer in context["reviewers"]
        if getattr(reviewer, "author_profile", None) is not None
        and (reviewer.author_profile.pseudonym or reviewer.author_profile.lived_experience)
    ]
    context.update(
        named_reviewers=named,
        unnamed_reviewers=len(context["reviewers"]) - len(named),
        any_lived_experience=any(credit.author.lived_experience for credit in context["credits"])
        or any(reviewer.author_profile.lived_experience for reviewer in named),
    )
    if is_reviewer and saved:
        context["helpful_counts"] = ArticleFeedback.objects.filter(article=article).aggregate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
        )
    return context


def articles_for_tag(*, index, kind: str, slug: str, page_number) -> dict:
    tag_model = TopicTag if kind == "topic" else SubstanceTag
    tag = tag_model.objects.filter(slug=slug).first()
    if tag is None:
        return {}
    articles = readable_articles(index).tagged(kind=kind, slug=slug).for_list().order_by("title")
    return {
        "tag": tag,
        "kind": kind,
        "articles": Paginator(articles, ARTICLES_PER_PAGE).get_page(page_number),
    }
