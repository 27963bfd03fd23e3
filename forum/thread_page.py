"""One page of a thread as a member sees it, built mostly from parts that are
the same for every reader.

Rendering posts is most of a thread page's time. What a post shows everyone
(its author and date, what it quotes, its body and any content warning) is
rendered once per version of the thread and kept in the cache with the posts
themselves, under page_cache's versions, so any change to the thread or to
what every page shows makes a fresh copy. Each request adds only what is the
member's own, read in one query (`member_marks`): their reactions and
bookmarks, whether they watch the thread, whom they ignore and how they like
content warnings.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.models import Ignore
from core import versioned_cache
from moderation.models import ModerationState

from . import page_cache
from .models import (
    Bookmark,
    Following,
    ForumPreferences,
    Post,
    Reaction,
    ReactionKind,
    Thread,
)

# How a post's body is shown: on its own, or behind its thread's content
# warning, closed or open.
PLAIN, WARNING_CLOSED, WARNING_OPEN = "plain", "closed", "open"


@dataclass
class SharedPage:
    """What one page of a thread shows every reader, as the cache keeps it."""

    posts: list[Post]
    tags: list[str]
    helpful_post: Post | None


def shared_page(thread: Thread, page_number: int) -> SharedPage:
    """The page's posts, held ones included (who sees those is decided per
    reader), each with its shared parts rendered."""
    kept = page_cache.part(thread.pk, f"posts:{page_number}")
    versioned_cache.fetch(kept)
    shared = kept.value
    if shared is None:
        posts = list(Post.objects.for_thread_page(thread, page_number, everyone=True))
        for post in posts:
            _render_shared_parts(post, thread)
            _keep_handles_only(post)
        helpful = thread.helpful_post if thread.helpful_post_id else None
        if helpful is not None:
            # Its address needs the thread: kept with it, not asked for on every page.
            helpful.thread = Thread(pk=thread.pk, slug=thread.slug)
            helpful.author = None
        shared = SharedPage(
            posts=posts,
            tags=list(thread.tags.order_by("name").values_list("name", flat=True)),
            helpful_post=helpful,
        )
        kept.store(shared)
    return shared


def _render_shared_parts(post: Post, thread: Thread) -> None:
    """A shown post's header and body in each way it can be shown; a deleted
    or hidden one shows a placeholder, rendered per reader."""
    post.dated = date_format(timezone.localtime(post.created_at), "M j, Y")
    post.iso_time = post.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    post.shared_head = _rendered("forum/post_head.html", {"post": post})
    post.shared_bodies = {}
    if post.is_deleted or post.is_hidden:
        return
    ways = [PLAIN, WARNING_CLOSED, WARNING_OPEN] if thread.warning_label else [PLAIN]
    for way in ways:
        post.shared_bodies[way] = _rendered(
            "forum/post_body.html",
            {
                "post": post,
                "thread": thread,
                "warning": thread.warning_label if way != PLAIN else "",
                "open_warning": way == WARNING_OPEN,
            },
        )


def _rendered(template_name: str, context: dict) -> str:
    # The template's output is safe; trimming the space around it keeps it so.
    return mark_safe(render_to_string(template_name, context).strip())  # noqa: S308


def _keep_handles_only(post: Post) -> None:
    """Of the members a post names, the cache keeps their id and handle: never
    an email address or anything else about them."""
    for named in (post, post.quoted_post):
        if named is not None and named.author is not None:
            author = named.author
            named.author = type(author)(pk=author.pk, username=author.username)


def shown_to(posts: list[Post], user, *, is_moderator: bool) -> list[Post]:
    """Held posts are seen by their author and peer moderators only."""
    if is_moderator:
        return posts
    return [
        post
        for post in posts
        if post.moderation_state != ModerationState.HELD
        or (user.is_authenticated and post.author_id == user.pk)
    ]


@dataclass
class MemberMarks:
    """What is the member's own on a thread page."""

    reactions: set[tuple[int, str]] = field(default_factory=set)
    bookmarks: set[int] = field(default_factory=set)
    following: str | None = None
    ignored: set[int] = field(default_factory=set)
    preferences: ForumPreferences = field(default_factory=ForumPreferences)


