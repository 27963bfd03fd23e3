from django.contrib.auth.management import create_permissions
from django.db import migrations

from peerkb.groups import groups_and_workflow_ensure

# Apps whose permissions the groups are given. Django creates permissions only
# after every migration has run, so they are made here first.
APPS_WITH_PERMISSIONS = ["peerkb", "forum", "moderation", "wagtailimages", "wagtailadmin"]


def create_groups_and_workflow(apps, schema_editor):
    for label in APPS_WITH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    groups_and_workflow_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("peerkb", "0003_knowledge_base"),
        ("forum", "0005_moderation_notices_and_slow_mode"),
        ("moderation", "0003_knowledge_base_actions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
