from django.db import migrations

from peerkb.groups import starter_substances_ensure


def add_starter_substances(apps, schema_editor):
    starter_substances_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("peerkb", "0004_peer_groups_and_review_workflow")]

    operations = [migrations.RunPython(add_starter_substances, migrations.RunPython.noop)]
