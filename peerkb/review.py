"""Peer review of articles: who may approve, counting approvals, and recording
each review on the article. The workflow task and the review queue call these."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.log_actions import log
from wagtail.models import Revision, TaskState

from accounts.roles import is_peer_moderator
from moderation.models import ActionKind, ModerationAction, QueueItem
from moderation.models.decisions import ActorRole
from moderation.services import action_record, queue_item_close, queue_item_open

from . import queue
from .models import (
    ArticlePage,
    ArticleProposal,
    AuthorProfile,
    PeerApproval,
    PeerReviewTask,
    sources_rule_error,
)
from .permissions import author_member_ids, can_mark_reviewed

# What a save records besides the article: Wagtail's bookkeeping, the review
# dates, and reviewers' comments. Versions that differ only in these read the
# same, so saving one (an autosave, a save with no edits) changes nothing.
NOT_CONTENT = frozenset(
    {
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "last_reviewed_at",
        "review_due_at",
        "reviewed_revision",
        "published_without_review_at",
        "wagtail_admin_comments",
    }
)


def article_content(revision) -> dict:
    """What readers would read in `revision`, and who is credited for it."""
    return {key: value for key, value in revision.content.items() if key not in NOT_CONTENT}


def _newest_first(revisions):
    return revisions.order_by("-created_at", "-pk")


def same_version_ids(revision) -> list[int]:
    """`revision` and the saves just before it that changed nothing: an approval
    of any of them is an approval of this version."""
    ids = [revision.pk]
    content = article_content(revision)
    earlier = Revision.objects.filter(
        base_content_type_id=revision.base_content_type_id,
        object_id=revision.object_id,
        created_at__lt=revision.created_at,
    ).only("pk", "content")
    for older in _newest_first(earlier).iterator(chunk_size=20):
        if article_content(older) != content:
            break
        ids.append(older.pk)
    return ids


def version_approvals(*, task_state, revision):
    """The approvals counted for the version `revision` holds."""
    return PeerApproval.objects.filter(
        task_state=task_state, revision_id__in=same_version_ids(revision)
    )


def _unpublished_revisions(page: ArticlePage):
    """The versions saved since the one readers have (all of them, for a new article)."""
    revisions = page.revisions.all()
    if page.live_revision is not None:
        revisions = revisions.filter(created_at__gt=page.live_revision.created_at)
    return revisions


def _who_changed_it(page: ArticlePage) -> tuple[set[int], set[int]]:
    """The members who saved a change since the live version, and the author
    profiles credited on any of those versions or on the live one. Saving a
    version that changes nothing makes no one a writer."""
    changed_by: set[int] = set()
    credited: set[int] = set()
    previous = page.live_revision
    if previous is not None:
        changed_by.add(previous.user_id)
        credited |= {credit.get("author") for credit in previous.content.get("authors", [])}
    revisions = _unpublished_revisions(page).only("user_id", "content", "created_at")
    for revision in reversed(list(_newest_first(revisions))):
        if previous is None or article_content(revision) != article_content(previous):
            changed_by.add(revision.user_id)
        credited |= {credit.get("author") for credit in revision.content.get("authors", [])}
        previous = revision
    changed_by.discard(None)
    return changed_by, credited - {None}


def writer_ids(*, page: ArticlePage, draft, task_state) -> set[int]:
    """Everyone with a hand in what is under review: whoever owns it or sent it
    in, changed it since the live version, or is credited on any of those
    versions or on the live one. Taking one's name off a draft, or editing and
    approving in the same breath, doesn't make anyone a second pair of eyes."""
    changed_by, credited = _who_changed_it(page)
    ids = author_member_ids(draft) | {task_state.workflow_state.requested_by_id} | changed_by
    ids |= set(AuthorProfile.objects.filter(pk__in=credited).values_list("member_id", flat=True))
    ids.discard(None)
    return ids


