"""Who writes the knowledge base, and the two vocabularies articles are filed under."""

from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

PSEUDONYM_MAX_LENGTH = 60
LIVED_EXPERIENCE_MAX_LENGTH = 300


class AuthorProfileQuerySet(models.QuerySet):
    def for_member(self, member) -> "AuthorProfile":
        """The member's peer author profile, made (credited as “a peer”) if they have none."""
        profile, _created = self.get_or_create(member=member)
        return profile


class AuthorProfile(index.Indexed, models.Model):
    """How a peer is credited on the articles they write or review, in their own words."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        editable=False,
    )
    pseudonym = models.CharField(
        _("name on articles"),
        max_length=PSEUDONYM_MAX_LENGTH,
        blank=True,
        help_text=_(
            "The name readers see. It doesn't have to be your forum handle. "
            "Leave it empty to be credited as “a peer”."
        ),
    )
    lived_experience = models.CharField(
        _("your lived experience"),
        max_length=LIVED_EXPERIENCE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "In your own words, as much or as little as you like, e.g. “Has used opioids for "
            "twelve years; peer worker since 2019.” Leave out anything that could identify you."
        ),
    )
    show_handle = models.BooleanField(
        _("link to my forum profile"),
        default=False,
        help_text=_("Off by default: readers can't tell which forum member wrote the article."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuthorProfileQuerySet.as_manager()

    panels = [FieldPanel("pseudonym"), FieldPanel("lived_experience"), FieldPanel("show_handle")]
    search_fields = [
        index.SearchField("pseudonym"),
        index.AutocompleteField("pseudonym"),
        index.SearchField("lived_experience"),
    ]

    class Meta:
        ordering = ["pseudonym", "pk"]
        verbose_name = _("peer author profile")
        verbose_name_plural = _("peer author profiles")
        constraints = [
            # Readers tell peers apart by name, so no two can share one.
            models.UniqueConstraint(
                Lower("pseudonym"),
                condition=~models.Q(pseudonym=""),
                name="peerkb_pseudonym_unique",
                violation_error_message=_(
                    "Another peer already uses that name. Pick another, or leave it empty "
                    "to be credited as “a peer”."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> str:
        return self.pseudonym or _("a peer")

    @property
    def handle_url(self) -> str:
        """The forum profile, only when the author chose to link it."""
        if self.show_handle and self.member is not None:
            return self.member.get_absolute_url()
        return ""


class TagQuerySet(models.QuerySet):
    def filed_on(self, articles) -> list:
        """Tags filed on at least one of `articles`, each with how many."""
        filed = models.Q(tagged_articles__content_object__in=articles.values("pk"))
        return list(
            self.annotate(
                article_count=models.Count("tagged_articles", filter=filed, distinct=True)
            )
            .filter(article_count__gt=0)
            .order_by("name")
        )


class TopicTagQuerySet(TagQuerySet):
    def followed_by(self, member):
        """The topics `member` follows, by name; none for a visitor."""
        if not member.is_authenticated:
            return self.none()
        return self.filter(follows__member=member).order_by("name")


class SubstanceTag(TagBase):
    """The curated list of substances. Peer moderators keep it; authors pick from it."""

    free_tagging = False

    objects = TagQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("substance")
        verbose_name_plural = _("substances")


class TopicTag(TagBase):
    """Free topics: authors add new ones as they write."""

    objects = TopicTagQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class TaggedSubstance(ItemBase):
    tag = models.ForeignKey(SubstanceTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "peerkb.ArticlePage", on_delete=models.CASCADE, related_name="tagged_substances"
    )


class TaggedTopic(ItemBase):
    tag = models.ForeignKey(TopicTag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "peerkb.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )
