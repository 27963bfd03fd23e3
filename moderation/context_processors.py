from django.utils.functional import SimpleLazyObject

from .queue import kinds_for


def review_queue(request):
    """Whether the header links to the review queue, worked out only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_review": SimpleLazyObject(lambda: bool(kinds_for(user)))}
