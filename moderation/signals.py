"""Screening's cached rules, kept in step with the watched words."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import WatchedWord
from .screening import rules_changed


# Screening caches the watched words in every process; a change anywhere must
# reach all of them. The bump waits for the commit, or another process could
# reload the old rows under the new version and keep them.
@receiver(post_save, sender=WatchedWord, dispatch_uid="watched_word_saved")
@receiver(post_delete, sender=WatchedWord, dispatch_uid="watched_word_deleted")
def watched_words_changed(sender, **kwargs):
    transaction.on_commit(rules_changed)
