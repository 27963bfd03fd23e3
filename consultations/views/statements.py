"""Statements on a draft's page: what its sections show, and marking one."""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ..models import ResponseComment, StatementVote, VoteChoice
from ..response_forms import StatementVoteForm
from ..services.statements import statement_vote_cast


@dataclass
class DraftStatements:
    """What the statements under every section need, worked out once per page."""

    by_section: dict = field(default_factory=dict)
    voting_open: bool = False
    signed_in: bool = False
    can_vote: bool = False
    can_flag: bool = False
    vote_url: str = ""
    login_url: str = ""
    choices: list = field(default_factory=lambda: VoteChoice.choices)


def statements_context(request, draft) -> dict:
    """The draft's statements by section key, each marked with the viewer's
    own vote and whether it is theirs: two queries whatever the page holds
    (one for a visitor)."""
    if draft.pk is None:
        # A new draft in the editor's preview has no responses yet.
        return {"draft_statements": DraftStatements()}
    user = request.user
    signed_in = user.is_authenticated
    statements = list(ResponseComment.objects.statements_of(draft))
    votes = {}
    if signed_in and statements:
        votes = dict(
            StatementVote.objects.filter(voter=user, comment__response__draft=draft).values_list(
                "comment_id", "choice"
            )
        )
    labels = dict(VoteChoice.choices)
    by_section = defaultdict(list)
    for statement in statements:
        statement.is_mine = signed_in and statement.response.respondent_id == user.pk
        statement.my_vote = votes.get(statement.pk, "")
        statement.my_vote_label = labels.get(statement.my_vote, "")
        by_section[statement.section_key].append(statement)
    draft_url = draft.get_url(request)
    voting_open = draft.is_open
    writes = signed_in and not user.is_silenced
    return {
        "draft_statements": DraftStatements(
            by_section=dict(by_section),
            voting_open=voting_open,
            signed_in=signed_in,
            can_vote=voting_open and writes,
            can_flag=writes,
            vote_url=f"{draft_url}statements/",
            login_url=f"{resolve_url(settings.LOGIN_URL)}?next={quote(draft_url)}",
        )
    }


class StatementVoteView(LoginRequiredMixin, View):
    """A mark on one statement, from the small form under it. Answers with
    the draft's page at that statement, where the mark now shows."""

    login_reason = gettext_lazy("Log in to mark statements. A made-up name is enough to join.")

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            messages.info(self.request, self.login_reason)
        return super().handle_no_permission()

    def back(self, draft, comment_id):
        return redirect(f"{draft.get_url(self.request)}#statement-{comment_id}")

    def get(self, request, *, draft, comment_id):
        return self.back(draft, comment_id)

    def post(self, request, *, draft, comment_id):
        comment = get_object_or_404(
            ResponseComment.objects.filter(response__draft=draft), pk=comment_id
        )
        form = StatementVoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose agree, disagree or pass."))
            return self.back(draft, comment.pk)
        try:
            statement_vote_cast(
                comment=comment, voter=request.user, choice=form.cleaned_data["choice"]
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        return self.back(draft, comment.pk)
