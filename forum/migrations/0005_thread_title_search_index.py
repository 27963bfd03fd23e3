from django.db import migrations

# Like 0004, for thread titles: the expression Django's
# SearchVector("title", config="english") writes.
CREATE = (
    "CREATE INDEX IF NOT EXISTS forum_thread_title_search ON forum_thread "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(title, '')))"
)
DROP = "DROP INDEX IF EXISTS forum_thread_title_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_post_body_search_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
