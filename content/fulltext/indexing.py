"""Writing the index: one entry per object and generation, its fields cut into weighted chunks."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

from coordination.personal_data import mask_phones

from .models import SearchChunk, SearchEntry, SearchIndexState, SearchSuggestion, SuggestionGram
from .registry import document_for
from .text import bigram_tokens, bigrams, chunks, normalise

CHUNK_SIZE = 1000
OVERLAP = 60  # longest phrase still found when it straddles two chunks


def object_key(obj) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), str(obj.pk)


def live_generation():
    """The generation searches read, as an expression (no query of its own)."""
    return Coalesce(Subquery(SearchIndexState.objects.filter(pk=1).values("live")[:1]), Value(0))


def _generations_written() -> list[int]:
    """The live generation and, while a rebuild runs, the one it builds: a change goes to both."""
    state = SearchIndexState.objects.filter(pk=1).first()
    if state is None:
        return [0]
    return [state.live] if state.building is None else [state.live, state.building]


def _entry(generation: int, content_type: ContentType, object_id: str, doc) -> SearchEntry:
    return SearchEntry(
        generation=generation,
        content_type=content_type,
        object_id=object_id,
        url=doc.url,
        title=mask_phones(doc.title)[:300],
        kind=doc.kind,
        date=doc.date,
        issuer=doc.issuer[:100],
        doc_number=mask_phones(doc.doc_number)[:60],
        validity=doc.validity,
    )


def _chunks(entry: SearchEntry, doc) -> list[SearchChunk]:
    rows, position = [], 0
    for text, weight in [(doc.title, 10.0), *doc.fields]:
        # Phones are masked before anything is stored, so a number is neither found nor shown.
        for piece in chunks(mask_phones(text or ""), CHUNK_SIZE, OVERLAP):
            normal = normalise(piece)
            if normal:
                grams = " ".join(bigram_tokens(normal))
                rows.append(
                    SearchChunk(entry=entry, position=position, weight=weight, text=piece, normal=normal, grams=grams)
                )
                position += 1
    return rows


def write_entries(generation: int, documents: list[tuple[ContentType, str, object]]) -> list[SearchEntry]:
    """Store many (content type, object id, document) in `generation`, a few bulk inserts in all."""
    entries = SearchEntry.objects.bulk_create([_entry(generation, ct, oid, doc) for ct, oid, doc in documents])
    SearchChunk.objects.bulk_create(
        [chunk for entry, (_ct, _oid, doc) in zip(entries, documents, strict=True) for chunk in _chunks(entry, doc)],
        batch_size=500,
    )
    index_suggestions(entries)
    return entries


def index_suggestions(entries: list[SearchEntry]) -> None:
    """Store the phrases that near misses may be pointed to (each entry's title and 文号)."""
    suggestions = [
        SearchSuggestion(entry=entry, text=phrase, normal=normalise(phrase)[:300])
        for entry in entries
        for phrase in dict.fromkeys([entry.title, entry.doc_number])
    ]
    suggestions = SearchSuggestion.objects.bulk_create([s for s in suggestions if len(s.normal) >= 2])
    SuggestionGram.objects.bulk_create(
        (SuggestionGram(suggestion=s, gram=gram) for s in suggestions for gram in sorted(set(bigrams(s.normal)))),
        batch_size=1000,
    )


@transaction.atomic
def index_document(content_type: ContentType, object_id: str, doc) -> SearchEntry | None:
    """Replace what the index holds for one object; `doc` None removes it (from every generation)."""
    SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
    if doc is None:
        return None
    written = [write_entries(generation, [(content_type, object_id, doc)]) for generation in _generations_written()]
    return written[0][0]


def index_object(obj) -> SearchEntry | None:
    """Index an object through its search document (None when it is not public)."""
    return index_document(*object_key(obj), document_for(obj))


def remove_object(obj) -> None:
    content_type, object_id = object_key(obj)
    SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
