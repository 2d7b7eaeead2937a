"""Reading the index: exact substring search in Chinese, ranked, with highlighted snippets.

On PostgreSQL a GIN index of each chunk's character bigrams finds the chunks holding every bigram
of a term of two or more characters, and the normalised text of those confirms the term itself;
one-character queries and SQLite match the normalised text directly. Both give exactly the
objects whose text contains the query. Matching, ranking and paging happen in
the database: only the page of results shown is read.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Q, QuerySet
from django.db.models.expressions import RawSQL
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
VECTOR = "to_tsvector('simple'::regconfig, grams)"  # what the GIN index of migration 0006 holds


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


def _matching(term: str, columns: str) -> tuple[str, list[str]]:
    """SQL selecting `columns` of every chunk whose normalised text contains `term`."""
    table = SearchChunk._meta.db_table
    if connection.vendor != "postgresql":
        return f"SELECT {columns} FROM {table} WHERE instr(normal, %s) > 0", [term]  # noqa: S608
    if len(term) < 2:
        return f"SELECT {columns} FROM {table} WHERE strpos(normal, %s) > 0", [term]  # noqa: S608
    # The GIN index finds the chunks holding every bigram of the term without computing or
    # reading a vector (an AND of lexemes needs no recheck, where a phrase `<->` would compare
    # positions in each candidate's vector); the normalised text then confirms the term itself,
    # so recall stays exact (a two-character term is one bigram: the index alone is exact).
    # OFFSET 0 keeps this a set of its own that the planner takes from the index, never a
    # per-row filter evaluated after joining the entries.
    grams = " & ".join(dict.fromkeys(bigram_tokens(term)))
    confirm, params = ("", [grams]) if len(term) == 2 else (" AND strpos(normal, %s) > 0", [grams, term])
    return f"SELECT {columns} FROM {table} WHERE {VECTOR} @@ to_tsquery('simple', %s){confirm} OFFSET 0", params  # noqa: S608


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
    contains = "instr(normal, %s) > 0" if connection.vendor != "postgresql" else "strpos(normal, %s) > 0"
    rows = SearchChunk.objects.filter(entry_id__in=entry_ids).extra(where=[contains], params=[term])
    for entry_id, text in rows.order_by("entry_id", "-weight", "position").values_list("entry_id", "text"):
        best.setdefault(entry_id, text)
    return best


def _ranked(terms: list[str], filters: Filters, limit: int, offset: int) -> list[tuple]:
    """(entry id, best weight, chunks matched, date, total) of one page, best first.

    One pass over the chunks holding the first term, joined once to the entries that may be
    shown (and hold the other terms): grouped per entry, ranked, counted (the window counts the
    groups) and cut to the page, all in the database.
    """
    entries = filtered_entries(filters)
    for term in terms[1:]:
        entries = entries.filter(pk__in=RawSQL(*_matching(term, "entry_id")))
    entries_sql, entries_params = entries.values("id", "date").query.sql_with_params()
    chunks_sql, chunks_params = _matching(terms[0], "entry_id, weight")
    sql = (
        "SELECT m.entry_id, MAX(m.weight), COUNT(*), MAX(e.date), COUNT(*) OVER ()"  # noqa: S608
        f" FROM ({chunks_sql}) m JOIN ({entries_sql}) e ON e.id = m.entry_id GROUP BY m.entry_id"
        " ORDER BY 2 DESC, 3 DESC, 4 DESC NULLS LAST, 1 LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*chunks_params, *entries_params, limit, offset])
        return cursor.fetchall()


def search(query: str, *, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> SearchResults:
    """Entries whose title or text contains every space-separated term of `query`.

    Ranked by the weightiest field holding the first term (title above metadata above body),
    then by how many of its chunks hold it, then newest first.
    """
    terms = terms_of(query)
    if not terms:
        return SearchResults(0, [])
    filters = filters or Filters()
    page = _ranked(terms, filters, limit, offset)
    if page:
        total = page[0][4]
    else:  # past the last page, or nothing: the first row of the first page holds the count
        first = _ranked(terms, filters, 1, 0) if offset else []
        total = first[0][4] if first else 0
    found = SearchEntry.objects.in_bulk([row[0] for row in page])
    texts = _best_texts(terms[0], list(found))
    hits = [
        Hit(entry=found[entry_id], score=best + matches / 100, snippet=_snippet(texts.get(entry_id, ""), terms[0]))
        for entry_id, best, matches, _date, _total in page
    ]
    return SearchResults(total=total, hits=hits)


def issuers() -> list[str]:
    """The issuing bodies of what may be shown, for the search filter."""
    return sorted(set(visible_entries().exclude(issuer="").values_list("issuer", flat=True).distinct()))
