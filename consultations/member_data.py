"""What consultations hold about a member, for their data download, and what
erasing them keeps: only anonymous stances, counted in the totals."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Response, ResponseComment

CONSULTATIONS_MEMBER_DATA = {
    "exported": {
        "consultations.Response.respondent": "consultation_responses",
    },
    "excluded": {
        "consultations.Response.entered_by": _(
            "Responses you entered as an outreach worker belong to the people who gave them."
        ),
        "consultations.StatementVote.voter": _(
            "How you marked other people's statements counts only in totals."
        ),
        "consultations.Organization.verified_by": _(
            "Verifying an organization is a moderator's decision, kept in the moderation log."
        ),
        "consultations.OrganizationRequest.member": _(
            "Your requests to act for an organization are on the organization page you asked from."
        ),
        "consultations.OrganizationRequest.decided_by": _(
            "A moderator's decision on someone else's request is theirs."
        ),
        "consultations.HeardReport.published_by": _(
            "A report is the organization's; who published it is not part of your data."
        ),
    },
}


def consultations_export(user) -> dict:
    responses = (
        Response.objects.filter(respondent=user)
        .select_related("draft")
        .prefetch_related("answers", "comments")
    )
    return {
        "consultation_responses": [
            {
                "draft": response.draft.title,
                "speaking_as": response.speaking_as,
                "may_quote_without_name": response.quote_consent,
                "submitted": response.submitted_at.strftime("%Y-%m-%d")
                if response.submitted_at
                else "",
                "stances": [answer.stance for answer in response.answers.all()],
                "comments": [
                    {"part": comment.part, "text": comment.body}
                    for comment in response.comments.all()
                ],
            }
            for response in responses
        ]
    }


@transaction.atomic
def consultations_erase(user) -> None:
    """Before an account is deleted: the words in its responses (comments,
    answers, statements) and its speaking-as tags are deleted; a submitted
    response stays only as anonymous stances, so the totals the organization
    already read don't change. Unfinished responses are deleted whole."""
    responses = Response.objects.filter(respondent=user)
    responses.filter(submitted_at__isnull=True).delete()
    # One by one, so their flags go with them and the search index forgets them.
    for comment in ResponseComment.objects.filter(response__respondent=user):
        comment.delete()
    responses.update(respondent=None, speaking_as=[], quote_consent=False)
