"""Finding articles for the site's search page. The knowledge base's own search
box searches its index page's articles (KnowledgeBaseIndexPage.get_context)."""

from datetime import datetime

from django.db.models import Q
from django.utils.text import slugify

from .models import ArticlePage, SubstanceTag, TopicTag

# How many matches the site search takes from the article index.
MAX_MATCHES = 300

TAG_FIELDS = (("tagged_topics__tag", TopicTag), ("tagged_substances__tag", SubstanceTag))


def exact_tag_match(query: str) -> Q | None:
    """Articles filed under a topic or substance named exactly `query`."""
    name = " ".join(query.split())
    slug = slugify(name)
    if not slug:
        return None
    matches = Q()
    for field, model in TAG_FIELDS:
        tag_ids = model.objects.filter(Q(name__iexact=name) | Q(slug=slug)).values("pk")
        matches |= Q(**{f"{field}__in": tag_ids})
    return matches


def matching_articles(
    query: str, *, private: Q | None = None
) -> tuple[list[tuple[int, datetime]], set[int]]:
    """(id, when published) of live articles that match, best first, and the ids
    that lead because a topic or substance has exactly the name searched for.

    `private` is Page.objects.private_q(), for callers that already worked it out."""
    readable = ArticlePage.objects.for_readers(private=private)
    leading: dict[int, datetime] = {}
    if (tagged := exact_tag_match(query)) is not None:
        rows = readable.filter(tagged).order_by("title").values_list("pk", "last_published_at")
        leading = dict(rows)
    found = readable.only("pk", "last_published_at").search(query)[:MAX_MATCHES]
    found = [(hit.pk, hit.last_published_at) for hit in found]
    # Among the articles that lead, the best match comes first too.
    ranked = [pair for pair in found if pair[0] in leading]
    ranked_ids = {pk for pk, _when in ranked}
    ranked += [(pk, when) for pk, when in leading.items() if pk not in ranked_ids]
    rest = [pair for pair in found if pair[0] not in leading]
    return ranked + rest, set(leading)
