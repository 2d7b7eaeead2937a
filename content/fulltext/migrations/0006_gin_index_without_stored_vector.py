"""On PostgreSQL, index each chunk's bigrams with a GIN index on an expression, not a stored tsvector.

The stored vector with positions took about 3 KB a chunk, kept out of line (TOAST): a search for a
term in most chunks read every one of them, and a phrase query read each candidate's to compare
positions. Searches now ask the index for chunks holding all the bigrams of a term (no vector is
read) and check the normalised text for the term itself (content/fulltext/query.py). That text
is kept uncompressed in the row: PostgreSQL compresses a row's largest values once it passes
`toast_tuple_target` (2 KB by default), which made reading `normal` cost three times more; at
8 KB only the bigram tokens of long chunks, read by no search, get compressed.
"""

from django.db import migrations

TABLE = "content_fulltext_searchchunk"
EXPRESSION = "to_tsvector('simple'::regconfig, grams)"


def index_expression(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN vector")
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
        schema_editor.execute(f"UPDATE {TABLE} SET normal = normal || ''")  # stored again, uncompressed
        # Built after the rewrite, and without GIN's pending list: entries added later (a rebuild's
        # bulk inserts) go straight into the index, so no search has to scan a list of pending
        # entries until the next vacuum (2.6 s a search on the load data before this).
        schema_editor.execute(
            f"CREATE INDEX fulltext_chunk_grams_gin ON {TABLE} USING gin ({EXPRESSION}) WITH (fastupdate = off)"
        )
        schema_editor.execute(f"VACUUM ANALYZE {TABLE}")  # the rewrite's dead rows, and fresh statistics


def store_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX fulltext_chunk_grams_gin")
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")
        schema_editor.execute(f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ({EXPRESSION}) STORED")
        schema_editor.execute(f"CREATE INDEX fulltext_chunk_vector_gin ON {TABLE} USING gin (vector)")


class Migration(migrations.Migration):
    atomic = False  # VACUUM runs outside a transaction
    dependencies = [("content_fulltext", "0005_index_generations")]

    operations = [migrations.RunPython(index_expression, store_vector)]
