"""Writing in the forum: starting a thread, replying, editing a post."""

from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from accounts.roles import is_peer_moderator
from core.markup import render_markdown
from core.text import clean_plain_text
from moderation.activity import activity_add
from moderation.models import ModerationState
from moderation.screening import Screening, Verdict
from moderation.services import flag_system, hold_record, moderator_edit_record
from moderation.writing import may_write_check, write_allowed_check, write_screen

from ..models.categories import Category
from ..models.posts import Post, PostRevision
from ..models.preferences import ForumPreferences
from ..models.reports import ExperienceReport, SubstanceDose
from ..models.social import Following, FollowLevel
from ..models.threads import ContentWarning, Thread, ThreadKind
from ..permissions import can_edit
from .cleaning import clean_body, clean_tags, clean_title
from .reading import thread_mark_read

# A second identical submit within this window is the same post, not a new one.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=10)


def _after_commit_notify(post: Post) -> None:
    from ..tasks import notify_post

    post_id = post.pk
    transaction.on_commit(lambda: notify_post.delay(post_id))


def _watch_automatically(*, user, thread: Thread) -> None:
    """Members watch what they start or reply to, unless they turned that off
    or already chose something for this thread."""
    if ForumPreferences.for_user(user).auto_watch:
        Following.objects.get_or_create(
            user=user, thread=thread, defaults={"level": FollowLevel.WATCH}
        )


def _after_screening(screening: Screening, content) -> None:
    """Put held or flagged content in the review queue, once it is saved."""
    if screening.verdict == Verdict.HOLD:
        hold_record(content=content, reason=screening.reason, moderators_only=screening.identifies)
    elif screening.verdict == Verdict.FLAG:
        flag_system(content=content, reason=screening.reason)


def thread_refresh_stats(*, thread: Thread) -> None:
    """Recount what thread lists show from the visible posts.

    Call after any change to a post's visibility. Needs the thread row locked
    or the caller's transaction to be the only writer.
    """
    visible = thread.posts.filter(moderation_state=ModerationState.VISIBLE)
    latest = visible.order_by("-position").values_list("created_at", flat=True).first()
    thread.reply_count = visible.filter(position__gt=1).count()
    thread.last_post_at = latest or thread.created_at
    thread.save(update_fields=["reply_count", "last_post_at"])


@transaction.atomic
def thread_create(
    *,
    category: Category,
    author,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    content_warning: str = "",
    content_warning_other: str = "",
    tags: list[str] | None = None,
    report: dict | None = None,
    doses: list[dict] | None = None,
    nudge_acknowledged: bool = False,
) -> Thread:
    """Start a thread with its opening post. Raises WriteRefused when the
    author can't write now, PermissionDenied when the category isn't one they
    may start in, ValidationError (per field) or Nudge; nothing is saved unless
    everything is valid."""
    is_report = kind == ThreadKind.EXPERIENCE_REPORT
    # Who may write at all first, then where: the category's own rule.
    write_allowed_check(author, "report" if is_report else "thread")
    if not category.can_start_thread(author):
        raise PermissionDenied(_("You can't start a thread in this category."))
    errors: dict[str, list] = {}
    cleaned = {}
    for field, cleaner, value in (
        ("title", clean_title, title),
        ("body", clean_body, body),
        ("tags", clean_tags, tags or []),
    ):
        try:
            cleaned[field] = cleaner(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    content_warning_other = " ".join(clean_plain_text(content_warning_other).split())
    if content_warning == ContentWarning.OTHER and not content_warning_other:
        errors["content_warning_other"] = [_("Say what the warning is about.")]
    if errors:
        raise ValidationError(errors)
    screening = write_screen(
        author=author,
        action="report" if is_report else "thread",
        fields={
            "title": cleaned["title"],
            "tags": "\n".join(cleaned["tags"]),
            "content_warning_other": content_warning_other if content_warning else "",
            **(_report_words(report, doses) if is_report else {}),
            "body": cleaned["body"],
        },
        nudge_acknowledged=nudge_acknowledged,
        first_contribution=not Post.objects.filter(author=author).exists(),
    )
    state = screening.initial_state
    held_reason = screening.reason if state == ModerationState.HELD else ""

    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        author=author,
        title=cleaned["title"],
        kind=kind,
        content_warning=content_warning,
        content_warning_other=content_warning_other if content_warning else "",
        last_post_at=now,
        last_position=1,
        moderation_state=state,
        moderation_reason=held_reason,
    )
    thread.tags.set(cleaned["tags"])
    if is_report:
        experience = ExperienceReport.objects.create(thread=thread, **(report or {}))
        SubstanceDose.objects.bulk_create(
            SubstanceDose(report=experience, order=number, **dose)
            for number, dose in enumerate(doses or [])
        )
    opening = Post.objects.create(
        thread=thread,
        author=author,
        position=1,
        body_source=cleaned["body"],
        body_html=render_markdown(cleaned["body"]),
        moderation_state=state,
        moderation_reason=held_reason,
    )
    _watch_automatically(user=author, thread=thread)
    thread_mark_read(user=author, thread=thread, position=1)
    _after_screening(screening, thread)
    _after_commit_notify(opening)
    return thread


# The words a member writes in an experience report, beside the post itself.
REPORT_TEXT_FIELDS = ("test_method", "setting", "would_do_differently")


