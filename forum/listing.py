"""The rows of a thread list: rendered once, the same for every reader, with
each member's unread marks added when the page is served."""

from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .services.reading import read_positions

# Where a member's "new" mark goes in a rendered row; escaped text can't contain it.
UNREAD_SLOT = mark_safe("<!--unread-->")  # noqa: S308
# What reverse() leaves unquoted in a path.
PATH_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class ListedThread:
    pk: int
    last_shown_position: int
    before_unread: SafeString
    after_unread: SafeString


def url_prefix(name: str, **placeholders: str) -> str:
    """The start of a URL from `name`'s pattern, to add one row's parts to:
    reversing once per list instead of once per link."""
    path = reverse(name, kwargs=placeholders)
    return path.removesuffix("/".join(str(value) for value in placeholders.values()) + "/")


def listed_threads(threads, *, show_category: bool = False) -> list[ListedThread]:
    """Render each thread's row. `threads` come from Thread.objects.for_list()."""
    row_template = get_template("forum/thread_row.html")
    thread_prefix = url_prefix("forum:thread", pk="0", slug="x")
    tag_prefix = url_prefix("forum:tag", tag="x")
    category_prefix = url_prefix("forum:category", slug="x")
    rows = []
    for thread in threads:
        html = row_template.render(
            {
                "thread": thread,
                "url": f"{thread_prefix}{thread.pk}/{quote(thread.slug, PATH_SAFE)}/",
                "category_url": f"{category_prefix}{thread.category.slug}/",
                "tags": [
                    (tag.name, f"{tag_prefix}{quote(tag.name, PATH_SAFE)}/")
                    for tag in thread.tags.all()
                ],
                "show_category": show_category,
                "unread_slot": UNREAD_SLOT,
            }
        )
        # Both halves come from the template, already escaped.
        before, after = (mark_safe(half) for half in html.split(UNREAD_SLOT))  # noqa: S308
        shown = getattr(thread, "last_shown_position", None) or thread.last_position
        rows.append(ListedThread(thread.pk, shown, before, after))
    return rows


def reads_of(user, rows: list[ListedThread]) -> dict[int, int]:
    """How far the member has read each thread in `rows` they have opened."""
    if user is None:
        return {}
    return read_positions(user=user, thread_ids=[row.pk for row in rows])


def with_unread_marks(
    rows: list[ListedThread], reads: dict[int, int]
) -> list[tuple[SafeString, str, SafeString]]:
    """Each row as (before the mark, the unread link or "", after the mark):
    the link is on threads the member started reading (`reads`, from
    reads_of()) that have posts past where they stopped."""
    unread_prefix = url_prefix("forum:thread_short", pk="0") if reads else ""
    return [
        (
            row.before_unread,
            f"{unread_prefix}{row.pk}/?unread=1"
            if reads.get(row.pk, row.last_shown_position) < row.last_shown_position
            else "",
            row.after_unread,
        )
        for row in rows
    ]
