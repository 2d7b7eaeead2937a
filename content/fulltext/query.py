"""Reading the index: exact substring search in Chinese, ranked, with highlighted snippets.

On PostgreSQL a query of two or more characters is a phrase of bigram tokens matched against a
GIN-indexed tsvector; one-character queries and SQLite match the normalised text directly. Both
give exactly the objects whose text contains the query. Matching, ranking and paging happen in
the database: only the page of results shown is read.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, F, Max, Q, QuerySet, Window
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

from coordination.personal_data import mask_phones

from .indexing import live_generation
from .models import SearchChunk, SearchEntry
from .text import bigram_tokens, normalise_with_map, query_terms

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


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to: kinds of entry, one issuing body, a range of dates (inclusive)."""

    kinds: tuple[str, ...] = ()
    issuer: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def terms_of(query: str) -> list[str]:
    # A phone number is never a search term: an index built before masking must not confirm one.
    return query_terms(mask_phones((query or "")[:MAX_QUERY], replacement=" "))


def _match_sql(term: str) -> tuple[str, list[str]]:
    if connection.vendor == "postgresql":
        if len(term) >= 2:
            return "vector @@ to_tsquery('simple', %s)", [" <-> ".join(bigram_tokens(term))]
        return "strpos(normal, %s) > 0", [term]
    return "instr(normal, %s) > 0", [term]


def _chunks_containing(term: str) -> QuerySet:
    sql, params = _match_sql(term)
    return SearchChunk.objects.extra(where=[sql], params=params)


def visible_entries() -> QuerySet:
    """Entries that may be shown: of the live generation, pages only while live and public, whatever the index says."""
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    page_types = [ct.pk for ct in ContentType.objects.get_for_models(*page_models, for_concrete_models=False).values()]
    live = Page.objects.live().public().annotate(key=Cast("pk", output_field=CharField())).values("key")
    entries = SearchEntry.objects.filter(generation=live_generation())  # not a rebuild's half-built one
    return entries.filter(~Q(content_type_id__in=page_types) | Q(object_id__in=live))


def filtered_entries(filters: Filters) -> QuerySet:
    entries = visible_entries()
    if filters.kinds:
        entries = entries.filter(kind__in=filters.kinds)
    if filters.issuer:
        entries = entries.filter(issuer=filters.issuer)
    if filters.date_from:
        entries = entries.filter(date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(date__lte=filters.date_to)
    return entries


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


def _best_texts(term: str, entry_ids: list[int]) -> dict[int, str]:
    """For each entry, the text of its weightiest chunk containing `term`: where the snippet comes from."""
    best: dict[int, str] = {}
    rows = _chunks_containing(term).filter(entry_id__in=entry_ids).order_by("entry_id", "-weight", "position")
    for entry_id, text in rows.values_list("entry_id", "text"):
        best.setdefault(entry_id, text)
    return best


def search(query: str, *, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> SearchResults:
    """Entries whose title or text contains every space-separated term of `query`.

    Ranked by the weightiest field holding the first term (title above metadata above body),
    then by how many of its chunks hold it, then newest first.
    """
    terms = terms_of(query)
    if not terms:
        return SearchResults(0, [])
    entries = filtered_entries(filters or Filters())
    for term in terms[1:]:
        entries = entries.filter(pk__in=_chunks_containing(term).values("entry_id"))
    # One pass over the chunks holding the first term: grouped per entry, ranked, counted (the
    # window counts the groups) and cut to the page, all in the database.
    ranked = (
        _chunks_containing(terms[0])
        .filter(entry__in=entries)
        .values("entry_id")
        .annotate(best=Max("weight"), matches=Count("pk"), newest=Max("entry__date"), total=Window(Count("*")))
        .order_by("-best", "-matches", F("newest").desc(nulls_last=True), "entry_id")
    )
    page = list(ranked[offset : offset + limit])
    total = page[0]["total"] if page else (ranked.count() if offset else 0)
    ids = [row["entry_id"] for row in page]
    found = SearchEntry.objects.in_bulk(ids)
    texts = _best_texts(terms[0], ids)
    hits = [
        Hit(
            entry=found[row["entry_id"]],
            score=row["best"] + row["matches"] / 100,
            snippet=_snippet(texts.get(row["entry_id"], ""), terms[0]),
        )
        for row in page
    ]
    return SearchResults(total=total, hits=hits)


def issuers() -> list[str]:
    """The issuing bodies of what may be shown, for the search filter."""
    return sorted(set(visible_entries().exclude(issuer="").values_list("issuer", flat=True).distinct()))
