"""On PostgreSQL, a GIN index over the chunks' bigram tsvector, for phrase queries."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS fulltext_chunk_grams_gin "
            "ON content_fulltext_searchchunk USING gin (to_tsvector('simple', grams))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS fulltext_chunk_grams_gin")


class Migration(migrations.Migration):
    dependencies = [("content_fulltext", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
