"""Exact recall and precision of the Chinese search, on SQLite and on PostgreSQL alike."""

import pytest
from django.contrib.contenttypes.models import ContentType

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document
from content.fulltext.models import SearchChunk
from content.fulltext.query import search

from .corpus import DATE, DOCS, EXPECTED, LONG_ID, LONG_TEXT


@pytest.fixture
def corpus(db):
    content_type = ContentType.objects.get_by_natural_key("auth", "user")  # any type: ids are the corpus ids
    for object_id, title, kind, fields in DOCS:
        index_document(
            content_type,
            object_id,
            SearchDocument(url=f"/d/{object_id}/", title=title, kind=kind, date=DATE, fields=fields),
        )
    index_document(
        content_type,
        LONG_ID,
        SearchDocument(url="/d/long/", title="长篇工作报告", kind="report", date=DATE, fields=[(LONG_TEXT, 1.0)]),
    )
    return content_type


def found(query, **kwargs) -> set[str]:
    results = search(query, limit=1000, **kwargs)
    return {hit.entry.object_id for hit in results.hits}


@pytest.mark.parametrize(("query", "expected"), sorted(EXPECTED.items()))
def test_every_document_containing_the_query_and_no_other(corpus, query, expected):
    assert found(query) == expected


def test_a_long_document_is_indexed_in_chunks_and_its_end_is_found(corpus):
    assert len(LONG_TEXT) > 20_000
    assert SearchChunk.objects.filter(entry__object_id=LONG_ID).count() > 20
    assert found("雪中送炭行动") == {LONG_ID}


def test_title_matches_rank_above_body_matches(corpus):
    hits = search("临时救助").hits
    assert hits[0].entry.object_id in {"1", "24"}
    assert [h.entry.object_id for h in hits][-1] in {"7", "9"}


def test_snippets_escape_text_and_mark_the_match(corpus, db):
    index_document(
        corpus,
        "99",
        SearchDocument(url="/x/", title="标题", kind="policy", fields=[("<b>加粗</b> 的临时救助说明", 1.0)]),
    )
    hit = next(h for h in search("临时救助").hits if h.entry.object_id == "99")
    assert "<mark>临时救助</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet


def test_kinds_filter_the_results(corpus):
    assert found("临时救助", kinds=["reply"]) == {"9"}


def test_removing_a_document_takes_it_out_of_results(corpus):
    index_document(corpus, "1", None)
    assert found("临时救助") == {"7", "9", "24"}


@pytest.mark.parametrize("query", ["", "   ", "救" * 500, "%", "_", "'; DROP TABLE x; --"])
def test_odd_queries_answer_without_error(corpus, query):
    search(query)


def test_results_are_paged_with_the_total(corpus):
    results = search("救", limit=5, offset=5)
    assert results.total == len(EXPECTED["救"])
    assert len(results.hits) == 5
