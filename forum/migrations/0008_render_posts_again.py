"""Posts keep their HTML beside their Markdown, rendered when they were saved.
Posts saved before links were limited to http, https, mailto and tel (and
before @mentions became links) are rendered again from their own words."""

from django.db import migrations

BATCH = 500


def posts_render_again(apps, schema_editor):
    from core.markup import render_markdown

    Post = apps.get_model("forum", "Post")
    last_pk = 0
    while True:
        batch = list(
            Post.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "body_source", "body_html")[:BATCH]
        )
        if not batch:
            return
        changed = []
        for post in batch:
            html = render_markdown(post.body_source) if post.body_source else ""
            if html != post.body_html:
                post.body_html = html
                changed.append(post)
        Post.objects.bulk_update(changed, ["body_html"])
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0007_remove_reports_of_deleted_opening_posts"),
        ("accounts", "0005_quick_exit_signs_out_and_neutral_titles"),
    ]

    operations = [migrations.RunPython(posts_render_again, migrations.RunPython.noop)]
