"""Responding to a draft: a member's response, saved a section at a time and
submitted, and a response an outreach worker enters for someone who isn't a
member.

Every comment passes moderation's screened-write path: a blocked word is
refused beside its field with the text kept, a language nudge is shown before
anything is saved, and anything that looks identifying (a phone number, an
email or street address, a named person) is saved held for a peer moderator,
who sees it in the review queue. The writer is told why.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.roles import is_outreach_worker, is_peer_moderator
from core.text import clean_plain_text
from moderation.models import ModerationState
from moderation.screening import Screening, Verdict, screen
from moderation.services import flag_system, hold_record, items_close_for
from moderation.writing import may_write_check, write_screen

from ..models import (
    CommentPart,
    DraftSection,
    DraftStatus,
    PolicyDraftPage,
    Response,
    ResponseComment,
    SectionAnswer,
    SpeakingAs,
    Stance,
)
from ..models.responses import COMMENT_MAX_LENGTH
from ..named_people import NAMED_PERSON_REASON, names_a_person

# What write_screen counts these writes under. No trust level limits it: a
# response is one per member per draft, and saving a screen is not posting.
WRITE_ACTION = "consultation"


class AlreadyEntered(Exception):
    """The same filled-in outreach form was entered before: sent twice by a
    double tap, or again from the browser's history."""


@dataclass(frozen=True)
class SectionInput:
    """What someone said about one section. An empty stance leaves the
    section unanswered (or as it was); an empty comment or answer removes it."""

    section: DraftSection
    stance: str = ""
    comment: str = ""
    answer: str = ""


@dataclass
class ResponseSaved:
    """A saved response, and why any of its comments wait for a peer moderator."""

    response: Response
    held: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Words:
    """One comment to write: which part of the response, and the form field
    a refusal is shown beside."""

    section_key: uuid.UUID | None
    part: str
    body: str
    field: str


def section_field(number: int, part: str) -> str:
    """The form field for `part` ("stance", "comment", "answer") of the
    `number`th section, where a page holds every section (outreach entry)."""
    return f"section_{number}_{part}"


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def draft_open_check(draft: PolicyDraftPage) -> None:
    """Raise ValidationError unless `draft` takes responses today."""
    status = draft.status
    if status == DraftStatus.OPEN and draft.live:
        return
    if status == DraftStatus.UPCOMING:
        message = _("This consultation opens on %(day)s.") % {"day": _date(draft.opens_on)}
    else:
        message = _("This consultation closed on %(day)s, so responses can't be changed.") % {
            "day": _date(draft.closes_on)
        }
    raise ValidationError({NON_FIELD_ERRORS: message})


def _clean_words(body: str, field_name: str, errors: dict) -> str:
    body = clean_plain_text(body or "")
    if len(body) > COMMENT_MAX_LENGTH:
        errors[field_name] = [
            _("Keep this under %(max)d characters. It has %(count)d.")
            % {"max": COMMENT_MAX_LENGTH, "count": len(body)}
        ]
    return body


def _stance_check(stance: str, field_name: str, errors: dict) -> None:
    if stance and stance not in Stance.values:
        errors[field_name] = [_("Choose agree, disagree, unsure or skip.")]


def _speaking_as_clean(speaking_as: Iterable[str]) -> list[str]:
    chosen = set(speaking_as)
    if chosen - set(SpeakingAs.values):
        raise ValidationError({"speaking_as": _("Choose from the list.")})
    return [value for value in SpeakingAs.values if value in chosen]


def _comments_of(response: Response | None) -> dict[tuple, ResponseComment]:
    if response is None or response.pk is None:
        return {}
    return {
        (comment.section_key, comment.part): comment
        for comment in ResponseComment.objects.filter(response=response)
    }


def _changed(words: list[_Words], existing: dict[tuple, ResponseComment]) -> list[_Words]:
    """The comments whose text differs from what is saved: only these are
    screened, so a nudge already answered isn't asked again on every screen."""
    changed = []
    for write in words:
        saved = existing.get((write.section_key, write.part))
        if (saved.body if saved else "") != write.body:
            changed.append(write)
    return changed


def _unchangeable_check(changed: list[_Words], existing: dict, errors: dict) -> None:
    """What a peer moderator hid or removed stays as it is while it waits for
    them (deleting your own words is always allowed)."""
    for write in changed:
        saved = existing.get((write.section_key, write.part))
        if (
            saved is not None
            and write.body
            and saved.moderation_state
            in (
                ModerationState.HIDDEN,
                ModerationState.DELETED,
            )
        ):
            errors[write.field] = [
                _(
                    "A peer moderator is looking at this comment, so it can't be changed "
                    "now. You can clear the box to delete it."
                )
            ]


