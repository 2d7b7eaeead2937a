"""The public search page: 文号 in any notation, 有效性 on results, suggestions, and filters."""

import re

import pytest
from django.test import override_settings

from content.demo import texts
from content.models import PolicyDocumentPage, UnitPage

NOTICE = texts.NOTICE


@pytest.fixture
def home(db):
    from content.demo import load_home

    return load_home(progress=lambda line: None)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def found_titles(response) -> list[str]:
    return [hit.entry.title for hit in response.context["results"].hits]


def found_titles_of(results) -> set[str]:
    return {hit.entry.title for hit in results.hits}


def result_items(response) -> dict[str, str]:
    """Each result's title and the HTML of its list item."""
    items = re.findall(r'<li class="search-result">(.*?)</li>', response.content.decode(), re.S)
    return {re.search(r'<a href="[^"]*">([^<]*)</a>', item).group(1): item for item in items}


def test_the_notice_is_found_by_its_number_with_any_brackets_and_spaces(client, site_pages):
    number = NOTICE["doc_number"]  # printed with 〔〕
    year = re.search(r"〔(\d{4})〕", number).group(1)
    variants = [
        number.replace("〔", opening).replace("〕", closing) for opening, closing in ["()", "（）", "[]", "【】"]
    ]
    variants += [number.replace("〔", " 〔").replace("〕", "〕 ").replace("号", " 号"), f"（{year}）"]
    for variant in variants:
        assert NOTICE["title"] in found_titles(search(client, q=variant)), variant


def test_a_repealed_policy_is_marked_in_the_results(client, site_pages):
    repealed = PolicyDocumentPage.objects.get(validity=PolicyDocumentPage.Validity.REPEALED)
    items = result_items(search(client, q=repealed.title))
    assert 'class="badge badge--repealed">有效性：废止</span>' in items[repealed.title]
    assert 'class="badge badge--valid">有效性：有效</span>' in items[repealed.replaced_by.title]


def test_a_typo_in_a_title_suggests_it_and_the_suggestion_finds_the_document(client, site_pages):
    title = NOTICE["title"]
    typo = title[:5] + title[6:]  # one character missing
    response = search(client, q=typo)
    assert response.context["results"].total == 0  # the suggestion adds no hit
    assert "您是不是要找：" in response.content.decode()
    text, link = response.context["suggestions"][0]
    assert text == title
    assert title in found_titles(client.get(f"/search/?{link}"))


def test_the_type_filter_narrows_the_results(client, site_pages):
    everything = search(client, q="民政局").context["results"].total
    response = search(client, q="民政局", kind="unit")
    units = response.context["results"]
    assert 0 < units.total < everything
    assert {hit.entry.kind for hit in units.hits} == {"unit"}
    assert set(found_titles(response)) <= set(UnitPage.objects.values_list("title", flat=True))


def test_issuer_and_date_range_narrow_the_results_and_combine(client, site_pages):
    issuer = NOTICE["issuing_body"]
    day = NOTICE["publish_date"].isoformat()
    by_issuer = search(client, q="救助", issuer=issuer).context["results"]
    assert by_issuer.total >= 1
    assert {hit.entry.issuer for hit in by_issuer.hits} == {issuer}
    on_the_day = search(client, q="救助", date_from=day, date_to=day).context["results"]
    assert found_titles_of(on_the_day) == {NOTICE["title"]}
    after = search(client, q="救助", issuer=issuer, date_from="2022-06-15").context["results"]
    assert after.total == 0


def test_pages_of_results_keep_the_filters(client, site_pages):
    first = search(client, q="救", kind="unit")
    assert first.context["pages"].paginator.num_pages > 1
    assert re.search(r'href="\?[^"]*kind=unit[^"]*&amp;page=2"', first.content.decode())
    second = search(client, q="救", kind="unit", page="2").context["results"]
    assert second.hits and {hit.entry.kind for hit in second.hits} == {"unit"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2024-13-45"}, "请输入有效的日期，如 2024-01-31。"),
        ({"date_to": "昨天"}, "请输入有效的日期，如 2024-01-31。"),
        ({"date_from": "2025-01-02", "date_to": "2025-01-01"}, "截止日期不能早于起始日期。"),
        ({"kind": "<x>"}, "选择一个有效的选项"),
    ],
)
def test_bad_filters_are_form_errors_not_failures(client, home, params, message):
    response = search(client, q="救助", **params)
    body = response.content.decode()
    assert message in body
    assert 'aria-invalid="true"' in body
    assert response.context["results"] is None


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_form_speaks_english(client, home):
    client.cookies["django_language"] = "en"
    body = search(client, q="救助", date_from="2024-13-45").content.decode()
    assert "Enter a valid date, e.g. 2024-01-31." in body
    assert "Published from" in body


def test_the_filter_selects_render_as_django_selects(site_pages):
    from django import forms

    from content.forms import SearchForm

    quick, plain = SearchForm({"q": "救助", "kind": "policy"}), SearchForm({"q": "救助", "kind": "policy"})
    for name in ("kind", "issuer"):
        plain.fields[name].widget.__class__ = forms.Select
    assert [str(quick[name]) for name in quick.fields] == [str(plain[name]) for name in plain.fields]


def test_a_newly_published_issuer_is_offered_in_the_filter(client, site_pages, django_capture_on_commit_callbacks):
    issuers = lambda: [v for v, _ in search(client, q="救助").context["form"].fields["issuer"].choices]  # noqa: E731
    assert "陈仓区乡村振兴局" not in issuers()  # and the choices are now remembered for this generation
    page = PolicyDocumentPage.objects.get(slug="policy-1")
    page.issuing_body = "陈仓区乡村振兴局"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "陈仓区乡村振兴局" in issuers()
