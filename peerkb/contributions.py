"""Writes from members who never open the admin: whether an article helped,
suggested updates, and ideas for new articles. Views call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.roles import is_peer_moderator
from core.text import clean_plain_text
from moderation.models import REASON_MAX_LENGTH, ActionKind
from moderation.models.decisions import ActorRole
from moderation.screening import Screening, Verdict
from moderation.services import action_record, queue_item_close, queue_item_open
from moderation.writing import write_allowed_check, write_screen

from . import queue
from .models import (
    ArticleAuthor,
    ArticleFeedback,
    ArticlePage,
    ArticleProposal,
    ArticleSuggestion,
    AuthorProfile,
    KnowledgeBaseIndexPage,
    ProposalStatus,
)
from .models.contributions import (
    PROPOSAL_OUTLINE_MAX_LENGTH,
    PROPOSAL_TITLE_MAX_LENGTH,
    PROPOSAL_WHY_MAX_LENGTH,
    SESSION_FEEDBACK_KEY,
    SUGGESTION_MAX_LENGTH,
    SUGGESTION_NOTE_MAX_LENGTH,
)
from .models.knowledge_base import RESERVED_SLUGS

# ---- was this helpful? --------------------------------------------------


@transaction.atomic
def helpful_vote_record(*, article: ArticlePage, helpful: bool, member, session) -> ArticleFeedback:
    """One answer per member per article, or per browser session for visitors;
    answering again changes the answer. Nothing identifies a visitor but the
    session they already have."""
    if member is not None and member.is_authenticated:
        feedback, _created = ArticleFeedback.objects.update_or_create(
            article=article, member=member, defaults={"helpful": helpful}
        )
        return feedback
    answered = dict(session.get(SESSION_FEEDBACK_KEY, {}))
    feedback = None
    if str(article.pk) in answered:
        feedback = ArticleFeedback.objects.filter(
            pk=answered[str(article.pk)], article=article, member__isnull=True
        ).first()
    if feedback is None:
        feedback = ArticleFeedback.objects.create(article=article, helpful=helpful)
    elif feedback.helpful != helpful:
        feedback.helpful = helpful
        feedback.save(update_fields=["helpful", "updated_at"])
    answered[str(article.pk)] = feedback.pk
    session[SESSION_FEEDBACK_KEY] = answered
    return feedback


# ---- screening what members write --------------------------------------


def _clean_text(text: str, *, field: str, max_length: int, empty_message: str) -> str:
    text = clean_plain_text(text)
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("Keep this under %(max)s characters. It has %(count)s.")
                % {"max": f"{max_length:,}", "count": f"{len(text):,}"}
            }
        )
    return text


def _clean_fields(fields: dict[str, tuple[str, int, str]]) -> dict[str, str]:
    """Clean several fields at once, so every problem is shown together."""
    cleaned, errors = {}, {}
    for field, (text, max_length, empty_message) in fields.items():
        try:
            cleaned[field] = _clean_text(
                text, field=field, max_length=max_length, empty_message=empty_message
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _queue_summary(base: str, screening: Screening) -> str:
    if screening.verdict in (Verdict.HOLD, Verdict.FLAG) and screening.reason:
        return f"{base} ({_('screening')}: {screening.reason})"
    return base


def _open_item(*, kind: str, subject, member, summary: str, screening: Screening):
    item = queue_item_open(kind=kind, subject=subject, member=member, summary=summary)
    if screening.identifies or screening.verdict == Verdict.HOLD:
        # It may identify someone: only peer moderators read it.
        item.moderators_only = True
        item.save(update_fields=["moderators_only"])
    return item


# ---- suggested updates --------------------------------------------------


@transaction.atomic
def suggestion_create(
    *,
    article: ArticlePage,
    member,
    text: str,
    section: str = "",
    nudge_acknowledged: bool = False,
) -> ArticleSuggestion:
    """A member suggests an update to a live article. It is screened like a
    post, then waits in the review queue for a peer reviewer."""
    # Refuse a member who can't write before reading what they wrote.
    write_allowed_check(member, "suggestion")
    text = _clean_text(
        text,
        field="text",
        max_length=SUGGESTION_MAX_LENGTH,
        empty_message=_("Say what should change, and why if you can."),
    )
    section = clean_plain_text(section)
    if section and section not in article.section_headings():
        raise ValidationError({"section": _("Pick a section from the list.")})
    screening = write_screen(
        author=member,
        action="suggestion",
        fields={"text": text},
        nudge_acknowledged=nudge_acknowledged,
    )
    suggestion = ArticleSuggestion.objects.create(
        article=article, member=member, section=section, text=text
    )
    _open_item(
        kind=queue.SUGGESTION.key,
        subject=suggestion,
        member=member,
        summary=_queue_summary(
            _("Update suggested for “%(title)s”") % {"title": article.title}, screening
        ),
        screening=screening,
    )
    return suggestion


@transaction.atomic
def suggestion_close(*, suggestion: ArticleSuggestion, reviewer, item, note: str) -> None:
    """A peer reviewer dealt with a suggestion: made the change, or found it not
    needed. Their note goes to the member who suggested it."""
    note = " ".join(clean_plain_text(note).split())
    if not note:
        raise ValidationError({"note": _("Say in a few words what you did.")})
    if len(note) > SUGGESTION_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Keep the note under %(max)d characters.")
                % {"max": SUGGESTION_NOTE_MAX_LENGTH}
            }
        )
    if not item.is_open:
        raise ValidationError(_("Someone already dealt with this item."))
    action_record(
        action=ActionKind.SUGGESTION_CLOSED,
        actor=reviewer,
        role=ActorRole.REVIEWER,
        reason=note,
        target=suggestion,
        target_user=suggestion.member,
        item=item,
    )
    queue_item_close(item=item, by=reviewer, outcome=note)


# ---- ideas for new articles ---------------------------------------------


@transaction.atomic
def proposal_create(
    *, member, title: str, outline: str, why: str, nudge_acknowledged: bool = False
) -> ArticleProposal:
    """A member proposes an article. A peer moderator accepts or declines it."""
    write_allowed_check(member, "proposal")
    fields = _clean_fields(
        {
            "title": (
                " ".join(clean_plain_text(title).split()),
                PROPOSAL_TITLE_MAX_LENGTH,
                _("Give the article a working title."),
            ),
            "outline": (
                outline,
                PROPOSAL_OUTLINE_MAX_LENGTH,
                _("Write a few lines about what the article would cover."),
            ),
            "why": (
                why,
                PROPOSAL_WHY_MAX_LENGTH,
                _("Say why it matters, or what experience it comes from."),
            ),
        }
    )
    screening = write_screen(
        author=member, action="proposal", fields=fields, nudge_acknowledged=nudge_acknowledged
    )
    proposal = ArticleProposal.objects.create(member=member, **fields)
    _open_item(
        kind=queue.PROPOSAL.key,
        subject=proposal,
        member=member,
        summary=_queue_summary(
            _("Idea for an article: “%(title)s”") % {"title": proposal.title}, screening
        ),
        screening=screening,
    )
    return proposal


def _decidable(proposal: ArticleProposal, item, moderator) -> ArticleProposal:
    if not is_peer_moderator(moderator):
        raise PermissionDenied(_("Only peer moderators can accept or decline ideas."))
    proposal = ArticleProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.OPEN or not item.is_open:
        raise ValidationError(_("Someone already decided on this idea."))
    return proposal


def _unique_slug(index: KnowledgeBaseIndexPage, title: str) -> str:
    base = slugify(title)[:60] or "article"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, number = f"{base}-{number}", number + 1
    return slug


# The draft doesn't copy the member's words: the Review tab shows the idea
# while it exists, so erasing the account takes them away from the draft too.
DRAFT_NOTE = "Started from a member's idea. Its outline and why it matters are on the Review tab."
DRAFT_BODY = "<p>Write the article here.</p>"


@transaction.atomic
def proposal_accept(
    *, proposal: ArticleProposal, moderator, author: AuthorProfile, item
) -> ArticlePage:
    """Start a draft from the idea, credited to `author` and owned by them; the
    idea shows on the draft's Review tab. The member who proposed it and the
    peer author are both told."""
    proposal = _decidable(proposal, item, moderator)
    if author.member is None:
        raise ValidationError({"author": _("Choose a peer author who has an account.")})
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        raise ValidationError(_("The knowledge base page is missing. Run setup_site first."))
    draft = ArticlePage(
        title=proposal.title,
        slug=_unique_slug(index, proposal.title),
        summary=_("A new article: %(title)s") % {"title": proposal.title},
        body=[{"type": "paragraph", "value": DRAFT_BODY}],
        editor_notes=DRAFT_NOTE,
        owner=author.member,
        live=False,
    )
    draft.authors.add(ArticleAuthor(author=author, sort_order=0))
    index.add_child(instance=draft)
    draft.save_revision(user=author.member, log_action=True)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.draft = draft
    proposal.save(update_fields=["status", "draft"])
    action_record(
        action=ActionKind.PROPOSAL_ACCEPTED,
        actor=moderator,
        reason=_("A draft was started for a peer author."),
        target=proposal,
        target_user=proposal.member,
        item=item,
    )
    action_record(
        action=ActionKind.ARTICLE_ASSIGNED,
        actor=moderator,
        reason=_("A draft of “%(title)s” is waiting for you in the editor.")
        % {"title": draft.title},
        target=draft,
        target_user=author.member,
        item=item,
    )
    queue_item_close(item=item, by=moderator, outcome=_("Accepted: draft started"))
    return draft


@transaction.atomic
def proposal_decline(*, proposal: ArticleProposal, moderator, item, reason: str) -> None:
    """Decline an idea, with a reason the member who proposed it reads."""
    proposal = _decidable(proposal, item, moderator)
    reason = " ".join(clean_plain_text(reason).split())
    if not reason:
        raise ValidationError({"reason": _("Give a reason. The member who proposed it sees it.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX_LENGTH}}
        )
    proposal.status = ProposalStatus.DECLINED
    proposal.save(update_fields=["status"])
    action_record(
        action=ActionKind.PROPOSAL_DECLINED,
        actor=moderator,
        reason=reason,
        target=proposal,
        target_user=proposal.member,
        item=item,
    )
    queue_item_close(item=item, by=moderator, outcome=_("Declined"))
