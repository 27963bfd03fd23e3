from django.utils.functional import SimpleLazyObject

from .models import ActionKind, ModerationAction
from .queue import kinds_for
from .services import UNTIL_LIFTED


def review_queue(request):
    """Whether the header links to the review queue, worked out only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_review": SimpleLazyObject(lambda: bool(kinds_for(user)))}


def silence_notice(request):
    """For a silenced member, every page says until when and links to the
    decision, where they can appeal. Everyone else costs nothing: the check
    reads the member already loaded for the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_silenced:
        return {}
    decision = (
        ModerationAction.objects.filter(
            target_user=user,
            action__in=[ActionKind.SILENCE, ActionKind.COMMUNITY_SILENCE],
            reversed_at__isnull=True,
        )
        .order_by("-created_at", "-pk")
        .only("pk")
        .first()
    )
    return {
        "silence": {
            "until": user.silenced_until,
            "until_lifted": user.silenced_until.year >= UNTIL_LIFTED.year,
            "decision": decision,
        }
    }
