"""What a rendered public page costs in queries: its cached fragments current, and after a bump.

A visitor the page cache does not serve (a cookie it does not know, as a session would be) still
gets the fragments cached under the public generation: once they are current, a page runs no
more queries than routing, the footer and the breadcrumbs need, however much it lists."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from content.cache import PUBLIC
from content.demo import load_standing_measures
from content.models import PolicyDocumentPage, UnitPage
from coordination.models import ActionItem, MemberUnit
from coordination.public import measures_of_policy, measures_of_unit

UNCACHED = "pubperf-test"  # not one of the page cache's harmless cookies


@pytest.fixture
def visitor(client):
    client.cookies[UNCACHED] = "1"
    return client


@pytest.fixture
def site_with_measures(site_pages, office_user):
    load_standing_measures(office_user, lambda line: None)
    return site_pages


def pages() -> dict[str, str]:
    unit = UnitPage.objects.get(unit__short_name="区民政局")
    policy = PolicyDocumentPage.objects.get(url_path__endswith="/notice-2022-45/")
    return {"home": "/", "policies": "/policies/", "replies": "/replies/", "unit": unit.url, "policy": policy.url}


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Routing (site, one query per level of the path: the page with its specific row, view
# restrictions) and the footer's settings; the breadcrumbs take the ancestors routing read.
@pytest.mark.parametrize(("name", "most"), [("home", 5), ("policies", 6), ("replies", 6), ("unit", 7), ("policy", 7)])
def test_a_page_whose_fragments_are_current_runs_only_the_routing_queries(visitor, site_with_measures, name, most):
    url = pages()[name]
    visitor.get(url)
    assert queries_of(visitor, url) <= most


def test_a_bump_renders_the_unit_page_again_with_what_changed(visitor, site_with_measures):
    url = pages()["unit"]
    visitor.get(url)
    item = ActionItem.objects.filter(
        source=ActionItem.Source.STANDING_MEASURE, lead_unit__short_name="区民政局"
    ).first()
    item.title = "改写后的常态化措施"
    item.save()  # a standing measure bumps the generation (coordination/invalidation.py)
    assert "改写后的常态化措施" in visitor.get(url).content.decode()


def test_the_filter_choices_are_found_again_after_a_bump(visitor, site_pages, policy_index):
    visitor.get("/policies/")
    page = PolicyDocumentPage(issuing_body="新设的发布机构", slug="fresh-issuer", title="新机构的文件")
    policy_index.add_child(instance=page)
    page.save_revision().publish()
    assert "新设的发布机构" in visitor.get("/policies/").content.decode()


def test_the_unit_page_renders_in_the_same_queries_with_more_measures(visitor, site_with_measures):
    url = pages()["unit"]
    PUBLIC.advance()
    before = queries_of(visitor, url)
    unit = MemberUnit.objects.get(short_name="区民政局")
    others = list(MemberUnit.objects.exclude(pk=unit.pk)[:3])
    for n in range(5):
        item = ActionItem.objects.create(
            source=ActionItem.Source.STANDING_MEASURE,
            source_reference=f"陈社救联发〔2026〕{90 + n}号 第1条",
            title=f"新增措施{n}",
            lead_unit=others[n % 3] if n % 2 else unit,
        )
        item.co_units.set([unit, *others] if n % 2 else others)
    PUBLIC.advance()
    page = visitor.get(url).content.decode()
    assert all(f"新增措施{n}" in page for n in range(5))
    PUBLIC.advance()
    assert queries_of(visitor, url) == before


def test_the_measures_are_read_in_two_queries_with_their_co_units(site_with_measures):
    unit = MemberUnit.objects.get(short_name="区民政局")
    with CaptureQueriesContext(connection) as queries:
        measures = measures_of_unit(unit)
    assert len(queries) == 2 and measures
    led = ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE, lead_unit=unit).exclude(
        status=ActionItem.Status.CANCELLED
    )
    co = ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE, co_units=unit).exclude(
        status=ActionItem.Status.CANCELLED
    )
    assert [m.title for m in measures] == [i.title for i in (led | co).distinct().order_by("pk")]
    item = co.prefetch_related("co_units").first()
    listed = next(m for m in measures if m.title == item.title)
    expected = [u.short_name for u in sorted(item.co_units.all(), key=lambda u: u.order)]
    assert list(listed.co_operators[: len(expected)]) == expected


def test_a_policy_reads_its_measures_in_two_queries(site_with_measures):
    notice = PolicyDocumentPage.objects.get(url_path__endswith="/notice-2022-45/")
    with CaptureQueriesContext(connection) as queries:
        measures = measures_of_policy(notice.doc_number)
    assert len(queries) == 2 and measures


def test_a_page_restricted_later_leaves_the_cached_lists(visitor, site_pages):
    from wagtail.models import PageViewRestriction

    latest = PolicyDocumentPage.objects.live().order_by("-publish_date", "-pk").first()
    assert latest.url in visitor.get("/").content.decode()
    PageViewRestriction.objects.create(page=latest, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert latest.url not in visitor.get("/").content.decode()


@pytest.mark.parametrize("name", ["policies", "unit", "policy"])
def test_the_breadcrumbs_name_every_ancestor_below_the_root(visitor, site_pages, name):
    url = pages()[name]
    page = Page.find_for_request(RequestFactory().get(url), url)
    crumbs = visitor.get(url).content.decode().split('class="breadcrumbs"')[1].split("</nav>")[0]
    expected = "".join(f'<li><a href="{a.url}">{a.title}</a></li>' for a in page.get_ancestors()[1:])
    assert expected in crumbs and page.get_ancestors().count() >= 2
