"""Marking statements: a signed-in member says agree, disagree or pass on a
comment shown under its section, once each, and may change their mind while
the draft is open."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from moderation.writing import may_write_check

from ..models import ResponseComment, StatementVote, VoteChoice
from .responses import draft_open_check


@transaction.atomic
def statement_vote_cast(*, comment: ResponseComment, voter, choice: str) -> StatementVote:
    """Record `voter`'s mark on `comment`, replacing any earlier one. Raises
    WriteRefused (signed out, read-only, suspended) or ValidationError: not a
    statement now, the draft isn't open, their own statement, an unknown choice."""
    may_write_check(voter)
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose agree, disagree or pass.")})
    statement = (
        ResponseComment.objects.statements()
        .select_related("response__draft")
        .filter(pk=comment.pk)
        .first()
    )
    if statement is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This statement isn't shown any more, so it can't be marked.")}
        )
    draft_open_check(statement.response.draft)
    if statement.response.respondent_id == voter.pk:
        raise ValidationError({NON_FIELD_ERRORS: _("You can't mark your own statement.")})
    vote, _created = StatementVote.objects.update_or_create(
        comment=statement, voter=voter, defaults={"choice": choice}
    )
    return vote
