from django.contrib.auth.management import create_permissions
from django.db import migrations

from consultations.groups import moderator_permissions_ensure


def grant_moderator_permissions(apps, schema_editor):
    # Django creates permissions only after every migration has run.
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    moderator_permissions_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_moderator_permissions, migrations.RunPython.noop)]
