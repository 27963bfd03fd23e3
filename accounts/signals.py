from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile, User


@receiver(post_save, sender=User)
def give_every_member_a_profile(sender, instance: User, created: bool, raw: bool, **kwargs):
    # However a member is created (signup, the admin, a command), they get a profile.
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