def _screen_words(
    *, author, changed: list[_Words], nudge_acknowledged: bool
) -> dict[str, Screening]:
    """The screened-write path over every changed comment at once (refusals
    beside their fields, nudges, may the author write at all), then each
    comment's own verdict, so only the comment that needs a look is held."""
    write_screen(
        author=author,
        action=WRITE_ACTION,
        fields={write.field: write.body for write in changed},
        nudge_acknowledged=nudge_acknowledged,
    )
    return {write.field: screen(write.body, author) for write in changed if write.body}


def _hold_reason(result: Screening, body: str) -> str:
    """Why a comment is held, or "" if it isn't: what screening holds, or a
    named person, which screening doesn't look for."""
    if result.verdict == Verdict.HOLD:
        return result.reason
    if names_a_person(body):
        return str(NAMED_PERSON_REASON)
    return ""


def _words_apply(
    response: Response,
    changed: list[_Words],
    existing: dict[tuple, ResponseComment],
    results: dict[str, Screening],
) -> list[str]:
    """Write the changed comments; return why any of them are held."""
    held: list[str] = []
    for write in changed:
        saved = existing.get((write.section_key, write.part))
        if not write.body:
            if saved is not None:
                items_close_for(saved, outcome=_("Deleted by its author"))
                saved.delete()
            continue
        result = results[write.field]
        reason = _hold_reason(result, write.body)
        comment = saved or ResponseComment(
            response=response, section_key=write.section_key, part=write.part
        )
        comment.body = write.body
        newly_held = bool(reason) and not comment.is_held
        if newly_held:
            comment.set_moderation_state(ModerationState.HELD, reason=reason)
        comment.save()
        if newly_held:
            # Whatever it matched, it is held for peer moderators alone: the
            # comment's author is private to them (see moderation_moderators_only).
            hold_record(content=comment, reason=reason, moderators_only=True)
        elif result.verdict == Verdict.FLAG and comment.is_visible:
            flag_system(content=comment, reason=result.reason)
        if comment.is_held:
            held.append(comment.moderation_reason or reason)
    return held


def _member_response(draft: PolicyDraftPage, member) -> Response:
    """The member's response to `draft`, created on their first save, and
    locked for the rest of the caller's transaction. Two tabs saving at once
    both get the one response (the database's one-per-member rule decides who
    creates it) and then take turns."""
    response, _created = Response.objects.get_or_create(draft=draft, respondent=member)
    return Response.objects.select_for_update().get(pk=response.pk)


def _write_words(
    *, author, response: Response, words: list[_Words], errors: dict, nudge_acknowledged: bool
) -> list[str]:
    """Screen and write the comments of `response`, which the caller has
    locked or just created; return why any are held."""
    existing = _comments_of(response)
    changed = _changed(words, existing)
    _unchangeable_check(changed, existing, errors)
    if errors:
        raise ValidationError(errors)
    results = _screen_words(author=author, changed=changed, nudge_acknowledged=nudge_acknowledged)
    return _words_apply(response, changed, existing, results)


def _answer_save(response: Response, section: DraftSection, stance: str) -> None:
    if stance:
        SectionAnswer.objects.update_or_create(
            response=response, section_key=section.key, defaults={"stance": stance}
        )


@transaction.atomic
def response_section_save(
    *,
    draft: PolicyDraftPage,
    member,
    section: DraftSection,
    stance: str,
    comment: str = "",
    answer: str = "",
    nudge_acknowledged: bool = False,
) -> ResponseSaved:
    """Save one section of `member`'s response: where they stand, their
    comment and their answer to the section's question. Creates the response
    on the first save. Raises WriteRefused (read-only, a blocked word: beside
    the field), ValidationError (closed, too long) or Nudge; nothing is saved
    unless everything can be."""
    may_write_check(member)
    draft_open_check(draft)
    if section.page_id != draft.pk:
        raise PermissionDenied(_("That section isn't part of this draft."))
    errors: dict[str, list[str]] = {}
    _stance_check(stance, "stance", errors)
    comment = _clean_words(comment, "comment", errors)
    answer = _clean_words(answer, "answer", errors)
    if not section.question:
        answer = ""
    words = [
        _Words(section.key, CommentPart.COMMENT, comment, "comment"),
        _Words(section.key, CommentPart.ANSWER, answer, "answer"),
    ]
    response = _member_response(draft, member)
    held = _write_words(
        author=member,
        response=response,
        words=words,
        errors=errors,
        nudge_acknowledged=nudge_acknowledged,
    )
    _answer_save(response, section, stance)
    response.save(update_fields=["updated_at"])
    return ResponseSaved(response, held)


