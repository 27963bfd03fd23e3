from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .activity import activity_pending, activity_pending_forget, buffered_sources_flush
from .models import (
    Appeal,
    Flag,
    MemberDay,
    ModerationAction,
    QueueItem,
    QueueVote,
    WatchedWord,
)
from .services import items_close_for
from .suspension import sign_in_check


class WatchedWordViewSet(SnippetViewSet):
    model = WatchedWord
    icon = "openquote"
    menu_label = _("Watched words")
    add_to_admin_menu = True
    menu_order = 550
    list_display = [
        "__str__",
        "action",
        "category",
        BooleanColumn("is_active", label=_("Active"), sort_key="is_active"),
        UpdatedAtColumn(),
    ]
    list_filter = ["action", "category", "is_active"]
    # Search the table directly: rows added by a migration are never in the
    # search index, and this list is short.
    search_fields = ["pattern", "suggestion", "explanation"]
    search_backend_name = None


register_snippet(WatchedWordViewSet)


@hooks.register("sign_in_check")
def refuse_suspended_members(request, user):
    return sign_in_check(request, user)


@hooks.register("member_export")
def moderation_export(user) -> dict:
    """Decisions about the member, their appeals and the flags they sent."""
    return {
        "moderation_decisions_about_you": [
            {
                "date": action.created_at.strftime("%Y-%m-%d"),
                "decision": str(action.get_action_display()),
                "reason": action.reason,
                "note_to_you": action.private_note,
                "reversed": action.reversed_at is not None,
            }
            for action in ModerationAction.objects.filter(target_user=user).order_by("created_at")
        ],
        "appeals": [
            {
                "date": appeal.created_at.strftime("%Y-%m-%d"),
                "message": appeal.message,
                "outcome": str(appeal.get_status_display()),
            }
            for appeal in Appeal.objects.filter(appellant=user).order_by("created_at")
        ],
        "flags_you_sent": [
            {
                "date": flag.created_at.strftime("%Y-%m-%d"),
                "reason": str(flag.get_reason_display()),
                "note": flag.note,
            }
            for flag in Flag.objects.filter(flagger=user).order_by("created_at")
        ],
        "queue_votes_you_cast": [
            {"date": vote.created_at.strftime("%Y-%m-%d"), "vote": str(vote.get_choice_display())}
            for vote in QueueVote.objects.filter(voter=user).order_by("created_at")
        ],
        "moderation_decisions_you_made": [
            {
                "date": action.created_at.strftime("%Y-%m-%d"),
                "decision": str(action.get_action_display()),
                "reason": action.reason,
            }
            for action in ModerationAction.objects.filter(actor=user).order_by("created_at")
        ],
        # Trust levels are worked out from these daily counts: dates, never times.
        "activity_by_day": _activity_by_day(user),
    }


def _activity_by_day(user) -> list[dict]:
    """The member's days, with what is still buffered added in."""
    buffered_sources_flush(user_id=user.pk)
    days = {day.day: day for day in MemberDay.objects.filter(user=user)}
    for day, counts in activity_pending(user.pk).items():
        row = days.setdefault(day, MemberDay(user=user, day=day))
        row.visited = True
        for name, value in counts.items():
            if name != "visited":
                setattr(row, name, getattr(row, name) + value)
    return [
        {
            "day": day.day.isoformat(),
            "visited": day.visited,
            "posts_read": day.posts_read,
            "reading_minutes": day.reading_seconds // 60,
            "threads_entered": day.threads_entered,
            "threads_replied_in": day.reply_threads,
            "reactions_given": day.reactions_given,
            "reactions_received": day.reactions_received,
        }
        for _date, day in sorted(days.items())
    ]


@hooks.register("member_data")
def moderation_member_data() -> dict:
    decisions = _("Decisions this led to are in moderation_decisions_about_you.")
    return {
        "exported": {
            "moderation.ModerationAction.target_user": "moderation_decisions_about_you",
            "moderation.ModerationAction.actor": "moderation_decisions_you_made",
            "moderation.Appeal.appellant": "appeals",
            "moderation.Flag.flagger": "flags_you_sent",
            "moderation.QueueVote.voter": "queue_votes_you_cast",
            "moderation.MemberDay.user": "activity_by_day",
        },
        "excluded": {
            "moderation.Flag.author": format_lazy(
                "{} {}",
                _("Who flagged your writing stays private, to keep the people who flag safe."),
                decisions,
            ),
            "moderation.QueueItem.member": format_lazy(
                "{} {}", _("The review queue is the moderators' worklist."), decisions
            ),
            "moderation.QueueItem.resolved_by": _(
                "The review queue is the moderators' worklist; the decisions you made are "
                "in moderation_decisions_you_made."
            ),
            "moderation.Appeal.decided_by": _(
                "An appeal is the words of the member who appealed; your decision is in "
                "moderation_decisions_you_made."
            ),
        },
    }


@hooks.register("member_erase")
def moderation_erase(user) -> None:
    """The log keeps that decisions were made; the member's words and the
    notes to them go. Flags they sent stay, unsigned and without their note.
    Their daily counts go with the account, those still buffered too."""
    activity_pending_forget(user.pk)
    ModerationAction.objects.filter(target_user=user).update(private_note="", detail={})
    Flag.objects.filter(flagger=user).update(note="")
    Flag.objects.filter(author=user, flagger__isnull=True).update(note="")
    QueueItem.objects.filter(member=user).update(summary="")
    # Their appeals go with the account; so do the queue items about them.
    gone = _("The member deleted their account.")
    for appeal in Appeal.objects.filter(appellant=user):
        items_close_for(appeal, outcome=gone)
    items_close_for(user, outcome=gone)
    profile = getattr(user, "profile", None)
    if profile is not None:
        items_close_for(profile, outcome=gone)