def _writer_reason(*, page: ArticlePage, draft, task_state, reviewer) -> str:
    """Why `reviewer` counts as a writer of what is under review, or ""."""
    if reviewer.pk in author_member_ids(draft) or reviewer.pk == (
        task_state.workflow_state.requested_by_id
    ):
        return _("You wrote or sent in this article, so two other peers need to approve it.")
    changed_by, credited = _who_changed_it(page)
    if reviewer.pk in changed_by:
        return _(
            "You changed this version, so two other peers need to approve it. "
            "Your changes are saved."
        )
    if AuthorProfile.objects.filter(pk__in=credited, member=reviewer).exists():
        return _(
            "You are credited on this article or an earlier version of it, "
            "so two other peers need to approve it."
        )
    return ""


def _approval_problem(*, task, task_state, page, draft, revision, reviewer) -> str:
    """Why `reviewer` can't approve this version, or ""."""
    if not (reviewer.is_authenticated and task._user_in_groups(reviewer)):
        return _("Only peer reviewers can approve articles.")
    reason = _writer_reason(page=page, draft=draft, task_state=task_state, reviewer=reviewer)
    if reason:
        return reason
    if (
        version_approvals(task_state=task_state, revision=revision)
        .filter(reviewer=reviewer)
        .exists()
    ):
        return _("You already approved this version. It needs another peer's approval.")
    return sources_rule_error(draft)


def review_actions_for(*, task: PeerReviewTask, article, user) -> list[tuple[str, str, bool]]:
    """The workflow buttons `user` sees in the editor: none for authors; no
    approve for a version they approved already or one that breaks the sources rule."""
    if not (user.is_authenticated and task._user_in_groups(user)):
        return []
    page = ArticlePage.objects.get(pk=article.pk)
    task_state = page.current_workflow_task_state
    if task_state is None:
        return []
    revision = page.get_latest_revision()
    draft = revision.as_object()
    if user.pk in writer_ids(page=page, draft=draft, task_state=task_state):
        return []
    actions = [("reject", _("Request changes"), True)]
    if not _approval_problem(
        task=task, task_state=task_state, page=page, draft=draft, revision=revision, reviewer=user
    ):
        actions += [("approve", _("Approve"), False), ("approve", _("Approve with comment"), True)]
    return actions


def approval_blocked_for(*, article, user) -> str:
    """Why a peer reviewer can't approve the version under review, in words for
    the editor; "" when they can, or when approving isn't theirs to do at all."""
    page = ArticlePage.objects.get(pk=article.pk)
    task_state = page.current_workflow_task_state
    if task_state is None or not user.is_authenticated:
        return ""
    task = task_state.task.specific
    if not isinstance(task, PeerReviewTask) or not task._user_in_groups(user):
        return ""
    revision = page.get_latest_revision()
    return _approval_problem(
        task=task,
        task_state=task_state,
        page=page,
        draft=revision.as_object(),
        revision=revision,
        reviewer=user,
    )


def saw_the_version_under_review(*, article, loaded_revision_id) -> bool:
    """Whether the version a reviewer had open (the editor sends its id) reads
    the same as the one an approval would count for."""
    if not loaded_revision_id:
        return True
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision()
    return latest is None or str(loaded_revision_id) in {str(pk) for pk in same_version_ids(latest)}


