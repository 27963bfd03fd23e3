from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import default_texts

PLAIN_RICH_TEXT = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


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
    subpage_types = ["peerkb.StandardPage", "peerkb.OverdosePage"]
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
        """The steps and phone lines from the Safety setting, so searching for
        "xylazine" or "Narcan" finds this page. Re-indexed when the setting changes."""
        site = self.get_site()
        if site is None:
            return ""
        safety = SafetySettings.for_site(site)
        lines = " ".join(
            f"{line.value['name']} {line.value['description']}" for line in safety.crisis_lines
        )
        return f"{strip_tags(safety.overdose_text)} {lines}"


class CrisisLineBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=80)
    number = blocks.CharBlock(label=_("phone number"), max_length=40)
    hours = blocks.CharBlock(label=_("hours"), max_length=80, required=False)
    description = blocks.CharBlock(label=_("what it's for"), max_length=200, required=False)

    class Meta:
        icon = "mobile-alt"
        label = _("Phone line")


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """Numbers and words that must be right for where this site is used."""

    emergency_number = models.CharField(
        _("emergency number"),
        max_length=20,
        default="911",
        help_text=_("The number to call for an ambulance where this site's members live."),
    )
    crisis_lines = StreamField(
        [("line", CrisisLineBlock())],
        blank=True,
        default=default_texts.CRISIS_LINES,
        verbose_name=_("phone lines"),
        help_text=_(
            "Lines people can call: never-use-alone lines, crisis lines. "
            "They show on the overdose page."
        ),
    )
    quick_exit_url = models.URLField(
        _("quick exit goes to"),
        default="https://www.google.com/",
        help_text=_(
            "A neutral site the quick-exit button opens, "
            "so a glance at the screen gives nothing away."
        ),
    )
    overdose_text = RichTextField(
        _("overdose steps"),
        features=PLAIN_RICH_TEXT,
        default=default_texts.OVERDOSE_STEPS,
        help_text=_(
            "What to do after calling for help. Short steps, plain words. "
            "The emergency number is shown above these steps for you."
        ),
    )

    panels = [
        FieldPanel("emergency_number"),
        FieldPanel("crisis_lines"),
        FieldPanel("overdose_text"),
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = _("Safety")
