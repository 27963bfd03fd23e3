"""How often members may start threads, reply and flag, by trust level.

Counters live in the cache only, keyed by member id, and expire with their
window: nothing about when someone posted is kept anywhere else.
"""

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import is_peer_moderator


class RateLimited(Exception):
    def __init__(self, retry_at: datetime):
        self.retry_at = retry_at
        super().__init__(self.message)

    @property
    def message(self) -> str:
        wait = self.retry_at - timezone.now()
        if wait < timedelta(hours=1):
            minutes = max(1, int(wait.total_seconds() // 60) + 1)
            when = _("in %(minutes)d minutes") % {"minutes": minutes}
        else:
            when = _("after %(time)s") % {
                "time": date_format(timezone.localtime(self.retry_at), "N j, P")
            }
        return _(
            "You've reached today's limit for this. You can do it again %(when)s. "
            "New members' limits go up as they take part."
        ) % {"when": when}


def _limit(user, action: str) -> tuple[int, int] | None:
    if is_peer_moderator(user):
        return None
    levels = settings.TRUST_RATE_LIMITS
    level = min(user.trust_level, max(levels))
    return levels[level].get(action)


def _key(user, action: str) -> str:
    return f"moderation:rate:{action}:{user.pk}"


def rate_limit_check(user, action: str) -> None:
    """Raise RateLimited, with when to try again, if `user` used up `action`."""
    limit = _limit(user, action)
    if limit is None:
        return
    count, window = limit
    now = time.time()
    recent = [stamp for stamp in cache.get(_key(user, action), []) if stamp > now - window]
    if len(recent) >= count:
        retry = datetime.fromtimestamp(min(recent) + window, tz=timezone.get_current_timezone())
        raise RateLimited(retry)


def rate_limit_record(user, action: str) -> None:
    """Count one use of `action`; call once it succeeded."""
    limit = _limit(user, action)
    if limit is None:
        return
    count, window = limit
    now = time.time()
    recent = [stamp for stamp in cache.get(_key(user, action), []) if stamp > now - window]
    recent.append(now)
    cache.set(_key(user, action), recent[-count:], window)
