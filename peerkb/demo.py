"""Demo content for the knowledge base, for development only (`manage.py load_demo`)."""

from datetime import timedelta

from django.utils import timezone

from .contributions import helpful_vote_record, proposal_create, suggestion_create
from .models import ArticlePage, ArticleProposal, ArticleSuggestion, KnowledgeBaseIndexPage
from .review import articles_review_due_queue
from .seeding import article_build, articles_seed_load, seed_authors_ensure

DRAFT_SLUG = "xylazine-wounds"
DRAFT_BODY = [
    {"type": "heading", "value": "What the wounds look like"},
    {
        "type": "paragraph",
        "value": (
            "<p>Xylazine can cause sores that start small and get worse fast, sometimes away "
            "from where you injected. Smoking or snorting doesn't always prevent them.</p>"
        ),
    },
    {
        "type": "safety_tip",
        "value": {
            "title": "Keep it covered",
            "text": "<p>Wash the sore gently, keep it moist and covered, and change the "
            "dressing every day. A syringe program can give you supplies.</p>",
        },
    },
]
SUGGESTION = (
    "fentanyl-test-strips",
    "Could this say how long to wait before reading the strip? I always forget.",
)
PROPOSAL = {
    "title": "Using stimulants more safely at festivals",
    "outline": "Water and breaks, testing, going with friends, what to do if someone overheats.",
    "why": "I go to a few every summer and the same questions come up every time.",
}


def _draft_in_review(author, index) -> None:
    """A short draft by the demo author, waiting for the demo reviewers."""
    if ArticlePage.objects.filter(slug=DRAFT_SLUG).exists():
        return
    draft = article_build(
        title="Xylazine wounds: what to watch for",
        slug=DRAFT_SLUG,
        summary="Xylazine can cause wounds that need care early. What to look for and what helps.",
        body=DRAFT_BODY,
        author=seed_authors_ensure({"dee": author})["dee"],
        includes_medical_info=True,
        sources=[
            (
                "CDC: What you should know about xylazine",
                "https://www.cdc.gov/overdose-prevention/about/what-you-should-know-about-xylazine.html",
            )
        ],
        substances=["Xylazine"],
    )
    index.add_child(instance=draft)
    draft.save_revision(user=author)
    draft.get_workflow().start(draft, author)


def knowledge_base_demo_load(
    *, member, author=None, reviewer=None, second_reviewer=None, trusted=None, **others
) -> None:
    """Idempotent. Seed articles credited to the demo peer author and reviewed by
    the demo reviewers, and one of each kind of knowledge-base queue item."""
    reviewers = [person for person in (reviewer, second_reviewer) if person is not None]
    articles_seed_load(reviewers=reviewers, members={"dee": author} if author else None)
    index = KnowledgeBaseIndexPage.objects.first()
    if author is not None:
        _draft_in_review(author, index)

    # One article whose yearly check has come round.
    overdue = ArticlePage.objects.filter(slug="start-low-go-slow").first()
    if overdue is not None and not overdue.review_is_overdue:
        long_ago = timezone.now() - timedelta(days=400)
        ArticlePage.objects.filter(pk=overdue.pk).update(
            last_reviewed_at=long_ago,
            review_due_at=ArticlePage.review_due_for(long_ago, overdue.review_every_months),
        )
    articles_review_due_queue()

    slug, text = SUGGESTION
    article = ArticlePage.objects.live().filter(slug=slug).first()
    if article is not None and not ArticleSuggestion.objects.filter(article=article).exists():
        suggestion_create(article=article, member=member, text=text, nudge_acknowledged=True)
    if not ArticleProposal.objects.filter(title=PROPOSAL["title"]).exists():
        proposal_create(member=member, **PROPOSAL, nudge_acknowledged=True)

    helpful = ["naloxone", "dont-use-alone", "fentanyl-test-strips"]
    for person in (member, trusted, reviewer):
        if person is None:
            continue
        for article in ArticlePage.objects.live().filter(slug__in=helpful):
            helpful_vote_record(article=article, helpful=True, member=person, session={})
