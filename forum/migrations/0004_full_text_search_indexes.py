from django.db import migrations

# forum.search matches thread titles and post text with PostgreSQL full-text
# search on exactly these expressions (what Django's
# SearchVector(field, config="english") writes), so a search reads these
# indexes instead of every row. Other databases search through Wagtail's index.
INDEXES = {
    "forum_thread_title_search": ("forum_thread", "title"),
    "forum_post_body_search": ("forum_post", "body_source"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, COALESCE({column}, '')))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_reaction_batch_high_water")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