@transaction.atomic
def response_finish(
    *,
    draft: PolicyDraftPage,
    member,
    overall: str,
    speaking_as: Iterable[str],
    quote_consent: bool,
    submit: bool,
    nudge_acknowledged: bool = False,
) -> ResponseSaved:
    """Save the last screen of `member`'s response (the overall comment, who
    they speak as, whether they may be quoted) and, with `submit`, count it.
    A response with no answer and no comment can't be submitted. A submitted
    response stays editable until the draft closes; it keeps the time it was
    first submitted."""
    may_write_check(member)
    draft_open_check(draft)
    errors: dict[str, list[str]] = {}
    overall = _clean_words(overall, "overall", errors)
    speaking_as = _speaking_as_clean(speaking_as)
    response = _member_response(draft, member)
    held = _write_words(
        author=member,
        response=response,
        words=[_Words(None, CommentPart.OVERALL, overall, "overall")],
        errors=errors,
        nudge_acknowledged=nudge_acknowledged,
    )
    if (
        submit
        and response.submitted_at is None
        and not response.answers.exists()
        and not response.comments.exists()
    ):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Answer at least one section before you submit.")}
        )
    response.speaking_as = speaking_as
    response.quote_consent = quote_consent
    if submit and response.submitted_at is None:
        response.submitted_at = timezone.now()
    response.save()
    return ResponseSaved(response, held)


@transaction.atomic
def outreach_entry_create(
    *,
    draft: PolicyDraftPage,
    worker,
    sections: list[SectionInput],
    overall: str = "",
    speaking_as: Iterable[str] = (),
    quote_consent: bool = False,
    consent_confirmed: bool,
    nudge_acknowledged: bool = False,
    public_id: str = "",
) -> ResponseSaved:
    """An outreach worker enters a response gathered in person or on paper,
    for someone who isn't a member: submitted at once, tied to no account,
    counted as entered by outreach. Its comments are screened like a
    member's, with the worker as the writer. Refusals are keyed by the
    fields of `section_field`, "overall", "speaking_as" and "consent_confirmed".

    `public_id` is the random id the site gave the form when it showed it
    (empty for a new one): the same form sent twice raises AlreadyEntered
    instead of counting one person twice, even when both arrive at once."""
    if not is_outreach_worker(worker):
        raise PermissionDenied(_("Only outreach workers can enter responses for others."))
    may_write_check(worker)
    draft_open_check(draft)
    errors: dict[str, list[str]] = {}
    if not consent_confirmed:
        errors["consent_confirmed"] = [
            _("Tick this to confirm the person agreed, and that this is what they said.")
        ]
    words: list[_Words] = []
    for number, given in enumerate(sections, start=1):
        if given.section.page_id != draft.pk:
            raise PermissionDenied(_("That section isn't part of this draft."))
        _stance_check(given.stance, section_field(number, "stance"), errors)
        comment_field = section_field(number, "comment")
        answer_field = section_field(number, "answer")
        words.append(
            _Words(
                given.section.key,
                CommentPart.COMMENT,
                _clean_words(given.comment, comment_field, errors),
                comment_field,
            )
        )
        if given.section.question:
            words.append(
                _Words(
                    given.section.key,
                    CommentPart.ANSWER,
                    _clean_words(given.answer, answer_field, errors),
                    answer_field,
                )
            )
    overall = _clean_words(overall, "overall", errors)
    words.append(_Words(None, CommentPart.OVERALL, overall, "overall"))
    speaking_as = _speaking_as_clean(speaking_as)
    if (
        not errors
        and not any(given.stance for given in sections)
        and not any(write.body for write in words)
    ):
        errors[NON_FIELD_ERRORS] = [_("Enter at least one answer or comment.")]
    if errors:
        raise ValidationError(errors)
    # Created first so the comments can point at it; a refusal or a nudge
    # below rolls it back with everything else.
    fields = {"public_id": public_id} if public_id else {}
    try:
        # The unique public id decides: a second insert of the same form
        # waits for the first to commit (or roll back) before it fails.
        with transaction.atomic():
            response = Response.objects.create(
                draft=draft,
                respondent=None,
                entered_by_outreach=True,
                entered_by=worker,
                speaking_as=speaking_as,
                quote_consent=quote_consent,
                submitted_at=timezone.now(),
                **fields,
            )
    except IntegrityError as duplicate:
        raise AlreadyEntered from duplicate
    held = _write_words(
        author=worker,
        response=response,
        words=words,
        errors=errors,
        nudge_acknowledged=nudge_acknowledged,
    )
    SectionAnswer.objects.bulk_create(
        SectionAnswer(response=response, section_key=given.section.key, stance=given.stance)
        for given in sections
        if given.stance
    )
    return ResponseSaved(response, held)


def comment_moderator_edit(comment: ResponseComment, *, editor, text: str) -> None:
    """A peer moderator's edit from the review queue (registered as the
    comment's moderation_edit): no screening; the log keeps the old words."""
    if not is_peer_moderator(editor):
        raise PermissionDenied(_("Only peer moderators can edit from the queue."))
    text = clean_plain_text(text)
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Keep this under %(max)d characters.") % {"max": COMMENT_MAX_LENGTH}}
        )
    if text != comment.body:
        comment.body = text
        comment.save(update_fields=["body", "updated_at"])
