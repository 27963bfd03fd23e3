"""Keep cached thread pages, lists and search matches honest: every saved
change marks them stale."""

from taggit.models import TaggedItem

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.search_version import search_changed
from core.signals import site_shell_changed

from . import list_cache, page_cache
from .models import (
    Category,
    ExperienceReport,
    Following,
    Post,
    Reaction,
    SubstanceDose,
    Thread,
)


@receiver([post_save, post_delete], sender=Thread)
def thread_saved(sender, instance, **kwargs):
    page_cache.thread_changed(instance.pk)
    search_changed()
    list_cache.category_changed(instance.category_id)


@receiver(pre_save, sender=Thread)
def thread_moving(sender, instance, update_fields=None, **kwargs):
    """A thread moved to another category leaves its old category's list too."""
    if instance._state.adding or (update_fields is not None and "category" not in update_fields):
        return
    listed_in = Thread.objects.filter(pk=instance.pk).values_list("category_id", flat=True).first()
    if listed_in not in (None, instance.category_id):
        list_cache.category_changed(listed_in)


@receiver([post_save, post_delete], sender=Following)
def following_saved(sender, instance, **kwargs):
    # A category's follow form is part of a member's own layer of its list.
    list_cache.member_changed(instance.user_id)


@receiver([post_save, post_delete], sender=Post)
@receiver([post_save, post_delete], sender=ExperienceReport)
def thread_part_saved(sender, instance, **kwargs):
    page_cache.thread_changed(instance.thread_id)
    search_changed()


@receiver([post_save, post_delete], sender=Reaction)
def reaction_saved(sender, instance, **kwargs):
    thread_id = Post.objects.filter(pk=instance.post_id).values_list("thread_id", flat=True).first()
    if thread_id:
        page_cache.thread_changed(thread_id)


@receiver([post_save, post_delete], sender=SubstanceDose)
def dose_saved(sender, instance, **kwargs):
    thread_id = (
        ExperienceReport.objects.filter(pk=instance.report_id)
        .values_list("thread_id", flat=True)
        .first()
    )
    if thread_id:
        page_cache.thread_changed(thread_id)


@receiver([post_save, post_delete], sender=TaggedItem)
def tags_changed(sender, instance, **kwargs):
    if instance.content_type.model_class() is Thread:
        page_cache.thread_changed(instance.object_id)
        search_changed()
        category_id = (
            Thread.objects.filter(pk=instance.object_id)
            .values_list("category_id", flat=True)
            .first()
        )
        list_cache.category_changed(category_id)


@receiver([post_save, post_delete], sender=Category)
@receiver(site_shell_changed)
def shown_everywhere_saved(sender, **kwargs):
    page_cache.everything_changed()
    search_changed()  # a category may have become members-only


@receiver(post_save, sender=get_user_model())
def member_saved(sender, instance, created, update_fields=None, **kwargs):
    """Of a member, a stored page shows only the handle, on their posts and on
    quotes of them. Signing in, a new password or a settings change leave it be."""
    if created:
        return  # nothing on any page is theirs yet
    if update_fields is not None and "username" not in update_fields:
        return
    if instance.handle_changed:
        page_cache.everything_changed()


@receiver(post_delete, sender=get_user_model())
def member_erased(sender, instance, **kwargs):
    # Their posts now read "a former member".
    page_cache.everything_changed()
