from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Notification
from .services import unread_count_forget


@receiver([post_save, post_delete], sender=Notification)
def notification_changed(sender, instance: Notification, raw: bool = False, **kwargs):
    if not raw:
        unread_count_forget(instance.recipient_id)
