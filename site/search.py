"""One search across the site: knowledge-base articles, forum threads, policy
drafts open to the community's input, and pages.

Each kind is searched through its own index and its own visibility rules, and
only ids and a date come back; the one page of results shown is then loaded
whole, so a search costs the same however much it matches.

The matches are kept in the cache for everyone who searches the same words
the same way with the same access (signed in or not), since searching every
index costs far more than showing a page: until anything searchable changes
(core.search_version), or for a minute at most. The page itself is always
loaded under the visibility rules of the moment, so nothing hidden,
unpublished or made private is shown, even by matches from before.
"""

from dataclasses import astuple, dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.crypto import salted_hmac

from wagtail.models import Page

from consultations.models import OrganizationSpacePage, PolicyDraftPage
from consultations.search import matching_drafts
from core.search_version import search_version
from forum.models import Thread
from forum.search import matching_threads
from peerkb.models import ArticlePage, KnowledgeBaseIndexPage
from peerkb.search import matching_articles
from peerkb.search_text import search_words

RESULTS_PER_PAGE = 10
PLACES = ("all", "articles", "forum", "consultations", "pages")
MAX_PAGE_MATCHES = 300
MATCHES_CACHE_SECONDS = 60


@dataclass
class Result:
    kind: str  # "article", "thread", "draft" or "page"
    pk: int
    when: datetime | None
    leads: bool = False  # an article under a topic or substance named exactly as searched


def _newest_first(results: list[Result]) -> list[Result]:
    return sorted(
        results, key=lambda result: result.when.timestamp() if result.when else 0, reverse=True
    )


@dataclass
class SiteSearch:
    query: str
    user: object
    category: object = None
    tag: str = ""

    def __post_init__(self):
        self.private = None
        self.articles, self.threads, self.drafts, self.pages = [], [], [], []
        words = search_words(self.query)
        if not words:
            return
        key = self._cache_key(words)
        found = cache.get(key)
        if found is None:
            found = self._find(words)
            cache.set(key, found, MATCHES_CACHE_SECONDS)
        self.articles, self.threads, self.drafts, self.pages = (
            [Result(*fields) for fields in results] for results in found
        )

    def _cache_key(self, words: str) -> str:
        """The same for everyone who may see the same matches. Keyed with the
        site's secret, so the cache never holds what someone searched for."""
        audience = "member" if self.user.is_authenticated else "visitor"
        category = str(self.category.pk) if self.category is not None else ""
        asked = "\n".join(
            [str(search_version()), words, audience, category, self.tag.strip().lower()]
        )
        return "search:matches:" + salted_hmac("site-search", asked).hexdigest()

    def _find(self, words: str) -> tuple[list[tuple], ...]:
        """Every index asked; each kind's matches as Result fields."""
        self.private = private = Page.objects.private_q()
        articles, leading = matching_articles(words, private=private)
        threads = matching_threads(
            query=words, user=self.user, category=self.category, tag=self.tag
        )
        pages = (
            Page.objects.live()
            .exclude(private)
            .not_type(ArticlePage, KnowledgeBaseIndexPage, PolicyDraftPage, OrganizationSpacePage)
            .only("pk", "last_published_at")
            .search(words)[:MAX_PAGE_MATCHES]
        )
        found = (
            [Result("article", pk, when, leads=pk in leading) for pk, when in articles],
            [Result("thread", pk, when) for pk, when in threads.values_list("pk", "last_post_at")],
            [Result("draft", pk, when) for pk, when in matching_drafts(words, private=private)],
            [Result("page", page.pk, page.last_published_at) for page in pages],
        )
        return tuple([astuple(result) for result in results] for results in found)

    @property
    def counts(self) -> dict[str, int]:
        counts = {
            "articles": len(self.articles),
            "forum": len(self.threads),
            "consultations": len(self.drafts),
            "pages": len(self.pages),
        }
        return {"all": sum(counts.values()), **counts}

    def ordered(self, where: str) -> list[Result]:
        """Articles keep their order (exact topic or substance first, then by
        relevance), threads by activity, drafts and pages by relevance. Everything
        together is newest first, except that the articles that lead stay first."""
        if where == "articles":
            return self.articles
        if where == "forum":
            return self.threads
        if where == "consultations":
            return self.drafts
        if where == "pages":
            return self.pages
        leading = [result for result in self.articles if result.leads]
        rest = [
            *(result for result in self.articles if not result.leads),
            *self.threads,
            *self.drafts,
            *self.pages,
        ]
        return leading + _newest_first(rest)

    def page(self, where: str, number):
        """One page of results: the articles, threads and pages themselves, in
        order, each with `search_kind` and `search_leads` set. Only what this
        person may read now is loaded, whatever the matches said."""
        page = Paginator(self.ordered(where), RESULTS_PER_PAGE).get_page(number)
        if self.private is None and any(result.kind != "thread" for result in page.object_list):
            self.private = Page.objects.private_q()
        page.object_list = _load(page.object_list, user=self.user, private=self.private)
        return page


def _load(results: list[Result], *, user, private) -> list:
    """The full objects for one page of results, in one query per kind."""
    wanted = {kind: [result.pk for result in results if result.kind == kind] for kind in LOADERS}
    loaded = {
        kind: LOADERS[kind](ids, user, private).in_bulk() if ids else {}
        for kind, ids in wanted.items()
    }
    items = []
    for result in results:
        item = loaded[result.kind].get(result.pk)
        if item is not None:
            item.search_kind, item.search_leads = result.kind, result.leads
            items.append(item)
    return items


LOADERS = {
    "article": lambda ids, user, private: (
        ArticlePage.objects.filter(pk__in=ids).for_readers(private=private).for_list()
    ),
    "thread": lambda ids, user, private: (
        Thread.objects.visible_to(user).filter(pk__in=ids).for_list()
    ),
    "draft": lambda ids, user, private: (
        PolicyDraftPage.objects.filter(pk__in=ids).exclude(private).for_list()
    ),
    "page": lambda ids, user, private: (
        Page.objects.live().exclude(private).filter(pk__in=ids).specific()
    ),
}
