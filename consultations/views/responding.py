"""A member's response to a draft, one section per screen.

/respond/ shows where they are (not started, started, submitted) and, once the
draft closes, what they said. /respond/?step=3 is the third section's screen;
/respond/?step=finish the last one. Every screen saves what is on it, whichever
button is pressed: Back, Next, "Save and finish later", Submit.
"""

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.markup import render_markdown
from moderation.write_views import ScreenedFormView
from moderation.writing import read_only_note

from ..models import (
    CommentPart,
    DraftStatus,
    Response,
    ResponseComment,
    SectionAnswer,
    SpeakingAs,
    Stance,
)
from ..response_forms import FinishForm, SectionForm
from ..services.responses import ResponseSaved, response_finish, response_section_save

FINISH = "finish"
STEP_NUMBER = re.compile(r"[0-9]{1,4}")
# The buttons at the foot of each screen, by the value they send as "go".
BACK, NEXT, LATER, SUBMIT = "back", "next", "later", "submit"


def day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


class DraftPageMixin:
    """A view behind one of a draft's routes: the page passes itself as `draft`."""

    @cached_property
    def draft(self):
        return self.kwargs["draft"]

    @cached_property
    def sections(self) -> list:
        return list(self.draft.sections.all())

    def draft_url(self) -> str:
        return self.draft.get_url(self.request)


def held_tell(request, saved: ResponseSaved, *, whose: str = "yours") -> None:
    """Tell the writer, on the page they land on, why a comment waits for a
    peer moderator."""
    for reason in dict.fromkeys(saved.held):
        if whose == "yours":
            text = _(
                "Saved. A peer moderator will read your comment before it can be shown "
                "anywhere. Why: %(reason)s"
            )
        else:
            text = _(
                "A peer moderator will read one of their comments before it can be shown "
                "anywhere. Why: %(reason)s"
            )
        messages.info(request, text % {"reason": reason})


def held_note(comment: ResponseComment) -> str:
    """What the writer reads beside a comment that waits for a peer moderator."""
    return _("Waiting for a peer moderator. Why: %(reason)s") % {
        "reason": comment.moderation_reason
    }


