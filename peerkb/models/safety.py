"""The Safety setting: numbers and steps that must be right wherever the site is used."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from .. import default_texts

PLAIN_RICH_TEXT = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


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
    good_samaritan_text = RichTextField(
        _("calling for help and the law"),
        features=PLAIN_RICH_TEXT,
        blank=True,
        default=default_texts.GOOD_SAMARITAN,
        help_text=_(
            "A short, plain note on Good Samaritan laws where this site's members live: "
            "what they usually protect from and what they don't. It shows under the call "
            "button on the overdose page. Keep “This isn't legal advice.” Leave it empty "
            "to show nothing."
        ),
    )

    panels = [
        FieldPanel("emergency_number"),
        FieldPanel("good_samaritan_text"),
        FieldPanel("crisis_lines"),
        FieldPanel("overdose_text"),
        FieldPanel("quick_exit_url"),
    ]

    class Meta:
        verbose_name = _("Safety")
