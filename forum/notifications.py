"""Who hears about a new post or reaction. Called from Celery tasks, so each
function is safe to run twice: unique constraints keep one notification per
person and post. The inbox itself is the notifications app's."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Ignore
from core.text import MENTION
from moderation.models import ModerationState
from notifications.models import Notification, NotificationKind, visibility_register
from notifications.services import notify

from .models.posts import Post
from .models.social import Following, FollowLevel, Reaction

# More mentions than this in one post are ignored: a post is not a mailing list.
MAX_MENTIONS = 10
# When one post touches someone in several ways, they hear about it once, as the most personal.
PRIORITY = [
    NotificationKind.MENTION,
    NotificationKind.QUOTE,
    NotificationKind.REPLY,
    NotificationKind.NEW_THREAD,
]


def _about_visible_content() -> Q:
    """A notification about a thread or post is shown only while both can be seen."""
    return Q(kind=NotificationKind.MODERATION) | (
        (Q(thread__isnull=True) | Q(thread__moderation_state=ModerationState.VISIBLE))
        & (Q(post__isnull=True) | Q(post__moderation_state=ModerationState.VISIBLE))
    )


visibility_register(_about_visible_content)


def _summary(kind: str, *, who: str, title: str) -> str:
    if kind == NotificationKind.MENTION:
        return _("%(who)s mentioned you in “%(title)s”") % {"who": who, "title": title}
    if kind == NotificationKind.QUOTE:
        return _("%(who)s quoted you in “%(title)s”") % {"who": who, "title": title}
    if kind == NotificationKind.NEW_THREAD:
        return _("%(who)s started “%(title)s”") % {"who": who, "title": title}
    return _("%(who)s replied in “%(title)s”") % {"who": who, "title": title}


def _reaction_summary(*, who: str, people: int, title: str) -> str:
    return ngettext(
        "%(who)s reacted to your post in “%(title)s”",
        "%(counter)s people reacted to your post in “%(title)s”",
        people,
    ) % {"who": who, "counter": people, "title": title}


def mentioned_user_ids(text: str) -> set[int]:
    handles = list(dict.fromkeys(handle.lower() for handle in MENTION.findall(text)))
    handles = handles[:MAX_MENTIONS]
    if not handles:
        return set()
    query = Q()
    for handle in handles:
        query |= Q(username__iexact=handle)
    return set(get_user_model().objects.filter(query, is_active=True).values_list("pk", flat=True))


def _muted_user_ids(post: Post, tag_ids: list[int]) -> set[int]:
    thread = post.thread
    muted = Following.objects.filter(level=FollowLevel.MUTE).filter(
        Q(thread=thread) | Q(category_id=thread.category_id) | Q(tag_id__in=tag_ids)
    )
    return set(muted.values_list("user_id", flat=True))


def _watcher_ids(**target) -> set[int]:
    return set(
        Following.objects.filter(level=FollowLevel.WATCH, **target).values_list(
            "user_id", flat=True
        )
    )


def notify_about_post(post: Post) -> int:
    """Create the notifications a new visible post causes; return how many."""
    if not post.is_visible or not post.thread.is_visible or post.author_id is None:
        return 0
    thread = post.thread
    tag_ids = list(thread.tags.values_list("pk", flat=True))
    candidates: dict[str, set[int]] = {
        NotificationKind.MENTION: mentioned_user_ids(post.body_source),
        NotificationKind.QUOTE: {post.quoted_post.author_id}
        if post.quoted_post and post.quoted_post.author_id
        else set(),
        NotificationKind.REPLY: _watcher_ids(thread=thread) if post.position > 1 else set(),
        NotificationKind.NEW_THREAD: (
            _watcher_ids(category_id=thread.category_id) | _watcher_ids(tag_id__in=tag_ids)
            if post.position == 1
            else set()
        ),
    }
    # A mute silences watching, not a mention or quote addressed to you.
    muted = _muted_user_ids(post, tag_ids)
    for kind in (NotificationKind.REPLY, NotificationKind.NEW_THREAD):
        candidates[kind] -= muted
    # Nobody hears from someone they ignore.
    ignoring = set(
        Ignore.objects.filter(ignored_id=post.author_id).values_list("user_id", flat=True)
    )
    notified: set[int] = {post.author_id} | ignoring
    author = post.author.username
    url = post.get_absolute_url()
    created = 0
    for kind in PRIORITY:
        recipients = sorted(candidates[kind] - notified)
        if not recipients:
            continue
        # Thread titles are members' words: never for a discreet email.
        created += len(
            notify(
                recipients=recipients,
                kind=kind,
                summary=_summary(kind, who=author, title=thread.title),
                url=url,
                sensitive=True,
                actor=post.author_id,
                thread=thread,
                post=post,
            )
        )
        notified.update(recipients)
    return created


def notify_about_reaction(post: Post) -> Notification | None:
    """Fold reactions to one post into one unread notification for its author.

    Each batch remembers the newest reaction it counted; a new batch counts only
    what came after, so a reaction saved just before the author opened the last
    batch is still counted once, never lost.
    """
    author_id = post.author_id
    if author_id is None:
        return None
    for _attempt in range(2):
        earlier = Notification.objects.filter(
            recipient_id=author_id, kind=NotificationKind.REACTION, post=post
        )
        batch = earlier.filter(read_at__isnull=True).first()
        already_counted = (
            earlier.filter(read_at__isnull=False)
            .order_by("-counted_through_reaction")
            .values_list("counted_through_reaction", flat=True)
            .first()
        ) or 0
        ignored = Ignore.objects.filter(user_id=author_id).values("ignored_id")
        reactions = (
            Reaction.objects.filter(post=post, pk__gt=already_counted)
            .exclude(user_id=author_id)
            .exclude(user_id__in=ignored)
        )
        latest = reactions.order_by("-pk").first()
        if latest is None:
            return batch
        people = reactions.values("user_id").distinct().count()
        summary = _reaction_summary(
            who=latest.user.username, people=people, title=post.thread.title
        )
        try:
            with transaction.atomic():
                if batch is None:
                    return Notification.objects.create(
                        recipient_id=author_id,
                        kind=NotificationKind.REACTION,
                        actor_id=latest.user_id,
                        thread_id=post.thread_id,
                        post=post,
                        count=people,
                        counted_through_reaction=latest.pk,
                        summary=summary,
                        url=post.get_absolute_url(),
                        sensitive=True,
                    )
                batch.count = people
                batch.actor_id = latest.user_id
                batch.counted_through_reaction = latest.pk
                batch.summary = summary
                batch.save(
                    update_fields=[
                        "count",
                        "actor",
                        "counted_through_reaction",
                        "summary",
                        "updated_at",
                    ]
                )
                return batch
        except IntegrityError:
            # Another worker created the batch first; count again into theirs.
            continue
    return None
