"""Rebuilding the whole index without a moment of half-empty search.

The new generation is built beside the live one, in bulk and in batches; one short transaction
then makes it live, and only after that are the old rows deleted. Searches read the live
generation throughout (indexing.live_generation). Changes published while the rebuild runs are
written to both generations (indexing.index_document), and the rebuild leaves alone what such a
change already wrote into the new one: that is newer than what the rebuild read at its start.
On PostgreSQL the deleted generation is vacuumed at once: until it is, every search's scans step
over as many dead rows as the index holds (about 3 × slower at the load data's volume after one
rebuild, and more after each further one where autovacuum is late or off).
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Max
from wagtail.models import Page

from content.cache import bump

from .indexing import object_key, write_entries
from .models import SearchChunk, SearchEntry, SearchIndexState, SearchSuggestion, SuggestionGram
from .registry import document_for, sources

BATCH = 200


def public_objects() -> list:
    """Everything the index should hold: live public pages with a search document, and registered sources."""
    pages = [p for p in Page.objects.live().public().specific() if hasattr(p, "search_document")]
    return pages + [obj for source in sources() for obj in source()]


@transaction.atomic
def start() -> int:
    """Open a new generation to build, discarding what an interrupted rebuild left."""
    state, _created = SearchIndexState.objects.select_for_update().get_or_create(pk=1)
    _delete_generations_except(state.live)
    highest = SearchEntry.objects.aggregate(highest=Max("generation"))["highest"] or 0
    state.building = max(highest, state.live) + 1
    state.save(update_fields=["building"])
    return state.building


def build(generation: int, objects: list, progress: Callable[[int, int], None] | None = None) -> int:
    """Index `objects` into `generation` (not yet searched), BATCH objects per transaction."""
    written = 0
    for start_at in range(0, len(objects), BATCH):
        batch = objects[start_at : start_at + BATCH]
        with transaction.atomic():
            keys = [object_key(obj) for obj in batch]
            already = set(
                SearchEntry.objects.filter(generation=generation, object_id__in=[oid for _ct, oid in keys]).values_list(
                    "content_type_id", "object_id"
                )
            )
            documents = [
                (ct, oid, doc)
                for (ct, oid), obj in zip(keys, batch, strict=True)
                if (ct.pk, oid) not in already and (doc := document_for(obj)) is not None
            ]
            written += len(write_entries(generation, documents))
        if progress:
            progress(min(start_at + BATCH, len(objects)), len(objects))
    return written


def swap(generation: int) -> None:
    """Make `generation` the one searched, then delete the old one."""
    with transaction.atomic():
        state = SearchIndexState.objects.select_for_update().get(pk=1)
        state.live, state.building = generation, None
        state.save(update_fields=["live", "building"])
    with transaction.atomic():
        _delete_generations_except(generation)
    _vacuum()
    bump()  # cached search pages showed the old generation


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the index from what is public now; returns the number of entries."""
    objects = public_objects()
    generation = start()
    build(generation, objects, progress)
    swap(generation)
    return SearchEntry.objects.filter(generation=generation).count()


def _delete_generations_except(generation: int) -> None:
    # Leaves first, each one DELETE, so deleting the entries has nothing left to cascade over.
    old = SearchEntry.objects.exclude(generation=generation)
    SuggestionGram.objects.filter(suggestion__entry__in=old).delete()
    SearchSuggestion.objects.filter(entry__in=old).delete()
    SearchChunk.objects.filter(entry__in=old).delete()
    old.delete()


def _vacuum() -> None:
    """VACUUM (ANALYZE) the index's tables on PostgreSQL, which refuses it inside a transaction:
    a caller holding one (a test's) leaves it to autovacuum."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (SearchEntry, SearchChunk, SearchSuggestion, SuggestionGram)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")
