from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.users.models import UserProfile

from core.images import image_file_clean

from .models import Profile, User


@receiver(post_save, sender=User)
def give_every_member_a_profile(sender, instance: User, created: bool, raw: bool, **kwargs):
    # However a member is created (signup, the admin, a command), they get a profile.
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(post_save, sender=UserProfile, dispatch_uid="accounts_avatar_metadata_removed")
def remove_avatar_metadata(sender, instance: UserProfile, raw: bool = False, **kwargs):
    """A profile picture is a phone photo as often as not: it loses its GPS
    position, phone model and time, and the file name it was uploaded under
    (Wagtail keeps that name in the address), as it is saved."""
    if raw or not instance.avatar:
        return
    cleaned = image_file_clean(instance.avatar)
    if cleaned is None:
        return
    instance.avatar = cleaned.name
    sender.objects.filter(pk=instance.pk).update(avatar=cleaned.name)
