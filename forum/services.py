"""Writes to the forum. Views call these; the forum's rules live here."""

import re
import unicodedata
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from accounts.models import Ignore
from accounts.roles import is_peer_moderator
from core.markup import render_markdown
from core.text import clean_plain_text
from moderation.activity import activity_add
from moderation.models import ActionKind, ModerationState
from moderation.screening import Screening, Verdict
from moderation.services import (
    action_record,
    flag_system,
    hold_record,
    items_close_for,
    moderator_edit_record,
    require_moderator,
    reverser_register,
)
from moderation.writing import write_allowed_check, write_screen

from .models import (
    MAX_TAGS,
    POST_MAX_LENGTH,
    TAG_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Bookmark,
    Category,
    ContentWarning,
    CountedReactor,
    ExperienceReport,
    Following,
    FollowLevel,
    ForumPreferences,
    Notification,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    SubstanceDose,
    Thread,
    ThreadKind,
    ThreadRead,
)
from .quotes import quoted_text_remove

# A second identical submit within this window is the same post, not a new one.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=10)
TAG_PATTERN = re.compile(r"[\w][\w \-]*", re.UNICODE)


def clean_title(title: str) -> str:
    visible = "".join(char for char in title if unicodedata.category(char) not in ("Cf", "Cc"))
    visible = " ".join(visible.split())
    if not visible:
        raise ValidationError({"title": _("Give your thread a title.")})
    if len(visible) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX_LENGTH}}
        )
    return visible


def clean_body(body: str) -> str:
    body = clean_plain_text(body)
    visible = "".join(char for char in body if unicodedata.category(char) not in ("Cf",))
    if not visible.strip():
        raise ValidationError({"body": _("Write something before posting.")})
    if len(body) > POST_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _(
                    "Posts can be up to %(max)s characters. This one has %(count)s. "
                    "Try splitting it into two posts."
                )
                % {"max": f"{POST_MAX_LENGTH:,}", "count": f"{len(body):,}"}
            }
        )
    return body


def clean_tags(tags: list[str]) -> list[str]:
    """Lower-cased, trimmed, unique, at most five of at most 30 characters."""
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(clean_plain_text(tag).lower().split())
        if not tag or tag in cleaned:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                {
                    "tags": _("“%(tag)s” is too long: tags can have up to %(max)d characters.")
                    % {"tag": tag[:40], "max": TAG_MAX_LENGTH}
                }
            )
        if not TAG_PATTERN.fullmatch(tag):
            raise ValidationError(
                {"tags": _("Tags can use letters, numbers, spaces and hyphens only.")}
            )
        cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}})
    return cleaned


def _after_commit_notify(post: Post) -> None:
    from .tasks import notify_post

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
    """Start a thread with its opening post. Raises ValidationError (per field),
    Nudge, or PermissionDenied; nothing is saved unless everything is valid."""
    if not category.can_start_thread(author):
        raise PermissionDenied(_("You can't start a thread in this category."))
    is_report = kind == ThreadKind.EXPERIENCE_REPORT
    write_allowed_check(author, "report" if is_report else "thread")
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
    held_reason = screening.reason[:200] if state == ModerationState.HELD else ""

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


def can_reply(thread: Thread, user) -> bool:
    if not user.is_authenticated or thread.category.is_read_only or user.is_silenced:
        return False
    if not thread.is_visible:
        return False
    return not thread.is_locked or is_peer_moderator(user)


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
    thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
    if not author.is_authenticated:
        raise PermissionDenied(_("Sign in to reply."))
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
    held_reason = screening.reason[:200] if state == ModerationState.HELD else ""
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


def can_edit(post: Post, user) -> bool:
    if not user.is_authenticated or post.is_deleted:
        return False
    return post.author_id == user.pk or is_peer_moderator(user)


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
        post.set_moderation_state(ModerationState.HELD, reason=screening.reason[:200])
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


@transaction.atomic
def post_delete(*, post: Post, actor) -> Post:
    """The author deletes their post: its text and every earlier version are
    removed from the database; the post keeps its place as a placeholder."""
    if not (actor.is_authenticated and post.author_id == actor.pk):
        raise PermissionDenied(_("Only the author can delete this post."))
    quotes_of_post_remove(post=post)
    post.revisions.all().delete()
    post.body_source = ""
    post.body_html = ""
    post.set_moderation_state(ModerationState.DELETED)
    post.save()
    # Notifications pointing at the post would keep its thread's title in sight.
    Notification.objects.filter(post=post).delete()
    items_close_for(post, outcome=_("Deleted by its author"))
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.position == 1:
        _erase_opening_details(thread)
    thread_refresh_stats(thread=thread)
    return post


def _erase_opening_details(thread: Thread) -> None:
    """The opening post's author also wrote the report, the warning text and the
    tags; deleting the opening post removes those too. Every fact of the report
    goes (when, the test result, whether they were alone, whether naloxone was
    needed, the dose chart): a fact someone gave about their own use is theirs."""
    ExperienceReport.objects.filter(thread=thread).delete()
    thread.content_warning_other = ""
    thread.save(update_fields=["content_warning_other"])
    thread.tags.clear()