@transaction.atomic
def peer_review_approve(*, task_state: TaskState, reviewer, comment: str = "") -> None:
    """Count `reviewer`'s approval of the latest version. When enough different
    peers have approved that same version, the task is approved, and the
    workflow publishes exactly that version."""
    task_state = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied(_("This review has already finished."))
    task = task_state.task.specific
    # Locked, so no version can be saved between counting and publishing.
    page = ArticlePage.objects.select_for_update().get(pk=task_state.workflow_state.object_id)
    revision = page.get_latest_revision()
    draft = revision.as_object()
    problem = _approval_problem(
        task=task,
        task_state=task_state,
        page=page,
        draft=draft,
        revision=revision,
        reviewer=reviewer,
    )
    if problem:
        raise PermissionDenied(problem)
    try:
        with transaction.atomic():
            PeerApproval.objects.create(
                task_state=task_state, revision=revision, reviewer=reviewer, comment=comment
            )
    except IntegrityError as error:
        raise PermissionDenied(_("You already approved this version.")) from error
    approvals = (
        version_approvals(task_state=task_state, revision=revision)
        .values("reviewer")
        .distinct()
        .count()
    )
    log(
        instance=draft,
        action="peerkb.peer_approval",
        user=reviewer,
        revision=revision,
        data={"approvals": approvals, "needed": task.approvals_needed, "comment": comment},
    )
    if approvals >= task.approvals_needed:
        # The approvals are for the latest version; the task state must say so,
        # or Wagtail would ask for this task again on that version.
        if task_state.revision_id != revision.pk:
            task_state.revision = revision
            task_state.save(update_fields=["revision"])
        task_state.approve(user=reviewer, comment=comment)


def approvals_for(revision) -> list[PeerApproval]:
    """The approvals of `revision` in a peer review that was approved."""
    approved = TaskState.objects.filter(
        revision=revision,
        status=TaskState.STATUS_APPROVED,
        task__in=PeerReviewTask.objects.all(),
    )
    approvals = PeerApproval.objects.filter(
        task_state__in=approved, revision_id__in=same_version_ids(revision)
    )
    return list(approvals.select_related("reviewer"))


def _record_review(
    *, article: ArticlePage, reviewers: list, revision, when, outcome: str, by=None
) -> None:
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=when,
        review_due_at=ArticlePage.review_due_for(when, article.review_every_months),
        reviewed_revision=revision,
        published_without_review_at=None,
    )
    article.reviewed_by.set(reviewers)
    for item in open_review_items(article):
        queue_item_close(item=item, by=by, outcome=outcome)


def open_review_items(article: ArticlePage):
    return QueueItem.objects.open().filter(
        kind=queue.REVIEW_DUE.key,
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_id=article.pk,
    )


@transaction.atomic
def article_published(*, article: ArticlePage, revision) -> None:
    """Called whenever an article goes live. A version two peers approved becomes
    the reviewed version; one that went live any other way is marked and logged,
    and goes to the review queue. Wagtail doesn't say who published, so the
    admin's after_publish_page hook names them in the log afterwards."""
    reviewed_revision_id = (
        ArticlePage.objects.filter(pk=article.pk).values_list("reviewed_revision", flat=True).get()
    )
    if revision.pk == reviewed_revision_id:
        return
    approvals = approvals_for(revision)
    if approvals:
        # Republishing a version approved earlier keeps the date it was approved.
        _record_review(
            article=article,
            reviewers=[approval.reviewer for approval in approvals],
            revision=revision,
            when=max(approval.created_at for approval in approvals),
            outcome=_("Peers approved a new version"),
        )
        return
    now = timezone.now()
    ArticlePage.objects.filter(pk=article.pk).update(published_without_review_at=now)
    reason = _("Published before two peers reviewed it, for an urgent change.")
    action_record(
        action=ActionKind.PUBLISHED_UNREVIEWED,
        reason=reason,
        target=article,
        detail={"revision": revision.pk},
        notify=False,
    )
    queue_item_open(kind=queue.REVIEW_DUE.key, subject=article, summary=review_summary(article))


def review_summary(article: ArticlePage) -> str:
    return _("Check “%(title)s”") % {"title": article.title}


@transaction.atomic
def article_mark_reviewed(*, article: ArticlePage, reviewer, item=None) -> None:
    """A peer reviewer read the live article and found it still accurate. The
    peers who approved this version still vouch for it, and the reviewer joins them."""
    article = ArticlePage.objects.select_for_update().get(pk=article.pk)
    problem = can_mark_reviewed(article, reviewer)
    if problem:
        raise PermissionDenied(problem)
    _record_review(
        article=article,
        reviewers=[*article.reviewed_by.exclude(pk=reviewer.pk), reviewer],
        revision=article.live_revision,
        when=timezone.now(),
        outcome=_("Still accurate"),
        by=reviewer,
    )
    log(instance=article, action="peerkb.marked_reviewed", user=reviewer)
    action_record(
        action=ActionKind.REVIEWED,
        actor=reviewer,
        role=ActorRole.REVIEWER,
        reason=_("Still accurate"),
        target=article,
        item=item,
        notify=False,
    )


