"""Finding articles, for the knowledge base and the site's search page."""

import re
from datetime import datetime

from django.db.models import Q
from django.utils.text import slugify

from core.text import clean_plain_text

from .models import ArticlePage, SubstanceTag, TopicTag

# How many matches the site search takes from the article index.
MAX_MATCHES = 300
SEARCH_QUERY_MAX_LENGTH = 200
WORD = re.compile(r"\w+")


def search_query(raw: str) -> str:
    """What was typed in a search box, to show back: plain text without control
    characters, and no longer than anyone types."""
    return " ".join(clean_plain_text(raw).split())[:SEARCH_QUERY_MAX_LENGTH]


def search_words(query: str) -> str:
    """The words of a query, which is all a search backend is given: a NUL
    ends a string in SQLite's full-text search (and PostgreSQL refuses it), a
    stray quote breaks its syntax, and no index keeps punctuation anyway."""
    return " ".join(WORD.findall(query))


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
