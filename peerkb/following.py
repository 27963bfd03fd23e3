"""Following a knowledge-base topic: its new and updated articles then go in
the member's email digest."""

from django.core.exceptions import PermissionDenied

from .models import TopicFollow, TopicTag


def topic_following_set(*, member, topic: TopicTag, following: bool) -> bool:
    """Follow `topic`, or stop following it. Returns whether anything changed;
    following twice, or stopping what was never followed, changes nothing."""
    if not member.is_authenticated:
        raise PermissionDenied("Only members can follow a topic.")
    if not following:
        deleted, _detail = TopicFollow.objects.filter(member=member, topic=topic).delete()
        return bool(deleted)
    _follow, created = TopicFollow.objects.get_or_create(member=member, topic=topic)
    return created
