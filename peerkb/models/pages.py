"""The site's pages: home, the plain pages every page links to, and the knowledge base."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .safety import PLAIN_RICH_TEXT, SafetySettings


class HomePage(Page):
    """The front page. Later parts of the site add their own sections to it."""

    intro = RichTextField(
        _("introduction"),
        features=PLAIN_RICH_TEXT,
        blank=True,
        help_text=_(
            "A few short sentences that welcome people. Plain words, no jargon, no judgment."
        ),
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "peerkb.StandardPage",
        "peerkb.OverdosePage",
        "peerkb.KnowledgeBaseIndexPage",
        "consultations.ConsultationIndexPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Other parts of the site add sections (latest threads, articles, open
        # consultations) with a "home_page_sections" hook: a function taking the
        # request and returning {"template": ..., ...} or None.
        sections = (hook(request) for hook in hooks.get_hooks("home_page_sections"))
        context["home_sections"] = [section for section in sections if section]
        return context


class StandardPage(Page):
    """A plain page: the community guidelines, the privacy promise, about."""

    intro = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = RichTextField(_("body"), features=PLAIN_RICH_TEXT, blank=True)

    parent_page_types = ["peerkb.HomePage", "peerkb.StandardPage"]
    subpage_types = ["peerkb.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class OverdosePage(Page):
    """/overdose/: what to do right now. Every page links here."""

    intro = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One calm sentence above the steps."),
    )

    max_count = 1
    parent_page_types = ["peerkb.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        HelpPanel(
            content=_(
                "The steps, the emergency number and the phone lines on this page come from "
                "Settings → Safety, so they stay the same everywhere they appear. "
                "Keep the slug “overdose”: every page links to /overdose/."
            )
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("safety_text_for_search"),
    ]

    class Meta:
        verbose_name = _("overdose page")

    def safety_text_for_search(self) -> str:
        """The steps, the note on the law and the phone lines from the Safety
        setting, so searching for "xylazine", "Narcan" or "Good Samaritan" finds
        this page. Re-indexed when the setting changes."""
        site = self.get_site()
        if site is None:
            return ""
        safety = SafetySettings.for_site(site)
        lines = " ".join(
            f"{line.value['name']} {line.value['description']}" for line in safety.crisis_lines
        )
        good_samaritan = strip_tags(safety.good_samaritan_text)
        return f"{strip_tags(safety.overdose_text)} {good_samaritan} {lines}"
