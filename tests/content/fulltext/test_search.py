"""Exact recall and precision of the Chinese search, on SQLite and on PostgreSQL alike."""

import datetime

import pytest

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document
from content.fulltext.models import SearchChunk
from content.fulltext.query import Filters, search

from .corpus import EXPECTED, LONG_ID, LONG_TEXT


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
    assert found("临时救助", filters=Filters(kinds=("reply",))) == {"9"}


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


def test_spaces_inside_a_document_number_keep_it_one_phrase(corpus):
    index_document(
        corpus,
        "32",
        SearchDocument(
            url="/x/", title="另一份通知", kind="policy", fields=[("宝陈政办发〔2022〕12号 附第45号名单", 5.0)]
        ),
    )
    assert found("宝陈政办发 〔2022〕 45 号") == {"6"}
    assert found("宝陈政办发 〔2022〕 12 号") == {"32"}


@pytest.mark.parametrize("pair", ["〔〕", "()", "（）", "[]", "【】", "［］"])
def test_a_number_printed_with_round_brackets_is_found_with_any_pair(corpus, pair):
    index_document(
        corpus,
        "33",
        SearchDocument(url="/x/", title="救助通知", kind="policy", fields=[("陈社救办发（2023）7 号", 5.0)]),
    )
    opening, closing = pair
    assert found(f"陈社救办发{opening}2023{closing}7号") == {"33"}
    assert found(f"陈社救办发 {opening}2023{closing} 7号") == {"33"}


@pytest.fixture
def dated(corpus):
    for object_id, issuer, date in [
        ("41", "区民政局", datetime.date(2024, 3, 1)),
        ("42", "区民政局", datetime.date(2025, 6, 30)),
        ("43", "区医保局", datetime.date(2025, 7, 1)),
    ]:
        index_document(
            corpus,
            object_id,
            SearchDocument(url="/x/", title="冬季送温暖通知", kind="policy", date=date, issuer=issuer),
        )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), {"41", "42", "43"}),
        (Filters(issuer="区民政局"), {"41", "42"}),
        (Filters(date_from=datetime.date(2025, 6, 30)), {"42", "43"}),
        (Filters(date_to=datetime.date(2025, 6, 30)), {"41", "42"}),
        (Filters(issuer="区民政局", date_from=datetime.date(2025, 1, 1)), {"42"}),
        (Filters(kinds=("report",)), set()),
    ],
)
def test_filters_narrow_the_results_and_combine(dated, filters, expected):
    assert found("送温暖", filters=filters) == expected


def test_ranking_and_paging_take_the_same_queries_however_many_match(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        results = search("救", limit=3, offset=3)
    assert results.total == len(EXPECTED["救"])
    assert len(results.hits) == 3
