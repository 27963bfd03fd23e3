# The notifications app now owns the notification model and its table
# (see notifications/migrations/0001_initial.py); the table itself stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("forum", "0008_render_posts_again"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
