"""The structured part of an experience report: when, the test, the doses."""

from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .threads import Thread


class TestedResult(models.TextChoices):
    NOT_TESTED = "not_tested", _("Not tested")
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive")
    UNCLEAR = "unclear", _("Unclear")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    RATHER_NOT_SAY = "", _("Rather not say")


class ExperienceReport(models.Model):
    """The structured part of an experience report. Never a place, never a date
    finer than the month."""

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="report")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    body_weight_kg = models.PositiveSmallIntegerField(_("body weight (kg)"), null=True, blank=True)
    test_method = models.CharField(
        _("how it was tested"),
        max_length=80,
        blank=True,
        help_text=_("For example: fentanyl strip, reagent kit, drug checking service."),
    )
    test_result = models.CharField(
        _("test result"),
        max_length=12,
        choices=TestedResult.choices,
        default=TestedResult.NOT_TESTED,
    )
    used_alone = models.CharField(_("used alone?"), max_length=3, choices=YesNo.choices, blank=True)
    naloxone_needed = models.CharField(
        _("naloxone needed?"), max_length=3, choices=YesNo.choices, blank=True
    )
    setting = models.CharField(
        _("setting"),
        max_length=200,
        blank=True,
        help_text=_("The kind of place and mood, e.g. at home with a friend. Never an address."),
    )
    would_do_differently = models.TextField(
        _("what I'd do differently"), max_length=2000, blank=True
    )

    def __str__(self) -> str:
        return f"Report for {self.thread}"

    @property
    def month_name(self) -> str:
        return date_format(date(2000, self.month, 1), "F") if self.month else ""


class DoseUnit(models.TextChoices):
    MG = "mg", "mg"
    G = "g", "g"
    UG = "ug", "µg"
    ML = "ml", "ml"
    TABS = "tabs", _("tabs or pills")
    OTHER = "other", _("other")


class Route(models.TextChoices):
    SWALLOWED = "oral", _("Swallowed")
    SNORTED = "snorted", _("Snorted")
    SMOKED = "smoked", _("Smoked")
    INJECTED = "injected", _("Injected")
    UNDER_TONGUE = "sublingual", _("Under the tongue")
    RECTAL = "rectal", _("Boofed (rectal)")
    OTHER = "other", _("Other")


class SubstanceDose(models.Model):
    report = models.ForeignKey(ExperienceReport, on_delete=models.CASCADE, related_name="doses")
    order = models.PositiveSmallIntegerField(default=0)
    substance = models.CharField(_("substance"), max_length=80)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=5, choices=DoseUnit.choices, blank=True)
    route = models.CharField(_("route"), max_length=10, choices=Route.choices, blank=True)
    minutes_in = models.PositiveIntegerField(
        _("minutes in"), default=0, help_text=_("Time since the first dose, in minutes.")
    )

    class Meta:
        ordering = ["order", "minutes_in"]

    def __str__(self) -> str:
        return f"{self.substance} {self.amount or ''}{self.unit}"
