"""The public walk: home → policies → filter → a document → a unit's duties → search → a suggestion, all accessible."""

import pytest

from content.demo.texts import NOTICE
from tests.e2e.conftest import loaded_html, serious_accessibility_violations


@pytest.fixture
def site(settings, django_capture_on_commit_callbacks):
    from content.demo import load_site
    from content.demo.disclosure import load_disclosure_column
    from coordination.demo import load_accounts, load_units

    quiet = lambda line: None  # noqa: E731
    load_accounts(load_units(quiet), quiet)
    with django_capture_on_commit_callbacks(execute=True):
        load_disclosure_column(load_site(quiet), quiet)


def test_a_visitor_finds_policies_duties_and_search_results(live_server, page, site):
    page.goto(live_server.url + "/")
    assert serious_accessibility_violations(page) == []
    page.click("nav.site-nav >> text=政策文件")
    assert page.locator("h1").inner_text() == "政策文件"
    assert serious_accessibility_violations(page) == []

    page.select_option("#id_topic", label="机构职能")
    page.click("form.filters button[type=submit]")
    assert page.locator(".card").count() == 1
    page.click(f"text={NOTICE['title']}")
    metadata = page.locator("table.metadata").inner_text()
    assert NOTICE["index_number"] in metadata and NOTICE["doc_number"] in metadata
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download:
        page.click(".attachments a")
    assert "区民政局" in download.value.path().read_text(encoding="utf-8")

    page.click("nav.site-nav >> text=成员单位")
    assert serious_accessibility_violations(page) == []
    page.click("ol.unit-grid a:text-is('区民政局')")
    assert "核对平台" in page.locator("ol.duties").inner_text()

    page.fill("#site-search-q", "临时救助")
    page.press("#site-search-q", "Enter")
    assert "共找到" in page.locator(".result-count").inner_text()
    assert serious_accessibility_violations(page) == []
    page.click(".search-result >> nth=0 >> a")
    assert "临时救助" in loaded_html(page)

    page.go_back()
    typo = NOTICE["title"][:5] + NOTICE["title"][6:]
    page.fill("#search-q", typo)
    page.select_option("#search-kind", "policy")
    page.press("#search-date_to", "Enter")  # the whole form by keyboard: Enter in any field submits it
    assert page.locator(".search-result").count() == 0
    assert serious_accessibility_violations(page) == []
    page.click(f".search-suggestions a:text-is('{NOTICE['title']}')")
    assert page.locator(".search-result h2 a").first.inner_text() == NOTICE["title"]


def test_the_home_page_reads_well_on_a_phone(live_server, page, site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