def quotes_of_post_remove(*, post: Post) -> None:
    """Take the post's words out of every reply that quoted it, and out of
    those replies' earlier versions, before the post's own text goes.

    Replies to a quoting reply carry the words one level deeper, so they are
    followed too. The replies are saved one by one so the search index and
    cached pages forget the words as well; their authors' own lines stay.
    """
    removed = [post.body_source, *post.revisions.values_list("body_source", flat=True)]
    if not any(text.strip() for text in removed):
        return
    seen = {post.pk}
    pending = [post.pk]
    while pending:
        quoting = list(
            Post.objects.filter(quoted_post_id__in=pending)
            .exclude(pk__in=seen)
            .prefetch_related("revisions")
        )
        pending = [reply.pk for reply in quoting]
        seen.update(pending)
        for reply in quoting:
            body = quoted_text_remove(reply.body_source, removed=removed)
            if body != reply.body_source:
                reply.body_source = body
                reply.body_html = render_markdown(body)
                reply.save(update_fields=["body_source", "body_html"])
            for revision in reply.revisions.all():
                earlier = quoted_text_remove(revision.body_source, removed=removed)
                if earlier != revision.body_source:
                    revision.body_source = earlier
                    revision.save(update_fields=["body_source"])


def revision_purge(*, revision: PostRevision, actor) -> None:
    """Remove one earlier version for good, e.g. one that named someone."""
    if not (actor.is_authenticated and revision.post.author_id == actor.pk):
        raise PermissionDenied(_("Only the author can remove an earlier version."))
    revision.delete()


def following_set(*, user, level: str | None, thread=None, category=None, tag=None) -> None:
    """Watch, mute, or (level None) go back to the default for one target."""
    target = {"thread": thread, "category": category, "tag": tag}
    if sum(value is not None for value in target.values()) != 1:
        raise ValueError("Follow exactly one of thread, category or tag.")
    target = {key: value for key, value in target.items() if value is not None}
    if level is None:
        Following.objects.filter(user=user, **target).delete()
        return
    Following.objects.update_or_create(user=user, **target, defaults={"level": level})


@transaction.atomic
def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns True when added."""
    if kind not in ReactionKind.values:
        raise ValidationError(_("That reaction doesn't exist."))
    if not user.is_authenticated or not post.is_visible or user.is_silenced:
        raise PermissionDenied(_("You can't react to this post."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You can't react to your own post."))
    deleted, _detail = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:
        # A second click raced the first; the reaction is there either way.
        return True
    _count_reactor(post=post, user=user)
    from .tasks import notify_reaction

    post_id = post.pk
    transaction.on_commit(lambda: notify_reaction.delay(post_id))
    return True


def _count_reactor(*, post: Post, user) -> None:
    """Trust counts people who reacted, not clicks: toggling a reaction on and
    off must not raise anyone's level."""
    _counted, first_time = CountedReactor.objects.get_or_create(post=post, user=user)
    if not first_time:
        return
    activity_add(user_id=user.pk, reactions_given=1)
    if post.author_id:
        activity_add(user_id=post.author_id, by_member=False, reactions_received=1)


def bookmark_toggle(*, post: Post, user) -> bool:
    """Bookmark the post, or remove the bookmark. Returns True when bookmarked."""
    deleted, _detail = Bookmark.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    if not post.is_visible:
        raise PermissionDenied(_("You can't bookmark this post."))
    Bookmark.objects.create(post=post, user=user)
    return True


def thread_mark_read(*, user, thread: Thread, position: int) -> None:
    """Remember that the member has read up to `position`; never moves backwards.
    New posts read and threads entered count towards trust levels."""
    if not user.is_authenticated:
        return
    read, created = ThreadRead.objects.get_or_create(
        user=user, thread=thread, defaults={"last_read_position": position}
    )
    if created:
        activity_add(user_id=user.pk, threads_entered=1, posts_read=position)
    elif read.last_read_position < position:
        moved = ThreadRead.objects.filter(pk=read.pk, last_read_position__lt=position).update(
            last_read_position=position
        )
        if moved:
            activity_add(user_id=user.pk, posts_read=position - read.last_read_position)


