from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from wagtail.models import Site
from wagtail.search import index
from wagtail.signals import page_published

from core.remembered import forget
from core.signals import site_shell_changed
from moderation.services import items_close_for

from .models import ArticlePage, ArticleProposal, OverdosePage, SafetySettings
from .review import article_published


@receiver([post_save, post_delete], sender=Site)
def safety_setting_moved(sender, **kwargs):
    # Which setting a host name reads follows the sites.
    forget("safety")


@receiver(post_save, sender=SafetySettings)
def reindex_the_overdose_page(sender, instance: SafetySettings, raw: bool, **kwargs):
    # The overdose page's search text comes from this setting.
    if raw:
        return
    forget("safety")
    site_shell_changed.send(sender=SafetySettings)
    for page in OverdosePage.objects.live().descendant_of(instance.site.root_page, inclusive=True):
        index.insert_or_update_object(page)


@receiver(page_published, sender=ArticlePage)
def record_how_an_article_went_live(sender, instance: ArticlePage, revision, **kwargs):
    article_published(article=instance, revision=revision)


@receiver(pre_delete, sender=ArticlePage)
def close_queue_items_about_a_deleted_article(sender, instance: ArticlePage, **kwargs):
    gone = _("The article was deleted.")
    items_close_for(instance, outcome=gone)
    for suggestion in instance.suggestions.all():
        items_close_for(suggestion, outcome=gone)
    for proposal in ArticleProposal.objects.filter(draft=instance):
        items_close_for(proposal, outcome=gone)
