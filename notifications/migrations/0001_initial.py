# The forum's notifications become this app's. The table stays where it is
# (`db_table` keeps its name), so only Django's record of which app owns the
# model changes: no row is copied, none can be lost.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("forum", "0008_render_posts_again"),
        ("moderation", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("reply", "Reply in a thread you watch"), ("new_thread", "New thread where you watch"), ("mention", "Mention"), ("quote", "Quote"), ("reaction", "Reactions"), ("moderation", "Moderation")], max_length=12)),
                        ("count", models.PositiveIntegerField(default=1)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed_at", models.DateTimeField(blank=True, null=True)),
                        ("counted_through_reaction", models.PositiveBigIntegerField(blank=True, help_text="For reaction batches: the newest reaction this batch has counted.", null=True)),
                        ("actor", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("moderation_action", models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="moderation.moderationaction")),
                        ("post", models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="forum.post")),
                        ("queue_item", models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="moderation.queueitem")),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to=settings.AUTH_USER_MODEL)),
                        ("thread", models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="forum.thread")),
                    ],
                    options={
                        "db_table": "forum_notification",
                        "ordering": ["-updated_at"],
                        "indexes": [models.Index(fields=["recipient", "read_at"], name="forum_notif_recipie_9a08e0_idx")],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("kind", "reaction"), _negated=True), fields=("recipient", "kind", "post"), name="forum_notification_once_per_post"), models.UniqueConstraint(condition=models.Q(("kind", "reaction"), ("read_at__isnull", True)), fields=("recipient", "post"), name="forum_notification_one_unread_reaction_batch")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
