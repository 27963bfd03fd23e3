"""Deleting an opening post (and so erasing an account) used to leave the
experience report's facts behind: when, the test result, whether the person
was alone, whether naloxone was needed. Remove those left from before.

An opening post its author deleted has an empty body; one a moderator removed
keeps its text for an appeal, and its report stays with it."""

from django.db import migrations


def reports_of_deleted_opening_posts_remove(apps, schema_editor):
    ExperienceReport = apps.get_model("forum", "ExperienceReport")
    Post = apps.get_model("forum", "Post")
    deleted_openings = Post.objects.filter(
        position=1, moderation_state="deleted", body_source=""
    ).values("thread_id")
    ExperienceReport.objects.filter(thread_id__in=deleted_openings).delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0006_reactions_count_each_reactor_once")]

    operations = [
        migrations.RunPython(reports_of_deleted_opening_posts_remove, migrations.RunPython.noop)
    ]
