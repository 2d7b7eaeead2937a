"""Recall, order and cost of the search on many generated documents, on SQLite and PostgreSQL alike.

The oracle reads the stored chunks in Python: an entry is found when one of its chunks' normalised
text contains the term, and ranked by its weightiest such chunk, then how many chunks hold the
term, then newest, then entry id. The index's own path (bigrams on PostgreSQL) must agree.
"""

import datetime
import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document
from content.fulltext.models import SearchChunk
from content.fulltext.query import Filters, search

# Few characters, so that short terms are in most documents and long ones in some.
ALPHABET = "救助临时低保医疗困难家庭申请审核发放"
DAY = datetime.date(2025, 1, 1)


def _text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def _index(count: int, seed: int = 7) -> ContentType:
    rng = random.Random(seed)
    content_type = ContentType.objects.get_by_natural_key("auth", "user")
    for number in range(1, count + 1):
        index_document(
            content_type,
            str(number),
            SearchDocument(
                url=f"/d/{number}/",
                title=_text(rng, 8),
                kind=rng.choice(["policy", "report"]),
                date=DAY + datetime.timedelta(days=rng.randrange(30)) if rng.random() < 0.8 else None,
                # The body is sometimes longer than a chunk, so an entry can hold a term in several.
                fields=[(_text(rng, 12), 5.0), (_text(rng, rng.choice([40, 1500])), 1.0)],
            ),
        )
    return content_type


def _expected(term: str, kind: str = "") -> list[str]:
    per_entry: dict[int, list] = {}
    for chunk in SearchChunk.objects.select_related("entry"):
        if term in chunk.normal and kind in ("", chunk.entry.kind):
            best, matches, entry = per_entry.get(chunk.entry_id, (0.0, 0, chunk.entry))
            per_entry[chunk.entry_id] = (max(best, chunk.weight), matches + 1, entry)

    def key(item):
        entry_id, (best, matches, entry) = item
        newest = -entry.date.toordinal() if entry.date else 1  # newest first, undated last
        return (-best, -matches, newest, entry_id)

    return [entry.object_id for _id, (_b, _m, entry) in sorted(per_entry.items(), key=key)]


@pytest.mark.django_db
def test_random_terms_find_every_document_holding_them_in_the_stored_order():
    _index(40)
    rng = random.Random(3)
    terms = [_text(rng, length) for length in (1, 2, 2, 3, 4, 6) for _ in range(3)]
    checked = 0
    for term in terms:
        expected = _expected(term)
        results = search(term, limit=1000)
        assert results.total == len(expected), term
        assert [hit.entry.object_id for hit in results.hits] == expected, term
        checked += bool(expected)
    assert checked >= 10  # most random terms are in some document: the comparison is not vacuous


@pytest.mark.django_db
def test_a_common_term_is_counted_exactly_on_every_page_and_with_a_filter():
    _index(40)
    expected = _expected("救助")
    assert len(expected) > 14  # three pages of seven
    pages = [search("救助", limit=7, offset=offset) for offset in range(0, len(expected) + 7, 7)]
    assert {page.total for page in pages} == {len(expected)}
    assert [hit.entry.object_id for page in pages for hit in page.hits] == expected
    assert search("救助", limit=5, offset=1000).total == len(expected)  # past the last page
    narrowed = search("救助", filters=Filters(kinds=("report",)), limit=1000)
    assert [hit.entry.object_id for hit in narrowed.hits] == _expected("救助", kind="report")


@pytest.mark.django_db
def test_the_queries_of_a_search_do_not_grow_with_the_index():
    def queries_of_a_search() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert search("救助", limit=10).hits
            search("临时 救助", filters=Filters(kinds=("policy",)), limit=10)
        return len(captured.captured_queries)

    _index(5)
    few = queries_of_a_search()
    _index(60, seed=8)
    assert queries_of_a_search() == few
