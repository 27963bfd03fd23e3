"""The knowledge base: its index at /kb/ and the articles peers write and review."""

import calendar
from collections.abc import Callable
from datetime import datetime, timedelta

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from accounts.roles import is_peer_reviewer
from moderation.models import ModerationSubject

from ..admin_forms import ArticlePageForm
from ..blocks import ArticleBodyBlock
from ..panels import ReviewStatusPanel
from ..search_text import search_query, search_words
from .contributions import ArticleFeedback
from .following import TopicFollow
from .snippets import SubstanceTag, TaggedSubstance, TaggedTopic, TopicTag

REVIEW_INTERVALS = [(6, _("Every 6 months")), (12, _("Every year")), (24, _("Every 2 years"))]
DEFAULT_REVIEW_MONTHS = 12
# The index answers these paths itself, so no article may take them as its slug.
RESERVED_SLUGS = frozenset({"topics", "substances", "propose", "search"})
LIST_LENGTH = 5
ARTICLES_PER_PAGE = 20
# Peer reviewers see what falls due in the next few weeks, so they can plan.
DUE_SOON = timedelta(days=30)
DUE_LIST_LENGTH = 10

# Members write from these pages (an idea, a suggested update, whether an
# article helped, following a topic) through views that sit above the models.
# PeerKBConfig.ready() hands them in by name with member_view_register, so no
# model imports a view.
MEMBER_VIEWS: dict[str, Callable] = {}


def member_view_register(name: str, view: Callable) -> None:
    MEMBER_VIEWS[name] = view


