"""How often members may write, by trust level: threads, replies, experience
reports, edits, tags, profiles, flags, and knowledge-base suggestions and ideas.

Counters live in the cache only, keyed by member id, and expire with their
window: nothing about when someone posted is kept anywhere else.
"""

import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import is_peer_moderator

ACTION_LIMITS = {
    "thread": lambda count: ngettext(
        "start %(count)d thread a day", "start %(count)d threads a day", count
    ),
    "reply": lambda count: ngettext(
        "write %(count)d reply a day", "write %(count)d replies a day", count
    ),
    "flag": lambda count: ngettext(
        "send %(count)d flag a day", "send %(count)d flags a day", count
    ),
    "report": lambda count: ngettext(
        "share %(count)d experience report a day", "share %(count)d experience reports a day", count
    ),
    "edit": lambda count: ngettext(
        "make %(count)d edit a day", "make %(count)d edits a day", count
    ),
    "profile": lambda count: ngettext(
        "change your profile %(count)d time a day",
        "change your profile %(count)d times a day",
        count,
    ),
    "suggestion": lambda count: ngettext(
        "send %(count)d suggestion a day", "send %(count)d suggestions a day", count
    ),
    "proposal": lambda count: ngettext(
        "send %(count)d idea for an article a day",
        "send %(count)d ideas for articles a day",
        count,
    ),
}


class RateLimited(Exception):
    def __init__(self, retry_at: datetime, *, action: str = "", count: int = 0, level: int = 0):
        self.retry_at = retry_at
        self.action, self.count, self.level = action, count, level
        super().__init__(self.message)

    @property
    def message(self) -> str:
        wait = timeuntil(self.retry_at, depth=1)
        describe = ACTION_LIMITS.get(self.action)
        if describe is None:
            text = _("You've reached today's limit for this. You can do it again in %(wait)s.") % {
                "wait": wait
            }
        else:
            text = _("At your trust level you can %(limit)s. You can do it again in %(wait)s.") % {
                "limit": describe(self.count) % {"count": self.count},
                "wait": wait,
            }
        if self.level < 3:
            text += " " + _("Limits go up as you read and take part.")
        return text


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
        raise RateLimited(retry, action=action, count=count, level=user.trust_level)


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
