"""Near misses: "您是不是要找" phrases for a query that finds nothing or little.

Candidates are the titles and document numbers of indexed entries (so only what is published)
that share enough character bigrams with the query, counted in SQL; the few best are then
compared character by character. A suggestion is only a phrase to search for: it never adds a
hit to the results.
"""

from collections.abc import Collection

from django.db.models import Count

from .models import SearchSuggestion, SuggestionGram
from .query import Filters, filtered_entries, terms_of
from .text import bigrams

CANDIDATES = 50
SHORTEST = 3  # two characters with one wrong are anything


def substring_distance(query: str, text: str) -> int:
    """The fewest characters to add, drop or change in `query` for it to occur in `text`."""
    previous = [0] * (len(text) + 1)  # the match may start anywhere in `text`
    for i, char in enumerate(query, start=1):
        current = [i]
        for j, other in enumerate(text, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return min(previous)


def suggestions(query: str, *, filters: Filters | None = None, exclude: Collection[int] = (), limit: int = 5):
    """Titles and 文号 one or two characters away from `query`, closest first.

    `exclude` holds entries already among the results: suggesting them would send the visitor
    back to what they see.
    """
    wanted = "".join(terms_of(query))
    if len(wanted) < SHORTEST:
        return []
    allowed = 1 if len(wanted) <= 8 else 2
    grams = set(bigrams(wanted))
    # Each changed character spoils at most two bigrams of the query.
    needed = max(1, len(grams) - 2 * allowed)
    grams_found = SuggestionGram.objects.filter(
        gram__in=grams, suggestion__entry__in=filtered_entries(filters or Filters())
    )
    if exclude:
        grams_found = grams_found.exclude(suggestion__entry__in=exclude)
    candidates = (
        grams_found.values("suggestion")
        .annotate(shared=Count("pk"))
        .filter(shared__gte=needed)
        .order_by("-shared", "suggestion")[:CANDIDATES]
    )
    rows = SearchSuggestion.objects.filter(pk__in=[c["suggestion"] for c in candidates]).values_list("text", "normal")
    scored = sorted(
        (distance, len(normal), text)
        for text, normal in rows
        if 0 < (distance := substring_distance(wanted, normal)) <= allowed
    )
    return list(dict.fromkeys(text for _distance, _length, text in scored))[:limit]
