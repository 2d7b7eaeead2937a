"""Rebuilding the index beside the live one: search keeps its full results until the swap."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.fulltext import rebuild
from content.fulltext.models import SearchChunk, SearchEntry, SearchIndexState
from content.fulltext.query import search
from content.models import PolicyDocumentPage, PolicyIndexPage

TERM = "社会救助"


def titles(query: str = TERM) -> list[str]:
    """Every hit's title, duplicates kept: an entry found twice (old and new index) must show."""
    return sorted(hit.entry.title for hit in search(query, limit=1000).hits)


def add_policy(title: str, slug: str) -> PolicyDocumentPage:
    page = PolicyDocumentPage(
        title=title, slug=slug, issuing_body="陈仓区民政局", publish_date=datetime.date(2026, 11, 1)
    )
    PolicyIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_while_the_new_index_is_built_search_returns_the_old_results_in_full(site_pages):
    before = titles()
    assert len(before) >= 3
    generation = rebuild.start()
    rebuild.build(generation, rebuild.public_objects()[:1])  # interrupted after the first object
    assert titles() == before
    rebuild.build(generation, rebuild.public_objects())
    assert titles() == before
    rebuild.swap(generation)
    assert titles() == before
    assert set(SearchEntry.objects.values_list("generation", flat=True)) == {generation}


def test_after_the_swap_search_reads_the_new_index(site_pages):
    page = PolicyDocumentPage.objects.live().first()
    old_title = page.title
    generation = rebuild.start()
    # Changed in the database behind the index's back (as a rebuild after a bug fix would find it).
    PolicyDocumentPage.objects.filter(pk=page.pk).update(title=f"{TERM}重建后的标题")
    rebuild.build(generation, rebuild.public_objects())
    assert f"{TERM}重建后的标题" not in titles()
    rebuild.swap(generation)
    found = titles()
    assert f"{TERM}重建后的标题" in found and old_title not in found


def test_a_page_published_during_the_rebuild_is_in_both_indexes(site_pages, django_capture_on_commit_callbacks):
    generation = rebuild.start()
    objects = rebuild.public_objects()  # read before the publication
    with django_capture_on_commit_callbacks(execute=True):  # indexed by its task, after the commit
        add_policy(f"{TERM}重建期间发布的文件", "during")
    assert f"{TERM}重建期间发布的文件" in titles()  # the live index has it at once
    rebuild.build(generation, objects)
    rebuild.swap(generation)
    assert f"{TERM}重建期间发布的文件" in titles()
    assert SearchEntry.objects.filter(title=f"{TERM}重建期间发布的文件").count() == 1


def test_an_interrupted_rebuild_is_discarded_by_the_next(site_pages):
    before = titles()
    abandoned = rebuild.start()
    rebuild.build(abandoned, rebuild.public_objects()[:2])
    call_command("rebuild_search_index", stdout=io.StringIO())
    state = SearchIndexState.objects.get()
    assert state.building is None
    assert set(SearchEntry.objects.values_list("generation", flat=True)) == {state.live}
    assert SearchEntry.objects.count() == len(rebuild.public_objects())
    assert titles() == before


def test_the_build_writes_in_bulk_not_per_object(site_pages):
    objects = rebuild.public_objects()
    generation = rebuild.start()
    with CaptureQueriesContext(connection) as queries:
        rebuild.build(generation, objects)
    assert len(objects) > 30
    inserts = [q for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) <= 8  # entries, chunks, suggestions, grams (chunks and grams in batches)
    assert SearchChunk.objects.filter(entry__generation=generation).count() > len(objects)


def vacuums_of_the_chunks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s", [SearchChunk._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM is PostgreSQL's (CI's second pass)")
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_on_postgresql_vacuums_the_generation_it_deleted(committed_site_pages):
    call_command("rebuild_search_index", stdout=io.StringIO())
    before = vacuums_of_the_chunks()
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert vacuums_of_the_chunks() == before + 1
    assert titles()
