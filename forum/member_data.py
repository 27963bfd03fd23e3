"""What the forum holds about a member, for their data download."""

from moderation.models import ModerationState

from .models import (
    Bookmark,
    CountedReactor,
    ExperienceReport,
    Following,
    ForumPreferences,
    Post,
    Reaction,
    Thread,
    ThreadRead,
)
from .services.reading import reads_flush

FORUM_MEMBER_DATA = {
    "exported": {
        "forum.Thread.author": "threads_you_started",
        "forum.Post.author": "forum_posts",
        "forum.Reaction.user": "reactions_you_gave",
        "forum.Bookmark.user": "bookmarks",
        "forum.Following.user": "following",
        "forum.ForumPreferences.user": "forum_preferences",
        "forum.ThreadRead.user": "how_far_you_read",
        "forum.CountedReactor.user": "posts_your_reactions_counted_for",
    },
}


def _day(moment) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def _report(report: ExperienceReport) -> dict:
    return {
        "month": report.month,
        "year": report.year,
        "body_weight_kg": report.body_weight_kg,
        "tested": str(report.get_test_result_display()),
        "test_method": report.test_method,
        "used_alone": str(report.get_used_alone_display()) if report.used_alone else "",
        "naloxone_needed": (
            str(report.get_naloxone_needed_display()) if report.naloxone_needed else ""
        ),
        "setting": report.setting,
        "would_do_differently": report.would_do_differently,
        "substances": [
            {
                "substance": dose.substance,
                "amount": str(dose.amount) if dose.amount is not None else "",
                "unit": dose.unit,
                "route": dose.route,
                "minutes_in": dose.minutes_in,
            }
            for dose in report.doses.all()
        ],
    }


def forum_export(user) -> dict:
    # What the member read since the last flush belongs in their download too.
    reads_flush(user_id=user.pk)
    posts = (
        Post.objects.filter(author=user)
        .exclude(moderation_state=ModerationState.DELETED, body_source="")
        .select_related("thread")
        .prefetch_related("revisions")
        .order_by("created_at")
    )
    threads = (
        Thread.objects.filter(author=user)
        .select_related("category", "report")
        .prefetch_related("tags", "report__doses")
        .order_by("created_at")
    )
    preferences = ForumPreferences.objects.filter(user=user).first()
    return {
        "threads_you_started": [
            {
                "title": thread.title,
                "category": thread.category.name,
                "kind": str(thread.get_kind_display()),
                "started": _day(thread.created_at),
                "tags": sorted(thread.tags.names()),
                "content_warning": thread.warning_label,
                "experience_report": (
                    _report(thread.report) if hasattr(thread, "report") else None
                ),
            }
            for thread in threads
        ],
        "forum_posts": [
            {
                "thread": post.thread.title,
                "url": post.get_absolute_url(),
                "written": _day(post.created_at),
                "state": str(post.get_moderation_state_display()),
                "text": post.body_source,
                "earlier_versions": [
                    {"written": _day(revision.created_at), "text": revision.body_source}
                    for revision in post.revisions.all()
                ],
            }
            for post in posts
        ],
        # Kept for the export's readers who used it before threads were listed.
        "experience_reports": [
            {"thread": thread.title, **_report(thread.report)}
            for thread in threads
            if hasattr(thread, "report")
        ],
        "reactions_you_gave": [
            {
                "reaction": str(reaction.get_kind_display()),
                "post": reaction.post.get_absolute_url(),
                "date": _day(reaction.created_at),
            }
            for reaction in Reaction.objects.filter(user=user)
            .select_related("post__thread")
            .order_by("created_at")
        ],
        "bookmarks": [
            {"post": bookmark.post.get_absolute_url(), "date": _day(bookmark.created_at)}
            for bookmark in Bookmark.objects.filter(user=user).select_related("post__thread")
        ],
        "following": [
            {
                "what": str(following.thread or following.category or following.tag),
                "kind": "thread"
                if following.thread_id
                else "category"
                if following.category_id
                else "tag",
                "level": str(following.get_level_display()),
            }
            for following in Following.objects.filter(user=user)
            .select_related("thread", "category", "tag")
            .order_by("created_at")
        ],
        "forum_preferences": {
            "watch_threads_i_start_or_reply_to": preferences.auto_watch,
            "always_open_content_warnings": preferences.always_expand_warnings,
            "keep_these_warnings_closed": preferences.hidden_warnings,
        }
        if preferences is not None
        else {},
        "how_far_you_read": [
            {"thread": read.thread.title, "read_to_post": read.last_read_position}
            for read in ThreadRead.objects.filter(user=user).select_related("thread")
        ],
        # Kept even after a reaction is taken back, so toggling can't inflate trust.
        "posts_your_reactions_counted_for": [
            counted.post.get_absolute_url()
            for counted in CountedReactor.objects.filter(user=user).select_related("post__thread")
        ],
    }
