"""One search across the site: knowledge-base articles, forum threads, policy
drafts open to the community's input, and pages.

Each kind is searched through its own index and its own visibility rules, and
only ids and a date come back; the one page of results shown is then loaded
whole, so a search costs the same however much it matches.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator

from wagtail.models import Page

from consultations.models import OrganizationSpacePage, PolicyDraftPage
from consultations.search import matching_drafts
from forum.models import Thread
from forum.search import matching_threads
from peerkb.models import ArticlePage, KnowledgeBaseIndexPage
from peerkb.search import matching_articles
from peerkb.search_text import search_words

RESULTS_PER_PAGE = 10
PLACES = ("all", "articles", "forum", "consultations", "pages")
MAX_PAGE_MATCHES = 300


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
        words = search_words(self.query)
        if not words:
            self.articles, self.threads, self.drafts, self.pages = [], [], [], []
            return
        private = Page.objects.private_q()
        articles, leading = matching_articles(words, private=private)
        self.articles = [Result("article", pk, when, leads=pk in leading) for pk, when in articles]
        threads = matching_threads(
            query=words, user=self.user, category=self.category, tag=self.tag
        )
        self.threads = [
            Result("thread", pk, when) for pk, when in threads.values_list("pk", "last_post_at")
        ]
        self.drafts = [
            Result("draft", pk, when) for pk, when in matching_drafts(words, private=private)
        ]
        pages = (
            Page.objects.live()
            .exclude(private)
            .not_type(ArticlePage, KnowledgeBaseIndexPage, PolicyDraftPage, OrganizationSpacePage)
            .only("pk", "last_published_at")
            .search(words)[:MAX_PAGE_MATCHES]
        )
        self.pages = [Result("page", page.pk, page.last_published_at) for page in pages]

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
        order, each with `search_kind` and `search_leads` set."""
        page = Paginator(self.ordered(where), RESULTS_PER_PAGE).get_page(number)
        page.object_list = _load(page.object_list, user=self.user)
        return page


def _load(results: list[Result], *, user) -> list:
    """The full objects for one page of results, in one query per kind."""
    wanted = {kind: [result.pk for result in results if result.kind == kind] for kind in LOADERS}
    loaded = {
        kind: LOADERS[kind](ids, user).in_bulk() if ids else {} for kind, ids in wanted.items()
    }
    items = []
    for result in results:
        item = loaded[result.kind].get(result.pk)
        if item is not None:
            item.search_kind, item.search_leads = result.kind, result.leads
            items.append(item)
    return items


LOADERS = {
    "article": lambda ids, user: ArticlePage.objects.filter(pk__in=ids).for_list(),
    "thread": lambda ids, user: Thread.objects.filter(pk__in=ids).for_list(user),
    "draft": lambda ids, user: PolicyDraftPage.objects.filter(pk__in=ids).for_list(),
    "page": lambda ids, user: Page.objects.filter(pk__in=ids).specific(),
}