def _report_words(report: dict | None, doses: list[dict] | None) -> dict[str, str]:
    """Each written field of a report, keyed as its form names it; the dose
    chart's substances together under "doses"."""
    words = {name: str((report or {}).get(name) or "") for name in REPORT_TEXT_FIELDS}
    words["doses"] = "\n".join(str(dose.get("substance") or "") for dose in doses or [])
    return words


def _check_slow_mode(thread: Thread, author) -> None:
    if not thread.slow_mode_minutes or is_peer_moderator(author):
        return
    window = timedelta(minutes=thread.slow_mode_minutes)
    latest = (
        Post.objects.filter(thread=thread, author=author, created_at__gte=timezone.now() - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if latest is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "This thread is in slow mode: one post every %(minutes)d minutes. "
                    "You can post here again in %(wait)s."
                )
                % {
                    "minutes": thread.slow_mode_minutes,
                    "wait": timeuntil(latest + window, depth=1),
                }
            }
        )


@transaction.atomic
def post_create(
    *,
    thread: Thread,
    author,
    body: str,
    quoted_post: Post | None = None,
    nudge_acknowledged: bool = False,
) -> Post:
    """Reply to a thread. A double submit of the same text returns the first post."""
    # Who writes comes before the thread's own rules; the limit waits for
    # screening, so a double submit at the limit still finds the first post.
    may_write_check(author)
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    if thread.category.is_read_only:
        raise ValidationError({"body": _("This category is read-only, so it can't take replies.")})
    if thread.is_locked and not is_peer_moderator(author):
        raise ValidationError({"body": _("This thread is locked, so it can't take new replies.")})
    if not thread.is_visible:
        raise ValidationError(
            {"body": _("This thread is waiting for review, so it can't take replies.")}
        )
    body = clean_body(body)
    if quoted_post is not None and (
        quoted_post.thread_id != thread.pk or not quoted_post.is_visible
    ):
        quoted_post = None

    recent_same = (
        Post.objects.filter(
            thread=thread,
            author=author,
            body_source=body,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        )
        .order_by("-position")
        .first()
    )
    if recent_same is not None:
        return recent_same
    _check_slow_mode(thread, author)

    first = not Post.objects.filter(author=author).exists()
    first_in_thread = first or not Post.objects.filter(thread=thread, author=author).exists()
    screening = write_screen(
        author=author,
        action="reply",
        fields={"body": body},
        nudge_acknowledged=nudge_acknowledged,
        first_contribution=first,
    )
    state = screening.initial_state
    held_reason = screening.reason if state == ModerationState.HELD else ""
    thread.last_position += 1
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=thread.last_position,
        body_source=body,
        body_html=render_markdown(body),
        quoted_post=quoted_post,
        moderation_state=state,
        moderation_reason=held_reason,
    )
    thread.save(update_fields=["last_position"])
    thread_refresh_stats(thread=thread)
    _watch_automatically(user=author, thread=thread)
    thread_mark_read(user=author, thread=thread, position=post.position)
    _after_screening(screening, post)
    if first_in_thread:
        activity_add(user_id=author.pk, reply_threads=1)
    _after_commit_notify(post)
    return post


@transaction.atomic
def post_edit(
    *, post: Post, editor, body: str, nudge_acknowledged: bool = False, reason: str = ""
) -> Post:
    """Change a post's text, keeping the previous version as a revision. A peer
    moderator changing someone else's post gives a `reason`: the change is
    logged and its author told, as an edit from the review queue is."""
    if not can_edit(post, editor):
        raise PermissionDenied(_("Only the author can edit this post."))
    if post.is_hidden and not is_peer_moderator(editor):
        raise PermissionDenied(_("A hidden post can't be edited while it waits for review."))
    body = clean_body(body)
    if body == post.body_source:
        return post
    if post.author_id != editor.pk:
        post_moderator_edit(post=post, editor=editor, body=body)
        moderator_edit_record(content=post, moderator=editor, reason=reason)
        return post
    # Before rendering: the limit and screening are cheap, rendering isn't.
    screening = write_screen(
        author=editor, action="edit", fields={"body": body}, nudge_acknowledged=nudge_acknowledged
    )
    _revise(post, body)
    if screening.verdict == Verdict.HOLD and post.is_visible:
        post.set_moderation_state(ModerationState.HELD, reason=screening.reason)
    post.save()
    if post.is_held or screening.verdict == Verdict.FLAG:
        _after_screening(screening, post)
    if screening.verdict == Verdict.HOLD:
        post.moderation_state_changed()
    return post


def _revise(post: Post, body: str) -> None:
    PostRevision.objects.create(
        post=post, body_source=post.body_source, created_at=post.edited_at or post.created_at
    )
    post.body_source = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()


def post_moderator_edit(*, post: Post, editor, body: str) -> None:
    """A peer moderator's edit from the review queue: a revision, no screening.
    The caller logs the decision."""
    if not is_peer_moderator(editor):
        raise PermissionDenied(_("Only peer moderators can edit from the queue."))
    body = clean_body(body)
    if body != post.body_source:
        _revise(post, body)
        post.save()


def thread_retitle(*, thread: Thread, editor, title: str) -> None:
    if not is_peer_moderator(editor):
        raise PermissionDenied(_("Only peer moderators can edit from the queue."))
    thread.title = clean_title(title)
    thread.save(update_fields=["title"])
