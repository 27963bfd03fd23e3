# Threads started before their slug was kept clear of the thread's own
# addresses (forum/urls.py): one called "Actions" ended at /t/<pk>/actions/,
# where the page form now posts, and could no longer be opened.

from django.db import migrations

# As forum.models.threads.TAKEN_SLUGS was when this ran.
TAKEN_SLUGS = ["reply", "follow", "actions", "moderate", "tags"]


def slugs_move(apps, schema_editor):
    Thread = apps.get_model("forum", "Thread")
    for slug in TAKEN_SLUGS:
        Thread.objects.filter(slug=slug).update(slug=f"{slug}-thread")


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0009_notification_moves_to_its_own_app"),
    ]

    operations = [
        migrations.RunPython(slugs_move, migrations.RunPython.noop),
    ]