class RespondView(DraftPageMixin, ScreenedFormView):
    login_reason = gettext_lazy(
        "Log in to respond. A made-up name is enough, and the organization never sees it."
    )

    # ---- where the member is ------------------------------------------------

    @cached_property
    def step(self):
        """FINISH, a section's number (from 1), or None for the overview."""
        raw = self.request.GET.get("step", "")
        if raw == FINISH:
            return FINISH
        # ASCII digits only, and few: "²" counts as a digit to isdigit() and
        # int() refuses it, as it refuses a number thousands of digits long.
        if STEP_NUMBER.fullmatch(raw) and 1 <= int(raw) <= len(self.sections):
            return int(raw)
        return None

    @cached_property
    def section(self):
        return self.sections[self.step - 1] if isinstance(self.step, int) else None

    @cached_property
    def response(self) -> Response | None:
        return Response.objects.filter(draft=self.draft, respondent=self.request.user).first()

    @cached_property
    def answers(self) -> dict:
        if self.response is None:
            return {}
        return dict(
            SectionAnswer.objects.filter(response=self.response).values_list(
                "section_key", "stance"
            )
        )

    @cached_property
    def comments(self) -> dict:
        if self.response is None:
            return {}
        return {
            (comment.section_key, comment.part): comment
            for comment in ResponseComment.objects.filter(response=self.response)
        }

    def url(self, step=None) -> str:
        base = f"{self.draft_url()}respond/"
        return f"{base}?step={step}" if step is not None else base

    @property
    def go(self) -> str:
        sent = self.request.POST.get("go") or self.request.POST.get("go_after_nudge")
        return sent if sent in (BACK, NEXT, LATER, SUBMIT) else NEXT

    # ---- the request ----------------------------------------------------------

    def get(self, request, **kwargs):
        if self.step is None or not self.draft.is_open:
            return self.render_overview()
        return super().get(request, **kwargs)

    def post(self, request, **kwargs):
        if self.step is None:
            return redirect(self.url())
        if not self.draft.is_open:
            messages.error(request, _("This consultation isn't open, so nothing was saved."))
            return redirect(self.url())
        return super().post(request, **kwargs)

    # ---- one screen -------------------------------------------------------------

    @property
    def template_name(self) -> str:
        if self.step == FINISH:
            return "consultations/respond_finish.html"
        return "consultations/respond_section.html"

    def make_form(self, data=None):
        if self.step == FINISH:
            response = self.response
            overall = self.comments.get((None, CommentPart.OVERALL))
            return FinishForm(
                data,
                initial={
                    "overall": overall.body if overall else "",
                    "speaking_as": response.speaking_as if response else [],
                    "quote_consent": response.quote_consent if response else False,
                },
            )
        key = self.section.key
        comment = self.comments.get((key, CommentPart.COMMENT))
        answer = self.comments.get((key, CommentPart.ANSWER))
        return SectionForm(
            data,
            section=self.section,
            initial={
                "stance": self.answers.get(key, ""),
                "comment": comment.body if comment else "",
                "answer": answer.body if answer else "",
            },
        )

    def page_context(self) -> dict:
        context = {
            "draft": self.draft,
            "page": self.draft,
            "response": self.response,
            "total": len(self.sections),
            "respond_url": self.url(),
            "go": self.go if self.request.method == "POST" else NEXT,
            "send_as_written": _("Save as I wrote it"),
        }
        if self.step == FINISH:
            overall = self.comments.get((None, CommentPart.OVERALL))
            context.update(
                back_url=self.url(len(self.sections)),
                overall_held=held_note(overall) if overall and overall.is_held else "",
                submitted=self.response is not None and self.response.is_submitted,
            )
            return context
        key = self.section.key
        held = {
            part: held_note(comment)
            for (section_key, part), comment in self.comments.items()
            if section_key == key and comment.is_held
        }
        context.update(
            number=self.step,
            section=self.section,
            section_html=render_markdown(self.section.text),
            comment_held=held.get(CommentPart.COMMENT, ""),
            answer_held=held.get(CommentPart.ANSWER, ""),
            is_first=self.step == 1,
        )
        return context

    def save(self, form, *, nudge_acknowledged: bool) -> ResponseSaved:
        data = form.cleaned_data
        if self.step == FINISH:
            return response_finish(
                draft=self.draft,
                member=self.request.user,
                overall=data["overall"],
                speaking_as=data["speaking_as"],
                quote_consent=data["quote_consent"],
                submit=self.go == SUBMIT,
                nudge_acknowledged=nudge_acknowledged,
            )
        return response_section_save(
            draft=self.draft,
            member=self.request.user,
            section=self.section,
            stance=data["stance"],
            comment=data["comment"],
            answer=data.get("answer", ""),
            nudge_acknowledged=nudge_acknowledged,
        )

    def success_url(self, saved) -> str:
        count = len(self.sections)
        if self.go == LATER or self.go == SUBMIT:
            return self.url()
        if self.step == FINISH:
            return self.url(count) if self.go == BACK else self.url()
        if self.go == BACK:
            return self.url(self.step - 1) if self.step > 1 else self.url()
        return self.url(self.step + 1) if self.step < count else self.url(FINISH)

    def tell_saved(self, saved: ResponseSaved) -> None:
        held_tell(self.request, saved)
        closes = day(self.draft.closes_on)
        if self.go == SUBMIT:
            messages.success(
                self.request,
                _("Thank you. Your response is in. You can change it until %(day)s.")
                % {"day": closes},
            )
        elif self.go == LATER:
            messages.success(
                self.request,
                _("Saved. Come back and finish any time until %(day)s.") % {"day": closes},
            )

    # ---- the overview -----------------------------------------------------------

    def render_overview(self):
        user = self.request.user
        status = self.draft.status
        rows = []
        for number, section in enumerate(self.sections, start=1):
            comment = self.comments.get((section.key, CommentPart.COMMENT))
            answer = self.comments.get((section.key, CommentPart.ANSWER))
            stance = self.answers.get(section.key, "")
            rows.append(
                {
                    "number": number,
                    "section": section,
                    "stance": Stance(stance).label if stance else "",
                    "comment": comment,
                    "answer": answer,
                    "answered": bool(stance or comment or answer),
                    "url": self.url(number),
                }
            )
        answered = sum(row["answered"] for row in rows)
        next_step = next((row["number"] for row in rows if not row["answered"]), FINISH)
        context = {
            "draft": self.draft,
            "page": self.draft,
            "status": status,
            "is_open": status == DraftStatus.OPEN,
            "is_upcoming": status == DraftStatus.UPCOMING,
            "response": self.response,
            "rows": rows,
            "answered": answered,
            "total": len(rows),
            "overall": self.comments.get((None, CommentPart.OVERALL)),
            "speaking_as": self.speaking_as_labels(),
            "start_url": self.url(1),
            "continue_url": self.url(next_step),
            "finish_url": self.url(FINISH),
            "read_only_note": read_only_note(user) if user.is_silenced else "",
        }
        return render(self.request, "consultations/respond.html", context)

    def speaking_as_labels(self) -> list[str]:
        chosen = self.response.speaking_as if self.response else []
        return [label for value, label in SpeakingAs.choices if value in chosen]