def articles_review_due_queue(*, now=None) -> int:
    """Put every live article whose review date has passed in the review queue,
    once: an article with an open item is left alone. Returns how many were added."""
    now = now or timezone.now()
    opened = 0
    for article in ArticlePage.objects.live().review_due(by=now).only("pk", "title"):
        if open_review_items(article).exists():
            continue
        queue_item_open(kind=queue.REVIEW_DUE.key, subject=article, summary=review_summary(article))
        opened += 1
    return opened


def review_status(*, article, user) -> dict:
    """Where an article's review stands, for the editor's Review tab."""
    if article.pk is None:
        return {"is_new": True}
    page = ArticlePage.objects.get(pk=article.pk)
    status = {
        "is_new": False,
        "idea": ArticleProposal.objects.filter(draft=page).first(),
        "last_reviewed_at": page.last_reviewed_at,
        "reviewers": [person.username for person in page.reviewed_by.all()],
        "review_due_at": page.review_due_at,
        "overdue": page.review_is_overdue,
        "published_without_review_at": page.published_without_review_at,
        "in_review": False,
    }
    task_state = page.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, PeerReviewTask):
        return status
    task = task_state.task.specific
    revision = page.get_latest_revision()
    draft = revision.as_object()
    approvers = [
        approval.reviewer.username
        for approval in version_approvals(task_state=task_state, revision=revision).select_related(
            "reviewer"
        )
    ]
    status.update(
        in_review=True,
        approvers=approvers,
        needed=task.approvals_needed,
        remaining=max(task.approvals_needed - len(approvers), 0),
        problem=_approval_problem(
            task=task,
            task_state=task_state,
            page=page,
            draft=draft,
            revision=revision,
            reviewer=user,
        ),
        sources_problem=sources_rule_error(draft),
    )
    return status


def unreviewed_publish_attribute(*, article: ArticlePage, user) -> None:
    """Name who published an unreviewed version, in the Wagtail history and the
    moderation log."""
    actions = ModerationAction.objects.filter(
        action=ActionKind.PUBLISHED_UNREVIEWED,
        content_type=ContentType.objects.get_for_model(ArticlePage),
        object_id=article.pk,
        actor__isnull=True,
        detail__revision=ArticlePage.objects.get(pk=article.pk).live_revision_id,
    )
    if actions.update(actor=user):
        log(instance=article, action="peerkb.published_without_review", user=user)


def may_withdraw_review(article: ArticlePage, user) -> bool:
    """Who may cancel or restart a peer review in progress: whoever wrote or sent
    in the article, and peer moderators. A reviewer can't throw away the other
    reviewers' approvals."""
    state = article.current_workflow_state
    if state is None:
        return False
    draft = article.get_latest_revision_as_object()
    return (
        is_peer_moderator(user)
        or user.pk == state.requested_by_id
        or user.pk in author_member_ids(draft)
    )


def approval_outcome(article: ArticlePage) -> str:
    """What a reviewer is told after approving."""
    article = ArticlePage.objects.get(pk=article.pk)
    task_state = article.current_workflow_task_state
    if task_state is None:
        return _("Approved and published. Yours was the last approval needed: readers see it now.")
    revision = article.get_latest_revision()
    approvals = version_approvals(task_state=task_state, revision=revision).count()
    remaining = max(task_state.task.specific.approvals_needed - approvals, 0)
    return ngettext(
        "Approved. It needs %(count)d more peer's approval before it goes live.",
        "Approved. It needs %(count)d more peers' approvals before it goes live.",
        remaining,
    ) % {"count": remaining}
