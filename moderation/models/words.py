from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block: refuse the post and say why")
    HOLD = "hold", _("Hold for review")
    FLAG = "flag", _("Flag: post it, and add it to the review queue")
    NUDGE = "nudge", _("Nudge: suggest another word; the author may post anyway")


class WordCategory(models.TextChoices):
    SOURCING = "sourcing", _("Sourcing or selling")
    IDENTIFYING = "identifying", _("Identifying details")
    STIGMATISING = "stigmatising", _("Stigmatizing language")
    OTHER = "other", _("Other")


class WordMatchKind(models.TextChoices):
    WORDS = "words", _("Word or phrase")
    PHONE_NUMBER = "phone_number", _("Any phone number")
    EMAIL_ADDRESS = "email_address", _("Any email address")
    STREET_ADDRESS = "street_address", _("Any street address")
    PRICE_PER_GRAM = "price_per_gram", _("Any price per gram")
    SOURCING = "sourcing", _("Any offer or request to buy or sell drugs")


class WatchedWord(models.Model):
    """A word, phrase or built-in detector that screening watches for."""

    match_kind = models.CharField(
        _("what to look for"),
        max_length=16,
        choices=WordMatchKind.choices,
        default=WordMatchKind.WORDS,
        help_text=_(
            "A word or phrase you type below, or one of the built-in detectors, which "
            "find any phone number, email address, street address, price per gram, or "
            "offer or request to buy or sell drugs."
        ),
    )
    pattern = models.CharField(
        _("word or phrase"),
        max_length=100,
        blank=True,
        help_text=_(
            "Matched as whole words, ignoring case and look-alike letters. Use * for "
            "“any letters”: “junk*” matches junkie and junkies. Leave empty for a detector."
        ),
    )
    action = models.CharField(_("action"), max_length=8, choices=WordAction.choices)
    category = models.CharField(
        _("category"), max_length=14, choices=WordCategory.choices, default=WordCategory.OTHER
    )
    suggestion = models.CharField(
        _("suggested alternative"),
        max_length=200,
        blank=True,
        help_text=_("For nudges: the words to use instead, e.g. “person who uses drugs”."),
    )
    explanation = models.CharField(
        _("why"),
        max_length=200,
        help_text=_("One plain sentence the author sees, e.g. why a word can hurt."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("match_kind"),
        FieldPanel("pattern"),
        FieldPanel("action"),
        FieldPanel("category"),
        FieldPanel("suggestion"),
        FieldPanel("explanation"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["category", "pattern"]
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")

    def __str__(self) -> str:
        if self.match_kind == WordMatchKind.WORDS:
            return self.pattern
        return str(self.get_match_kind_display())

    def clean(self):
        pattern = " ".join(self.pattern.split())
        if self.match_kind == WordMatchKind.WORDS:
            if not pattern.replace("*", "").strip():
                raise ValidationError({"pattern": _("Type the word or phrase to watch for.")})
            if "**" in pattern:
                raise ValidationError({"pattern": _("Use a single * for “any letters”.")})
            if pattern.count("*") > 3:
                raise ValidationError({"pattern": _("Use at most three * in one pattern.")})
        else:
            pattern = ""
        self.pattern = pattern
        if self.category == WordCategory.STIGMATISING and self.action != WordAction.NUDGE:
            raise ValidationError(
                {
                    "action": _(
                        "Stigmatizing words get a nudge, never a block or hold: people may "
                        "describe themselves however they like."
                    )
                }
            )
        if self.action == WordAction.NUDGE and not self.suggestion.strip():
            raise ValidationError(
                {"suggestion": _("A nudge needs a suggestion the author can use instead.")}
            )
