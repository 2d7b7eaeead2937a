"""The Wagtail admin's page search finds Chinese text, drafts included (by title)."""

from wagtail.search.backends import get_search_backend

from content.fulltext.query import search
from content.models import PolicyDocumentPage


def test_the_admin_finds_a_two_character_word_in_published_text(admin_client, site_pages):
    response = admin_client.get("/admin/pages/search/results/", {"q": "核对平台"})
    assert response.status_code == 200
    assert "区民政局" in response.content.decode()


def test_the_admin_finds_drafts_by_title_the_public_does_not(admin_client, policy_index):
    draft = PolicyDocumentPage(
        title="困难老人助餐服务办法（草稿）", slug="draft", issuing_body="陈仓区民政局", live=False
    )
    policy_index.add_child(instance=draft)
    body = admin_client.get("/admin/pages/search/results/", {"q": "助餐"}).content.decode()
    assert "困难老人助餐服务办法" in body
    assert search("助餐").total == 0


def test_a_chinese_query_with_no_match_finds_nothing(site_pages):
    from wagtail.models import Page

    assert list(get_search_backend().autocomplete("不存在的词语", Page.objects.all())) == []
