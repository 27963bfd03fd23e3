from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from wagtail.users.models import UserProfile

from core.images import image_file_clean
from core.remembered import forget

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


@receiver(m2m_changed, sender=User.groups.through)
def membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A member joined or left a group: forget the groups remembered for them."""
    if not action.startswith("post_") and action != "pre_clear":
        return
    if not reverse:
        forget("groups", instance.pk)
        return
    member_ids = pk_set or ()
    if action == "pre_clear":
        member_ids = instance.user_set.values_list("pk", flat=True)
    for member_id in member_ids:
        forget("groups", member_id)


@receiver([post_save, pre_delete], sender=Group)
def group_renamed_or_removed(sender, instance: Group, **kwargs):
    for member_id in instance.user_set.values_list("pk", flat=True):
        forget("groups", member_id)
