from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchIndexState(models.Model):
    """Which generation of entries searches read (one row, pk 1; none means generation 0).

    A rebuild writes a whole new generation beside the live one (`building`), then makes it live
    in one transaction and deletes the old one (content/fulltext/rebuild.py): search never sees a
    half-filled index. While a rebuild runs, each published change is written to both.
    """

    live = models.PositiveIntegerField(default=0)
    building = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("检索索引状态")

    def __str__(self) -> str:
        return f"live {self.live}, building {self.building}"


class SearchEntry(models.Model):
    """One searchable published object (a page or a disclosed reply) and where to find it."""

    generation = models.PositiveIntegerField(default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, db_index=True)
    date = models.DateField(null=True, blank=True)
    issuer = models.CharField(max_length=100, blank=True, db_index=True)
    doc_number = models.CharField(max_length=60, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("检索条目")
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "content_type", "object_id"], name="one_entry_per_object_and_generation"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SearchChunk(models.Model):
    """A piece of an entry's text (≤ CHUNK_SIZE characters) with the weight of the field it came from.

    `normal` is the normalised text; `grams` its bigram tokens, which PostgreSQL indexes as a
    tsvector with GIN (migration 0006) to find candidate chunks. SQLite matches `normal` directly.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="chunks")
    position = models.PositiveIntegerField()
    weight = models.FloatField()
    text = models.TextField()
    normal = models.TextField()
    grams = models.TextField()

    class Meta:
        ordering = ["entry", "position"]

    def __str__(self) -> str:
        return f"{self.entry} #{self.position}"


class SearchSuggestion(models.Model):
    """A phrase a visitor may have meant (an entry's title or document number), for near misses.

    Kept by the indexer with its entry, so only what is published can be suggested; its bigrams
    are rows of `SuggestionGram`, so candidates sharing bigrams with a query are found in SQL.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="suggestions")
    text = models.CharField(max_length=300)
    normal = models.CharField(max_length=300)

    def __str__(self) -> str:
        return self.text


class SuggestionGram(models.Model):
    """One distinct character bigram of a suggestion's normalised text."""

    suggestion = models.ForeignKey(SearchSuggestion, on_delete=models.CASCADE, related_name="grams")
    gram = models.CharField(max_length=2)

    class Meta:
        indexes = [models.Index(fields=["gram", "suggestion"], name="suggestion_gram_lookup")]

    def __str__(self) -> str:
        return self.gram
