""" "Someone may be in danger": a moderator's private follow-up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import queue
from ..models import (
    ActionKind,
    FlagResolution,
    ModerationAction,
    QueueItem,
)
from .records import (
    action_record,
    flags_resolve,
    queue_item_close,
    reason_clean,
    require_moderator,
)


@transaction.atomic
def care_close(*, item: QueueItem, moderator, note: str) -> ModerationAction:
    """A moderator followed up on "someone may be in danger". Private: care is
    never published in the log."""
    require_moderator(moderator)
    item = QueueItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_open or item.kind != queue.CARE.key:
        raise ValidationError(_("Someone already dealt with this item."))
    note = reason_clean(note, field="note")
    content = item.subject
    if content is not None:
        flags_resolve(content, FlagResolution.CARED_FOR, care=True)
    record = action_record(
        action=ActionKind.CARE,
        actor=moderator,
        reason=note,
        target=content,
        item=item,
        notify=False,
    )
    queue_item_close(item=item, by=moderator, outcome=_("Followed up"))
    return record
