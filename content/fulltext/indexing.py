"""Writing the index: one entry per object, its fields cut into weighted chunks."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from coordination.personal_data import mask_phones

from .models import SearchChunk, SearchEntry, SearchSuggestion, SuggestionGram
from .registry import document_for
from .text import bigram_tokens, bigrams, chunks, normalise

CHUNK_SIZE = 1000
OVERLAP = 60  # longest phrase still found when it straddles two chunks


def object_key(obj) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), str(obj.pk)


@transaction.atomic
def index_document(content_type: ContentType, object_id: str, doc) -> SearchEntry | None:
    """Replace what the index holds for one object; `doc` None removes it."""
    SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
    if doc is None:
        return None
    entry = SearchEntry.objects.create(
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
    rows, position = [], 0
    for text, weight in [(doc.title, 10.0), *doc.fields]:
        # Phones are masked before anything is stored, so a number is neither found nor shown.
        for piece in chunks(mask_phones(text or ""), CHUNK_SIZE, OVERLAP):
            normal = normalise(piece)
            if normal:
                rows.append(
                    SearchChunk(
                        entry=entry,
                        position=position,
                        weight=weight,
                        text=piece,
                        normal=normal,
                        grams=" ".join(bigram_tokens(normal)),
                    )
                )
                position += 1
    SearchChunk.objects.bulk_create(rows)
    index_suggestions(entry, [entry.title, entry.doc_number])
    return entry


def index_suggestions(entry: SearchEntry, phrases: list[str]) -> None:
    """Store the phrases that near misses may be pointed to (the entry's title and 文号)."""
    suggestions = [
        SearchSuggestion(entry=entry, text=phrase, normal=normalise(phrase)[:300]) for phrase in dict.fromkeys(phrases)
    ]
    suggestions = SearchSuggestion.objects.bulk_create([s for s in suggestions if len(s.normal) >= 2])
    SuggestionGram.objects.bulk_create(
        SuggestionGram(suggestion=s, gram=gram) for s in suggestions for gram in sorted(set(bigrams(s.normal)))
    )


def index_object(obj) -> SearchEntry | None:
    """Index an object through its search document (None when it is not public)."""
    return index_document(*object_key(obj), document_for(obj))


def remove_object(obj) -> None:
    content_type, object_id = object_key(obj)
    SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
