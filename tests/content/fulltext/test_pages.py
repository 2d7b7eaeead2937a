"""The index follows publication: what is live and public is found, nothing else."""

import io
import random

from django.core.management import call_command
from wagtail.models import PageViewRestriction

from content.fulltext.models import SearchEntry, SearchSuggestion
from content.fulltext.query import Filters, search
from content.models import PolicyDocumentPage


def titles(query, **kwargs):
    return {hit.entry.title for hit in search(query, limit=100, **kwargs).hits}


def test_published_pages_are_found_through_the_celery_task(site_pages, django_capture_on_commit_callbacks):
    assert "陈仓区临时救助实施办法" in titles("临时救助")
    assert "区民政局" in titles("核对平台")


def test_an_unpublished_page_disappears(site_pages, django_capture_on_commit_callbacks):
    page = PolicyDocumentPage.objects.get(slug="policy-1")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "陈仓区临时救助实施办法" not in titles("临时救助")


def test_a_private_page_is_never_returned(site_pages):
    page = PolicyDocumentPage.objects.get(slug="policy-1")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert "陈仓区临时救助实施办法" not in titles("临时救助")


def test_a_draft_change_is_not_searchable_until_published(site_pages, django_capture_on_commit_callbacks):
    page = PolicyDocumentPage.objects.get(slug="policy-1")
    page.summary = "草稿中的新词：暖心驿站"
    with django_capture_on_commit_callbacks(execute=True):
        revision = page.save_revision()
    assert titles("暖心驿站") == set()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert titles("暖心驿站") == {"陈仓区临时救助实施办法"}


def test_disclosed_replies_are_searchable_by_their_body(site_pages):
    assert "对区第十九届人大第三次会议第41号建议的复函" in titles("出院时只需支付", filters=Filters(kinds=("reply",)))


def test_the_search_page_shows_highlighted_results(client, site_pages):
    body = client.get("/search/", {"q": "临时救助"}).content.decode()
    assert "<mark>临时救助</mark>" in body
    assert "陈仓区临时救助实施办法" in body


def test_the_search_page_handles_bad_input(client, site_pages):
    assert client.get("/search/", {"q": "救" * 300, "page": "abc", "kind": "<x>"}).status_code == 200


def test_seeded_runs_of_every_entrys_own_text_find_it(site_pages):
    """A few 4–6-character runs, drawn at random (seeded) from what each entry indexed, find that entry."""
    rng = random.Random(15)
    entries = list(SearchEntry.objects.prefetch_related("chunks"))
    assert {entry.kind for entry in entries} == {"policy", "unit", "report", "reply"}
    misses = []
    for entry in entries:
        chunks = [chunk.text for chunk in entry.chunks.all() if len(chunk.text.strip()) >= 6]
        for _ in range(3):
            text = rng.choice(chunks)
            length = rng.randint(4, 6)
            start = rng.randrange(len(text) - length + 1)
            run = text[start : start + length]
            if not run.strip():
                continue
            if entry.pk not in {hit.entry.pk for hit in search(run, limit=1000).hits}:
                misses.append((entry.title, run))
    assert misses == []


def test_the_rebuild_fills_what_entries_indexed_before_0004_lack(site_pages):
    SearchEntry.objects.update(issuer="", doc_number="", validity="")
    SearchSuggestion.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    repealed = PolicyDocumentPage.objects.get(validity=PolicyDocumentPage.Validity.REPEALED)
    entry = SearchEntry.objects.get(object_id=str(repealed.pk), kind="policy")
    assert (entry.issuer, entry.doc_number, entry.validity) == (
        repealed.issuing_body,
        repealed.doc_number,
        "repealed",
    )
    assert set(entry.suggestions.values_list("text", flat=True)) == {repealed.title, repealed.doc_number}
