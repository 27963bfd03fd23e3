"""An editor panel for the organization and the peer moderator doing the
community check: how plain the plain-language parts read, and words that can
feel judging to the people the draft is for. Advice only."""

from wagtail.admin.panels import Panel

from moderation.screening import screen

from .plain_language import GRADE_TARGET, draft_reading_grades


class PlainLanguagePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/plain_language.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            draft = self.instance
            context["target"] = GRADE_TARGET
            context["is_new"] = draft.pk is None and not draft.plain_summary
            context["grades"] = draft_reading_grades(draft)
            nudges = screen(draft.screening_text(), self.request.user).nudges
            context["nudges"] = {match.found: match.suggestion for match in nudges}
            return context
