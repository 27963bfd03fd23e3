"""The pieces a peer author builds an article from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text inside an article: no headings (those are their own block, so a
# suggestion can point at a section) and no embeds or images from elsewhere.
ARTICLE_RICH_TEXT = ["bold", "italic", "ol", "ul", "link"]
# The one size an article image is shown at: wide enough for a phone held
# sideways, small enough for prepaid data.
ARTICLE_IMAGE_FILTER = "max-720x720"


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads every image in an article, with the rendition the page shows, in
    two queries however many images the article has."""

    def bulk_to_python(self, values):
        images = self.model_class.objects.prefetch_renditions(ARTICLE_IMAGE_FILTER).in_bulk(
            [value for value in values if value is not None]
        )
        return [images.get(value) for value in values]


class SafetyTipBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=80,
        help_text=_("Optional, e.g. “Test every new batch”."),
    )
    text = blocks.RichTextBlock(label=_("tip"), features=ARTICLE_RICH_TEXT)

    class Meta:
        icon = "tick-inverse"
        label = _("Safety tip")
        template = "peerkb/blocks/safety_tip.html"


class IfItGoesWrongBlock(blocks.StructBlock):
    """What to do right away. The site's standard words for an overdose are
    written once, in the block's template, with the emergency number from the
    Safety setting; an article shows them by ticking `standard_text`."""

    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=80, default=_("If it goes wrong")
    )
    standard_text = blocks.BooleanBlock(
        label=_("start with the site's overdose steps"),
        required=False,
        default=False,
        help_text=_(
            "Shows the site's standard words for an overdose first: call the emergency "
            "number, give naloxone, rescue breaths, roll them onto their side, stay with them."
        ),
    )
    text = blocks.RichTextBlock(
        label=_("what to do"),
        required=False,
        features=ARTICLE_RICH_TEXT,
        help_text=_(
            "What to do right away, or what to add to the overdose steps. The site adds "
            "the emergency number and a link to the overdose steps below this."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("standard_text") and not value.get("text").source.strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "text": ValidationError(
                        _("Say what to do, or tick “start with the site's overdose steps”.")
                    )
                }
            )
        return value

    class Meta:
        icon = "warning"
        label = _("If it goes wrong")
        template = "peerkb/blocks/if_it_goes_wrong.html"


class StepsBlock(blocks.StructBlock):
    intro = blocks.CharBlock(label=_("before the steps"), required=False, max_length=200)
    steps = blocks.ListBlock(
        blocks.CharBlock(label=_("step"), max_length=400), label=_("steps"), min_num=1
    )

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "peerkb/blocks/steps.html"


class LivedExperienceQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=800)
    attribution = blocks.CharBlock(
        label=_("who said it"),
        required=False,
        max_length=60,
        help_text=_("A pseudonym, or leave it empty to credit “a peer”. Never a real name."),
    )

    class Meta:
        icon = "openquote"
        label = _("Lived-experience quote")
        template = "peerkb/blocks/quote.html"


class ArticleImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_(
            "Say what the picture shows for someone who can't see it, "
            "e.g. “A test strip with two lines”."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "peerkb/blocks/image.html"


class ContentWarningBlock(blocks.StructBlock):
    warning = blocks.CharBlock(
        label=_("warning"),
        max_length=60,
        help_text=_("What readers are warned about, e.g. “Overdose” or “Death and grief”."),
    )
    text = blocks.RichTextBlock(label=_("text"), features=ARTICLE_RICH_TEXT)

    class Meta:
        icon = "view"
        label = _("Content-warning section")
        template = "peerkb/blocks/content_warning.html"


class ArticleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Table")
        template = "peerkb/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        icon="title",
        template="peerkb/blocks/heading.html",
        help_text=_("Starts a section. Members can point an update suggestion at it."),
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=ARTICLE_RICH_TEXT, icon="pilcrow"
    )
    safety_tip = SafetyTipBlock()
    if_it_goes_wrong = IfItGoesWrongBlock()
    steps = StepsBlock()
    quote = LivedExperienceQuoteBlock()
    image = ArticleImageBlock()
    table = ArticleTableBlock()
    content_warning = ContentWarningBlock()