def months_later(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later; the 31st becomes the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def sources_rule_error(article) -> str:
    """Why `article` can't be published yet, or "". Articles with medical or dosing
    information need a source readers can check."""
    if not article.includes_medical_info:
        return ""
    if any(source.url for source in article.sources.all()):
        return ""
    return str(
        _(
            "This article includes medical or dosing information, so it needs at least one "
            "source before it can be published or approved. Add one under “Sources”."
        )
    )


class KnowledgeBaseIndexPage(RoutablePageMixin, Page):
    """/kb/: browse articles by topic and substance, search them, or propose one."""

    intro = models.CharField(
        _("introduction"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences above the lists."),
    )

    max_count = 1
    parent_page_types = ["peerkb.HomePage"]
    subpage_types = ["peerkb.ArticlePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("knowledge base")

    def get_articles(self):
        """The articles here that readers may read."""
        return ArticlePage.objects.for_readers().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.get_articles()
        page_number = request.GET.get("page")
        if query := search_query(request.GET.get("q", "")):
            words = search_words(query)
            results = articles.search(words) if words else articles.none()
            context.update(
                query=query, results=Paginator(results, ARTICLES_PER_PAGE).get_page(page_number)
            )
            return context
        # Marked in the same query as the list, so a member's own topics cost nothing extra.
        followed = (
            Exists(TopicFollow.objects.filter(member=request.user, topic=OuterRef("pk")))
            if request.user.is_authenticated
            else Value(False)
        )
        topics = TopicTag.objects.annotate(followed=followed).filed_on(articles)
        context.update(
            query="",
            topics=topics,
            substances=SubstanceTag.objects.filed_on(articles),
            recently_reviewed=list(articles.for_list().recently_reviewed()[:LIST_LENGTH]),
            most_helpful=list(articles.for_list().most_helpful()[:LIST_LENGTH]),
            all_articles=Paginator(
                articles.for_list().order_by("title"), ARTICLES_PER_PAGE
            ).get_page(page_number),
            is_peer_reviewer=is_peer_reviewer(request.user),
            followed_topics=[topic for topic in topics if topic.followed],
        )
        if context["is_peer_reviewer"]:
            context["due_for_review"] = self.get_due_for_review()
        return context

    def get_due_for_review(self) -> list:
        """Live articles here that fall due for a check soon; those that went live
        without peer review come first."""
        due_by = timezone.now() + DUE_SOON
        return list(
            ArticlePage.objects.child_of(self)
            .live()
            .for_list()
            .review_due(by=due_by)[:DUE_LIST_LENGTH]
        )

    def tag_page(self, request, *, kind: str, slug: str):
        tag_model = TopicTag if kind == "topic" else SubstanceTag
        tag = tag_model.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        articles = self.get_articles().tagged(kind=kind, slug=slug).for_list().order_by("title")
        context = {
            "page": self,
            "self": self,
            "tag": tag,
            "kind": kind,
            "articles": Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page")),
            "following": kind == "topic"
            and TopicFollow.objects.follows(member=request.user, topic=tag),
        }
        return TemplateResponse(request, "peerkb/articles_by_tag.html", context)

    @path("topics/<slug:slug>/")
    def topic(self, request, slug):
        return self.tag_page(request, kind="topic", slug=slug)

    @path("topics/<slug:slug>/follow/")
    def topic_follow(self, request, slug):
        return MEMBER_VIEWS["follow"](request, index_page=self, slug=slug)

    @path("substances/<slug:slug>/")
    def substance(self, request, slug):
        return self.tag_page(request, kind="substance", slug=slug)

    @path("propose/")
    def propose(self, request):
        return MEMBER_VIEWS["propose"](request, index_page=self)


class ArticleQuerySet(PageQuerySet):
    def for_readers(self, *, private: Q | None = None):
        """Live and not behind a view restriction. `private` is
        Page.objects.private_q(), for callers that already worked it out (it
        costs a query each time)."""
        return self.live().exclude(self.private_q() if private is None else private)

    def for_list(self):
        """What an article list shows, without a query per article."""
        return self.only(
            "id",
            "title",
            "slug",
            "url_path",
            "summary",
            "last_reviewed_at",
            "review_due_at",
            "published_without_review_at",
            "last_published_at",
            "depth",
            "path",
            "locale_id",
            "content_type_id",
        )

    def with_helpful_counts(self):
        return self.annotate(
            helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
            helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
        )

    def recently_reviewed(self):
        return self.filter(last_reviewed_at__isnull=False).order_by("-last_reviewed_at", "pk")

    def most_helpful(self):
        return (
            self.with_helpful_counts()
            .filter(helpful_yes__gt=0)
            .order_by("-helpful_yes", "helpful_no", "title")
        )

    def review_due(self, *, by: datetime):
        """Due for a check by `by`; anything that went live without peer review
        is due already, and comes first."""
        return self.filter(
            Q(review_due_at__lte=by) | Q(published_without_review_at__isnull=False)
        ).order_by(F("published_without_review_at").desc(nulls_last=True), "review_due_at", "pk")

    def tagged(self, *, kind: str, slug: str):
        field = "tagged_topics__tag__slug" if kind == "topic" else "tagged_substances__tag__slug"
        return self.filter(**{field: slug})


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticlePage(RoutablePageMixin, ModerationSubject, Page):
    """An article written by peers, checked by two other peers before it goes live."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two plain sentences, up to 300 characters. Readers see it in lists and "
            "search results."
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("article"))
    includes_medical_info = models.BooleanField(
        _("includes medical or dosing information"),
        default=False,
        help_text=_(
            "Tick this if the article says anything about doses, drug effects, health or "
            "treatment. It then needs at least one source before it can be published."
        ),
    )
    substances = ClusterTaggableManager(
        through=TaggedSubstance,
        blank=True,
        verbose_name=_("substances"),
        help_text=_(
            "Pick from the list peer moderators keep. Ask one of them to add a missing one."
        ),
        related_name="articles_by_substance",
    )
    topics = ClusterTaggableManager(
        through=TaggedTopic,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("Any topics readers might look for, e.g. overdose prevention, naloxone."),
        related_name="articles_by_topic",
    )
    review_every_months = models.PositiveSmallIntegerField(
        _("check it again"),
        choices=REVIEW_INTERVALS,
        default=DEFAULT_REVIEW_MONTHS,
        help_text=_("When this comes around, the article goes back to peer reviewers to check."),
    )
    editor_notes = models.TextField(
        _("notes for authors"),
        blank=True,
        help_text=_("Never shown to readers: where an idea came from, what is left to do."),
    )
    # Set by the peer-review workflow and the review queue, never by the form.
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, editable=False)
    reviewed_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="articles_reviewed", editable=False
    )
    reviewed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        help_text=_("The version the peers checked."),
    )
    review_due_at = models.DateTimeField(_("review due"), null=True, editable=False, db_index=True)
    published_without_review_at = models.DateTimeField(null=True, editable=False)

    objects = ArticleManager()

    parent_page_types = ["peerkb.KnowledgeBaseIndexPage"]
    subpage_types = []
    base_form_class = ArticlePageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("includes_medical_info"), InlinePanel("sources", label=_("Source"))],
            heading=_("Sources"),
        ),
    ]
    credit_panels = [
        InlinePanel(
            "authors",
            label=_("Peer author"),
            heading=_("Peer authors"),
            help_text=_("Leave this empty to be credited with your own peer author profile."),
        ),
        FieldPanel("topics"),
        FieldPanel("substances"),
    ]
    review_panels = [
        ReviewStatusPanel(heading=_("Peer review")),
        FieldPanel("review_every_months"),
        FieldPanel("editor_notes"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Article")),
            ObjectList(credit_panels, heading=_("Credits and tags")),
            ObjectList(review_panels, heading=_("Review")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            # Page.settings_panels carries the editor's comments.
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=3)]),
        index.RelatedFields("substances", [index.SearchField("name", boost=3)]),
        index.FilterField("review_due_at"),
    ]

    # Review state belongs to the article as a whole, not to one version of it:
    # publishing a version written before the last review must not roll it back.
    REVIEW_STATE_FIELDS = (
        "last_reviewed_at",
        "reviewed_revision_id",
        "review_due_at",
        "published_without_review_at",
    )

    class Meta:
        verbose_name = _("article")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the knowledge base itself.")
                    % {"slug": self.slug}
                }
            )

    def publish(self, revision, *args, **kwargs):
        """Every way of going live passes here: the editor's form says so
        earlier and more kindly, this keeps a script or a scheduled publish
        from putting medical claims without a source in front of readers."""
        if error := sources_rule_error(revision.as_object()):
            raise ValidationError({"includes_medical_info": error})
        return super().publish(revision, *args, **kwargs)

    def save(self, *args, **kwargs):
        self.review_due_at = self.review_due_for(self.last_reviewed_at, self.review_every_months)
        return super().save(*args, **kwargs)

    @staticmethod
    def review_due_for(last_reviewed_at: datetime | None, months: int) -> datetime | None:
        return months_later(last_reviewed_at, months) if last_reviewed_at else None

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for field in self.REVIEW_STATE_FIELDS:
            setattr(page, field, getattr(self, field))
        return page

    def get_absolute_url(self) -> str:
        return self.url or ""

    def moderation_log_reference(self, user) -> tuple[str, str]:
        """How the moderation log names this article: by its title, linked while it is live."""
        return self.title, (self.url or "") if self.live else ""

    def moderation_html(self) -> str:
        """What a decision's page shows about this article: its title and summary."""
        return format_html("<p><strong>{}</strong></p><p>{}</p>", self.title, self.summary)

    @property
    def moderation_decision_link(self) -> tuple[str, str] | None:
        """Where the peer author a draft was started for goes next: the editor."""
        if self.live:
            return str(_("Read the article")), self.url or ""
        return str(_("Open the draft in the editor")), reverse(
            "wagtailadmin_pages:edit", args=[self.pk]
        )

    @property
    def review_is_overdue(self) -> bool:
        return self.review_due_at is not None and self.review_due_at <= timezone.now()

    def body_blocks(self) -> list:
        """The body's blocks, each heading with a unique anchor for linking to its section."""
        used: set[str] = set()
        blocks = []
        for block in self.body:
            anchor = ""
            if block.block_type == "heading":
                base = slugify(block.value)[:60] or "section"
                anchor, number = base, 2
                while anchor in used:
                    anchor, number = f"{base}-{number}", number + 1
                used.add(anchor)
            blocks.append((block, anchor))
        return blocks

    def section_headings(self) -> list[str]:
        return [str(block.value) for block in self.body if block.block_type == "heading"]

    def screening_text(self) -> str:
        """Everything a reader reads, for the language nudges in the editor."""
        searchable = self.body.stream_block.get_searchable_content(self.body)
        return "\n".join([self.title, self.summary, *(str(text) for text in searchable)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        is_reviewer = is_peer_reviewer(request.user)
        saved = self.pk is not None
        credits = list(self.authors.select_related("author__member").all())
        reviewers = list(self.reviewed_by.select_related("author_profile")) if saved else []
        context.update(
            # A page being previewed before its first save isn't in the tree yet.
            index=(
                self.get_parent().specific if self.path else KnowledgeBaseIndexPage.objects.first()
            ),
            credits=credits,
            sources=list(self.sources.all()),
            topics=list(self.topics.all()),
            substances=list(self.substances.all()),
            reviewers=reviewers,
            body_blocks=self.body_blocks(),
            is_peer_reviewer=is_reviewer,
            my_answer=(
                ArticleFeedback.objects.answer_of(
                    article=self, member=request.user, session=request.session
                )
                if saved
                else None
            ),
        )
        # Reviewers who made a profile are named as they chose; the rest are counted.
        named = [
            reviewer
            for reviewer in reviewers
            if getattr(reviewer, "author_profile", None) is not None
            and (reviewer.author_profile.pseudonym or reviewer.author_profile.lived_experience)
        ]
        context.update(
            named_reviewers=named,
            unnamed_reviewers=len(reviewers) - len(named),
            any_lived_experience=any(credit.author.lived_experience for credit in credits)
            or any(reviewer.author_profile.lived_experience for reviewer in named),
        )
        if is_reviewer and saved:
            context["helpful_counts"] = ArticleFeedback.objects.filter(article=self).aggregate(
                yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
            )
        return context

    @path("suggest/")
    def suggest(self, request):
        return MEMBER_VIEWS["suggest"](request, article=self)

    @path("helpful/")
    def helpful(self, request):
        return MEMBER_VIEWS["helpful"](request, self)


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "peerkb.AuthorProfile",
        on_delete=models.PROTECT,
        related_name="credits",
        verbose_name=_("peer author"),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("peer author")


class ArticleSource(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Who published it and what it is, e.g. “CDC: Preventing opioid overdose”."),
    )
    url = models.URLField(_("web address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
