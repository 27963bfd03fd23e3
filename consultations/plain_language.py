"""How plain a draft's plain-language parts are: a reading-grade estimate of
the plain-language summary and each explainer, for the editor to show and
nudge about. Nothing is ever refused for its grade."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.readability import reading_grade

# Most adults read comfortably at this US school grade or below.
GRADE_TARGET = 8


@dataclass(frozen=True)
class GradedText:
    label: str
    grade: float | None

    @property
    def above_target(self) -> bool:
        return self.grade is not None and self.grade > GRADE_TARGET


def draft_reading_grades(draft) -> list[GradedText]:
    """The plain-language summary's grade, then each explainer's, in order."""
    graded = [GradedText(_("Plain-language summary"), reading_grade(draft.plain_summary or ""))]
    for section in draft.sections.all():
        if section.explainer.strip():
            graded.append(
                GradedText(
                    _("Explainer of “%(heading)s”") % {"heading": section.heading},
                    reading_grade(section.explainer),
                )
            )
    return graded
