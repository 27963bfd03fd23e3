from django.db import migrations
from django.utils.text import slugify

from peerkb.default_texts import STARTER_SUBSTANCES


def add_starter_substances(apps, schema_editor):
    SubstanceTag = apps.get_model("peerkb", "SubstanceTag")
    for name in STARTER_SUBSTANCES:
        SubstanceTag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})


class Migration(migrations.Migration):
    dependencies = [("peerkb", "0004_peer_groups_and_review_workflow")]

    operations = [migrations.RunPython(add_starter_substances, migrations.RunPython.noop)]
