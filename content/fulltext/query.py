"""Reading the index: exact substring search in Chinese, ranked, with highlighted snippets.

On PostgreSQL a query of two or more characters is a phrase of bigram tokens matched against a
GIN-indexed tsvector; one-character queries and SQLite match the normalised text directly. Both
give exactly the objects whose text contains the query.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from coordination.personal_data import mask_phones

from .models import SearchChunk, SearchEntry
from .text import bigram_tokens, normalise, normalise_with_map

MAX_QUERY = 100
SNIPPET = 60


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    snippet: str


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]


def _matching_chunks(term: str):
    chunks = SearchChunk.objects.all()
    if connection.vendor == "postgresql" and len(term) >= 2:
        phrase = " <-> ".join(bigram_tokens(term))
        return chunks.extra(where=["vector @@ to_tsquery('simple', %s)"], params=[phrase])
    return chunks.filter(normal__contains=term)


def _hidden_page_entries(entry_ids) -> set[int]:
    """Entries of pages that are no longer live or public: never shown, whatever the index says."""
    page_types = set(SearchEntry.objects.filter(pk__in=entry_ids).values_list("content_type_id", flat=True))
    page_cts = [ct for ct in page_types if issubclass(ContentType.objects.get_for_id(ct).model_class() or object, Page)]
    if not page_cts:
        return set()
    rows = SearchEntry.objects.filter(pk__in=entry_ids, content_type_id__in=page_cts).values_list("pk", "object_id")
    visible = set(
        map(str, Page.objects.live().public().filter(pk__in=[o for _, o in rows]).values_list("pk", flat=True))
    )
    return {pk for pk, object_id in rows if object_id not in visible}


def _snippet(text: str, term: str) -> str:
    text = mask_phones(text)  # the index is masked too; this also covers entries stored before that
    normal, origin = normalise_with_map(text)
    at = normal.find(term)
    if at < 0:
        return escape(text[: SNIPPET * 2])
    start, end = origin[at], origin[at + len(term) - 1] + 1
    left = max(0, start - SNIPPET)
    before, match, after = text[left:start], text[start:end], text[end : end + SNIPPET]
    prefix = "…" if left else ""
    suffix = "…" if end + SNIPPET < len(text) else ""
    return mark_safe(f"{prefix}{escape(before)}<mark>{escape(match)}</mark>{escape(after)}{suffix}")


def search(query: str, *, kinds: list[str] | None = None, limit: int = 20, offset: int = 0) -> SearchResults:
    """Entries whose title or text contains every space-separated term of `query`."""
    # A phone number is never a search term: an index built before masking must not confirm one.
    terms = [normalise(t) for t in mask_phones((query or "")[:MAX_QUERY], replacement=" ").split()]
    terms = [t for t in terms if t]
    if not terms:
        return SearchResults(0, [])
    weights: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    best_chunk: dict[int, tuple[float, int]] = {}
    matched = None
    for number, term in enumerate(terms):
        rows = _matching_chunks(term)
        if kinds:
            rows = rows.filter(entry__kind__in=kinds)
        entries = set()
        for chunk_id, entry_id, weight in rows.values_list("pk", "entry_id", "weight"):
            entries.add(entry_id)
            weights[entry_id] = max(weights[entry_id], weight)
            counts[entry_id] += 1
            if number == 0 and weight > best_chunk.get(entry_id, (-1, 0))[0]:
                best_chunk[entry_id] = (weight, chunk_id)
        matched = entries if matched is None else matched & entries
    matched -= _hidden_page_entries(matched)
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=matched)}
    ranked = sorted(
        entries.values(),
        key=lambda e: (-weights[e.pk], -counts[e.pk], -(e.date.toordinal() if e.date else 0), e.pk),
    )
    page = ranked[offset : offset + limit]
    texts = dict(SearchChunk.objects.filter(pk__in=[best_chunk[e.pk][1] for e in page]).values_list("pk", "text"))
    hits = [
        Hit(entry=e, score=weights[e.pk] + counts[e.pk] / 100, snippet=_snippet(texts[best_chunk[e.pk][1]], terms[0]))
        for e in page
    ]
    return SearchResults(total=len(ranked), hits=hits)
