# What a notification says and where it leads, stored with it so an email can
# use them without asking the app that sent it. Rows from before are given the
# words the inbox showed for them.

from django.apps import apps as installed_apps
from django.db import migrations, models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

def _live(app_label: str, model_name: str):
    """Today's model class, used only to build unsaved instances for their words
    and addresses: never to query, as the table may not match it yet."""
    try:
        return installed_apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _moderation_words(notification) -> tuple[str, str, bool]:
    if notification.moderation_action_id is not None:
        action = notification.moderation_action
        live = _live("moderation", "ModerationAction")
        summary = live(action=action.action).member_message if live else ""
        return summary, reverse("moderation:decision", kwargs={"pk": action.pk}), False
    item = notification.queue_item
    if item is None:
        return "", "", True
    url = reverse("moderation:item", kwargs={"pk": item.pk})
    if item.escalated_at is not None:
        return _("An item in the review queue has waited too long for a moderator."), url, False
    if item.kind == "care":
        return _("Someone may need care. See the review queue."), url, True
    return _("Something new is waiting in the review queue."), url, False


def _forum_words(notification) -> tuple[str, str]:
    who = notification.actor.username if notification.actor_id else _("A former member")
    thread = notification.thread
    title = thread.title if thread else ""
    words = {"who": who, "title": title, "counter": notification.count}
    if notification.kind == "reaction":
        summary = ngettext(
            "%(who)s reacted to your post in “%(title)s”",
            "%(counter)s people reacted to your post in “%(title)s”",
            notification.count,
        ) % words
    elif notification.kind == "mention":
        summary = _("%(who)s mentioned you in “%(title)s”") % words
    elif notification.kind == "quote":
        summary = _("%(who)s quoted you in “%(title)s”") % words
    elif notification.kind == "new_thread":
        summary = _("%(who)s started “%(title)s”") % words
    else:
        summary = _("%(who)s replied in “%(title)s”") % words
    url = ""
    live_thread, live_post = _live("forum", "Thread"), _live("forum", "Post")
    if notification.post_id is not None and live_thread and live_post:
        post = notification.post
        page_thread = live_thread(pk=post.thread.pk, slug=post.thread.slug)
        url = live_post(position=post.position, thread=page_thread).get_absolute_url()
    elif thread is not None and live_thread:
        url = live_thread(pk=thread.pk, slug=thread.slug).get_absolute_url()
    return summary[:300], url


def notifications_describe(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects.select_related(
        "actor", "thread", "post__thread", "moderation_action", "queue_item"
    ).order_by("pk")
    changed = []
    for notification in rows.iterator(chunk_size=500):
        if notification.kind == "moderation":
            summary, url, sensitive = _moderation_words(notification)
        else:
            # Thread titles are members' words.
            (summary, url), sensitive = _forum_words(notification), True
        notification.summary, notification.url = summary[:300], url
        notification.sensitive = sensitive
        changed.append(notification)
        if len(changed) >= 500:
            Notification.objects.bulk_update(changed, ["summary", "url", "sensitive"])
            changed = []
    Notification.objects.bulk_update(changed, ["summary", "url", "sensitive"])


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="sensitive",
            field=models.BooleanField(default=True, help_text="The summary carries members' words or touches someone's safety, so a discreet email must leave it out."),
        ),
        migrations.AddField(
            model_name="notification",
            name="summary",
            field=models.CharField(blank=True, help_text="One short line saying what happened, in the site's words.", max_length=300),
        ),
        migrations.AddField(
            model_name="notification",
            name="url",
            field=models.CharField(blank=True, help_text="Where on the site to look: a path, not a host.", max_length=500),
        ),
        migrations.RunPython(notifications_describe, migrations.RunPython.noop),
    ]
