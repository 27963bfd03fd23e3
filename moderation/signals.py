"""What moderation tells the rest of the site.

`member_notice` asks for a notification: `recipient_ids` should hear about
`action` (a decision about them or their content) or `item` (a queue item
that needs them). The forum's notifications listen; moderation never imports
them.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import WatchedWord
from .screening import rules_changed

member_notice = Signal()


# Screening caches the watched words in every process; a change anywhere must
# reach all of them. The bump waits for the commit, or another process could
# reload the old rows under the new version and keep them.
@receiver(post_save, sender=WatchedWord, dispatch_uid="watched_word_saved")
@receiver(post_delete, sender=WatchedWord, dispatch_uid="watched_word_deleted")
def watched_words_changed(sender, **kwargs):
    transaction.on_commit(rules_changed)