def member_marks(user, thread: Thread, post_ids: list[int]) -> MemberMarks:
    """Reactions, bookmarks, following, ignores and preferences in one query.
    A member who never saved preferences gets the defaults, and none are
    written: reading a page writes nothing."""
    marks = MemberMarks()
    if not user.is_authenticated:
        return marks
    in_posts = ", ".join(["%s"] * len(post_ids)) or "NULL"
    # Only table names and placeholders go into the text; every value is a parameter.
    sql = f"""
        SELECT 'reaction', post_id, kind FROM {Reaction._meta.db_table}
            WHERE user_id = %s AND post_id IN ({in_posts})
        UNION ALL SELECT 'bookmark', post_id, '' FROM {Bookmark._meta.db_table}
            WHERE user_id = %s AND post_id IN ({in_posts})
        UNION ALL SELECT 'following', 0, level FROM {Following._meta.db_table}
            WHERE user_id = %s AND thread_id = %s
        UNION ALL SELECT 'ignore', ignored_id, '' FROM {Ignore._meta.db_table}
            WHERE user_id = %s
        UNION ALL SELECT 'preferences',
                CASE WHEN always_expand_warnings THEN 1 ELSE 0 END,
                CAST(hidden_warnings AS TEXT)
            FROM {ForumPreferences._meta.db_table} WHERE user_id = %s
    """  # noqa: S608
    params = [user.pk, *post_ids, user.pk, *post_ids, user.pk, thread.pk, user.pk, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for kind, number, text in rows:
        if kind == "reaction":
            marks.reactions.add((number, text))
        elif kind == "bookmark":
            marks.bookmarks.add(number)
        elif kind == "following":
            marks.following = text
        elif kind == "ignore":
            marks.ignored.add(number)
        else:
            marks.preferences = ForumPreferences(
                user=user, always_expand_warnings=bool(number), hidden_warnings=json.loads(text)
            )
    return marks


def post_links(thread: Thread, last_page: int) -> dict[str, str]:
    """Each per-post address with "{}" where the post's id goes, reversed once
    a page rather than once a post."""
    placeholder = 2**31 - 1

    def pattern(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"pk": placeholder, **kwargs}).replace(str(placeholder), "{}")

    short_url = reverse("forum:thread_short", args=[thread.pk])
    return {
        "edit": pattern("forum:post_edit"),
        "delete": pattern("forum:post_delete"),
        "history": pattern("forum:post_history"),
        "flag": pattern("moderation:flag", model="forum.post"),
        # The short address: it comes back to the slugged one, and is shorter
        # on every post of every page.
        "quote": f"{short_url}?page={last_page}&quote={{}}#reply",
    }


def posts_dress(
    posts: list[Post],
    *,
    user,
    marks: MemberMarks,
    links: dict[str, str],
    way: str,
    report_first: bool,
    is_moderator: bool,
    can_reply: bool,
    asker: bool,
) -> None:
    """Give each post what post.html reads for this reader: its addresses, its
    body shown the way they read warnings, its reactions as theirs and what
    they may do with it. `report_first`: the opening post sits inside the
    report's own warning."""
    kinds = [(kind, str(label)) for kind, label in ReactionKind.choices]
    member = user.is_authenticated
    may_flag = member and not user.is_silenced
    for post in posts:
        post.ref, post.number = str(post.pk), str(post.position)
        post.links = {name: url.replace("{}", post.ref) for name, url in links.items()}
        shown = PLAIN if report_first and post.position == 1 else way
        post.shared_body = post.shared_bodies.get(shown) or post.shared_bodies.get(PLAIN, "")
        post.mine = member and post.author_id == user.pk
        post.ignored = post.author_id in marks.ignored
        post.bookmarked = post.pk in marks.bookmarks
        visible = post.is_visible
        post.may_edit = post.mine or is_moderator
        post.may_react = member and not post.mine
        post.may_quote = can_reply and visible
        post.may_flag = may_flag and visible and not post.mine
        post.may_mark_helpful = asker and visible and post.position > 1
        post.reaction_buttons = _reactions_html(post, kinds, marks, may_react=post.may_react)


def _reactions_html(post, kinds, marks, *, may_react: bool) -> str:
    """A post's reaction buttons (or, on one's own post, the counts there
    are). Built here rather than in post.html: a template loop over them
    was a third of a page's rendering time."""
    parts = []
    for kind, label in kinds:
        count = getattr(post, f"{kind}_count", 0)
        if may_react:
            pressed = "true" if (post.pk, kind) in marks.reactions else "false"
            parts.append(
                f'<button form="post-actions" name="react" value="{post.pk}:{kind}"'
                f' aria-pressed="{pressed}">{escape(label)} <span>{count}</span></button>'
            )
        elif count:
            parts.append(f"<span>{escape(label)} <span>{count}</span></span>")
    return mark_safe("".join(parts))  # noqa: S308
