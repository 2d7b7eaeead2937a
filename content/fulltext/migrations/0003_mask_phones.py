"""Mask phone numbers in what the index already holds (stored before masking at indexing time)."""

from django.db import migrations

from content.fulltext.text import bigram_tokens, normalise
from coordination.personal_data import mask_phones

MARK = "（电话已隐去）"


def mask_stored_text(apps, schema_editor):
    SearchEntry = apps.get_model("content_fulltext", "SearchEntry")
    SearchChunk = apps.get_model("content_fulltext", "SearchChunk")
    for entry in SearchEntry.objects.iterator():
        title = mask_phones(entry.title, replacement=MARK)
        if title != entry.title:
            SearchEntry.objects.filter(pk=entry.pk).update(title=title)
    for chunk in SearchChunk.objects.iterator():
        text = mask_phones(chunk.text, replacement=MARK)
        if text != chunk.text:
            normal = normalise(text)
            SearchChunk.objects.filter(pk=chunk.pk).update(
                text=text, normal=normal, grams=" ".join(bigram_tokens(normal))
            )


class Migration(migrations.Migration):
    dependencies = [("content_fulltext", "0002_postgresql_gin_index")]

    operations = [migrations.RunPython(mask_stored_text, migrations.RunPython.noop)]
