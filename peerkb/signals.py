from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.search import index

from peersite.signals import site_shell_changed

from .models import OverdosePage, SafetySettings


@receiver(post_save, sender=SafetySettings)
def reindex_the_overdose_page(sender, instance: SafetySettings, raw: bool, **kwargs):
    # The overdose page's search text comes from this setting.
    if raw:
        return
    site_shell_changed.send(sender=SafetySettings)
    for page in OverdosePage.objects.live().descendant_of(instance.site.root_page, inclusive=True):
        index.insert_or_update_object(page)
