"""Issuer, 文号 and 有效性 on entries, the table of suggestions, and () / （） read as 〔〕.

The stored chunks are normalised again here, so every bracket variant finds what is already
indexed as soon as this has run. The new entry fields and the suggestions are filled by the
indexer: run `manage.py rebuild_search_index` once after migrating.
"""

import django.db.models.deletion
from django.db import migrations, models

from content.fulltext.text import bigram_tokens, normalise


def normalise_stored_chunks(apps, schema_editor):
    SearchChunk = apps.get_model("content_fulltext", "SearchChunk")
    for chunk in SearchChunk.objects.only("pk", "text", "normal").iterator():
        normal = normalise(chunk.text)
        if normal != chunk.normal:
            SearchChunk.objects.filter(pk=chunk.pk).update(normal=normal, grams=" ".join(bigram_tokens(normal)))


class Migration(migrations.Migration):

    dependencies = [
        ('content_fulltext', '0003_mask_phones'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchentry',
            name='doc_number',
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='issuer',
            field=models.CharField(blank=True, db_index=True, max_length=100),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='validity',
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.CreateModel(
            name='SearchSuggestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=300)),
                ('normal', models.CharField(max_length=300)),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='content_fulltext.searchentry')),
            ],
        ),
        migrations.CreateModel(
            name='SuggestionGram',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('gram', models.CharField(max_length=2)),
                ('suggestion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='grams', to='content_fulltext.searchsuggestion')),
            ],
            options={
                'indexes': [models.Index(fields=['gram', 'suggestion'], name='suggestion_gram_lookup')],
            },
        ),
        migrations.RunPython(normalise_stored_chunks, migrations.RunPython.noop),
    ]
