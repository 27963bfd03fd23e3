"""Knowledge-base pictures lose their metadata and their original name as they
are saved (core.images does the cleaning). Wagtail copies the EXIF into every
size it makes, so the sizes made before cleaning are thrown away too."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.images import get_image_model

from core.images import image_file_clean


@receiver(post_save, sender=get_image_model(), dispatch_uid="peerkb_image_metadata_removed")
def remove_image_metadata(sender, instance, raw=False, **kwargs):
    if raw or not instance.file:
        return
    cleaned = image_file_clean(instance.file)
    if cleaned is None:
        return
    instance.file = cleaned.name
    instance.width, instance.height = cleaned.width, cleaned.height
    instance.file_size = len(cleaned.content)
    instance._set_file_hash()
    instance.renditions.all().delete()
    sender.objects.filter(pk=instance.pk).update(
        file=cleaned.name,
        width=instance.width,
        height=instance.height,
        file_size=instance.file_size,
        file_hash=instance.file_hash,
    )