@transaction.atomic
def post_mark_helpful(*, post: Post, user) -> Thread:
    """The asker marks the reply that helped (again to unmark it)."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if thread.kind != ThreadKind.QUESTION or thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can mark the reply that helped."))
    if post.thread_id != thread.pk or post.position == 1 or not post.is_visible:
        raise PermissionDenied(_("Pick a visible reply in this thread."))
    thread.helpful_post = None if thread.helpful_post_id == post.pk else post
    thread.save(update_fields=["helpful_post"])
    return thread


def notification_open(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def member_posts_erase(user) -> None:
    """Before an account is deleted: its posts' text and history are removed for
    good, and titles of threads it started no longer carry its words. Replies by
    others stay, so conversations still make sense."""
    erased_title = _("A thread by a former member")
    for post in Post.objects.filter(author=user).exclude(moderation_state=ModerationState.DELETED):
        post_delete(post=post, actor=user)
    # Posts a moderator removed keep their text for an appeal; erasure ends
    # that. Saved one by one so the search index forgets them too.
    for post in Post.objects.filter(author=user, moderation_state=ModerationState.DELETED):
        quotes_of_post_remove(post=post)
        post.body_source = post.body_html = ""
        post.save()
    PostRevision.objects.filter(post__author=user).delete()
    # Saved one by one, not with update(), so the search index forgets the old title too.
    for thread in Thread.objects.filter(author=user):
        # Also when a moderator had removed the opening post already.
        _erase_opening_details(thread)
        thread.title, thread.slug = erased_title, "thread"
        thread.moderation_reason = ""
        thread.save(update_fields=["title", "slug", "moderation_reason"])


# ---- peer moderators' thread tools --------------------------------------

SLOW_MODE_CHOICES = (0, 5, 15, 30, 60, 240)


@transaction.atomic
def thread_lock(*, thread: Thread, moderator, locked: bool, reason: str):
    """Lock a thread against new replies, or open it again."""
    require_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked == locked:
        raise ValidationError(
            _("The thread is already locked.") if locked else _("The thread isn't locked.")
        )
    thread.is_locked = locked
    thread.save(update_fields=["is_locked"])
    return action_record(
        action=ActionKind.LOCK if locked else ActionKind.UNLOCK,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        notify=locked,
    )


@transaction.atomic
def thread_move(*, thread: Thread, moderator, category: Category, reason: str):
    require_moderator(moderator)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if category.pk == thread.category_id:
        raise ValidationError({"category": _("The thread is already in that category.")})
    previous = thread.category_id
    thread.category = category
    thread.save(update_fields=["category"])
    return action_record(
        action=ActionKind.MOVE,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        detail={"from_category": previous, "to_category": category.pk},
    )


@transaction.atomic
def thread_slow_mode(*, thread: Thread, moderator, minutes: int, reason: str):
    """One post per `minutes` per member (0 turns slow mode off)."""
    require_moderator(moderator)
    if minutes not in SLOW_MODE_CHOICES:
        raise ValidationError({"minutes": _("Choose a length from the list.")})
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    previous = thread.slow_mode_minutes
    thread.slow_mode_minutes = minutes
    thread.save(update_fields=["slow_mode_minutes"])
    return action_record(
        action=ActionKind.SLOW_MODE,
        actor=moderator,
        reason=reason,
        target=thread,
        target_user=thread.author,
        detail={"from_minutes": previous, "to_minutes": minutes},
        # Slow mode paces everyone in the thread; it says nothing about its author.
        notify=False,
    )


@reverser_register(ActionKind.LOCK)
def _unlock(record, moderator) -> None:
    Thread.objects.filter(pk=record.object_id).update(is_locked=False)
    _thread_touch(record.object_id)


@reverser_register(ActionKind.MOVE)
def _move_back(record, moderator) -> None:
    category = Category.objects.filter(pk=record.detail.get("from_category")).first()
    if category is not None:
        Thread.objects.filter(pk=record.object_id).update(category=category)
        _thread_touch(record.object_id)


@reverser_register(ActionKind.SLOW_MODE)
def _slow_mode_back(record, moderator) -> None:
    Thread.objects.filter(pk=record.object_id).update(
        slow_mode_minutes=record.detail.get("from_minutes", 0)
    )
    _thread_touch(record.object_id)


@reverser_register(ActionKind.EDIT)
def _edit_back(record, moderator) -> None:
    """Put back the words as they were before the moderator's edit."""
    content = record.target
    if content is not None:
        content.flags.exclude(reason="danger").update(resolution="dismissed")
    if isinstance(content, Post):
        before = content.revisions.filter(replaced_at__lte=record.created_at).first()
        if before is not None:
            post_moderator_edit(post=content, editor=moderator, body=before.body_source)
    elif isinstance(content, Thread) and record.detail.get("previous_text"):
        thread_retitle(thread=content, editor=moderator, title=record.detail["previous_text"])


def _thread_touch(thread_id: int) -> None:
    """update() skips signals; save once so cached pages and indexes refresh."""
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is not None:
        thread.save()


def can_edit_tags(thread: Thread, user) -> bool:
    if not user.is_authenticated or user.is_silenced:
        return False
    return (
        thread.author_id == user.pk
        or user.trust_level >= TAG_EDITOR_LEVEL
        or is_peer_moderator(user)
    )


TAG_EDITOR_LEVEL = 2


def thread_tags_set(*, thread: Thread, editor, tags: list[str]) -> list[str]:
    """Members at trust level 2 and up tidy the tags on any thread."""
    if not can_edit_tags(thread, editor):
        raise PermissionDenied(_("You can edit tags once you reach trust level 2."))
    cleaned = clean_tags(tags)
    # Tags skip review, so anything screening would hold or block is refused.
    write_screen(
        author=editor,
        action="edit",
        fields={"tags": "\n".join(cleaned)},
        nudge_acknowledged=True,
        can_hold=False,
    )
    thread.tags.set(cleaned)
    return cleaned


# ---- ignoring ------------------------------------------------------------


def ignored_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Ignore.objects.filter(user=user).values_list("ignored_id", flat=True))
