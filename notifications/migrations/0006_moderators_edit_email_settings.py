from django.db import migrations

from accounts.roles import PEER_MODERATORS_GROUP, group_permissions_ensure
from notifications.setup import MODERATOR_PERMISSIONS


def grant(apps, schema_editor):
    group_permissions_ensure(
        apps,
        group_name=PEER_MODERATORS_GROUP,
        permissions=MODERATOR_PERMISSIONS,
        app_label="notifications",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0005_email_preferences_from_profiles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
