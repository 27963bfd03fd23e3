from django.db import migrations

# forum.search matches post text with PostgreSQL full-text search on exactly
# this expression (what Django's SearchVector("body_source", config="english")
# writes), so the lookup reads this index instead of every post.
CREATE = (
    "CREATE INDEX IF NOT EXISTS forum_post_body_search ON forum_post "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(body_source, '')))"
)
DROP = "DROP INDEX IF EXISTS forum_post_body_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_reaction_batch_high_water")]

    operations = [migrations.RunPython(create_index, drop_index)]
