"""Near misses get suggestions from titles and document numbers; results stay exact."""

import pytest

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document
from content.fulltext.models import SearchSuggestion
from content.fulltext.query import Filters, search
from content.fulltext.suggest import substring_distance, suggestions


def found(query, **kwargs) -> set[str]:
    return {hit.entry.object_id for hit in search(query, limit=100, **kwargs).hits}


def entry_pk(object_id):
    return SearchSuggestion.objects.get(entry__object_id=object_id).entry_id


@pytest.mark.parametrize(
    ("query", "text", "distance"),
    [
        ("临时救助", "陈仓区临时救助实施办法", 0),
        ("临时求助", "陈仓区临时救助实施办法", 1),
        ("陈仓区临时救实施办法", "陈仓区临时救助实施办法", 1),
        ("陈仓区临时救助救助实施办法", "陈仓区临时救助实施办法", 2),
        ("低保", "", 2),
    ],
)
def test_substring_distance_counts_the_characters_to_change(query, text, distance):
    assert substring_distance(query, text) == distance


@pytest.mark.parametrize(
    ("typed", "meant", "object_id"),
    [
        ("陈仓区临时求助实施办法", "陈仓区临时救助实施办法", "1"),  # one character wrong
        ("城乡最低生活保审核确认办法", "城乡最低生活保障审核确认办法", "2"),  # one missing
        ("做好医了救助工作", "关于做好医疗救助工作的通知", "3"),  # part of a title, one character wrong
    ],
)
def test_a_typo_in_a_title_suggests_the_title_and_finds_nothing_itself(corpus, typed, meant, object_id):
    assert found(typed) == set()
    assert suggestions(typed)[0] == meant
    assert object_id in found(meant)


def test_a_typo_in_a_document_number_suggests_the_number(corpus):
    index_document(
        corpus,
        "50",
        SearchDocument(url="/x/", title="困难群众冬季送温暖通知", kind="policy", doc_number="陈民发〔2026〕11号"),
    )
    assert found("陈民发(2026)17号") == set()
    assert suggestions("陈民发(2026)17号") == ["陈民发〔2026〕11号"]


def test_what_the_query_already_finds_is_not_suggested(corpus):
    assert suggestions("临时救助实施办法") == []
    assert suggestions("陈仓区临时求助实施办法", exclude={entry_pk("1")}) == []


def test_suggestions_respect_the_filters(corpus):
    assert suggestions("陈仓区临时求助实施办法", filters=Filters(kinds=("policy",))) == ["陈仓区临时救助实施办法"]
    assert suggestions("陈仓区临时求助实施办法", filters=Filters(kinds=("reply",))) == []


@pytest.mark.parametrize("query", ["", "救", "救灾", "完全无关的一串文字内容", "'; DROP TABLE x; --"])
def test_short_or_far_queries_get_no_suggestion(corpus, query):
    assert suggestions(query) == []


def test_a_removed_entry_is_no_longer_suggested(corpus):
    index_document(corpus, "1", None)
    assert "陈仓区临时救助实施办法" not in suggestions("陈仓区临时求助实施办法")
