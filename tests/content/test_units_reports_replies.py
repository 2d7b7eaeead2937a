import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import UnitIndexPage
from coordination.models import Proposal, Reply


def test_the_unit_index_lists_the_27_in_notice_order_grouped_by_kind(client, site_pages):
    response = client.get("/units/")
    groups = response.context["unit_groups"]
    assert [label for label, _pages in groups] == ["党委部门", "政府部门", "群团组织", "金融机构"]
    assert sum(len(pages) for _label, pages in groups) == 27
    government = [p.unit.short_name for p in groups[1][1]]
    assert government[:3] == ["区发改局", "区教体局", "区公安分局"]
    body = response.content.decode()
    assert body.index("召集人") < body.index("党委部门")


def test_the_unit_index_query_count_does_not_grow_with_units(client, site_pages):
    index = UnitIndexPage.objects.get()
    with CaptureQueriesContext(connection) as queries:
        index.unit_groups()
    assert len(queries) <= 2


def test_a_unit_page_numbers_its_responsibilities(client, site_pages):
    body = client.get("/units/unit-06/").content.decode()
    assert "宝鸡市陈仓区民政局" in body
    assert body.count("<li>") >= 3 and "核对平台" in body


def test_a_report_shows_its_figures_as_numbers_and_as_a_chart(client, site_pages):
    body = client.get("/reports/report-1/").content.decode()
    assert '<svg class="bar-chart"' in body
    assert "6430" in body and "农村低保" in body


def test_the_report_list_filters_by_kind(client, site_pages):
    reports = client.get("/reports/?kind=circular").context["reports"]
    assert [r.title for r in reports] == ["2026年第三季度议定事项落实情况通报"]
    assert client.get("/reports/?kind=nonsense").status_code == 200


@pytest.fixture
def hidden_reply(site_pages):
    """A signed-off reply that the unit decided not to disclose."""
    proposal = Proposal.objects.get(number="27")
    return Reply.objects.create(
        proposal=proposal,
        unit=proposal.lead_unit,
        status=Reply.Status.SIGNED_OFF,
        body="内部答复正文，不公开",
        reply_date=datetime.date(2026, 7, 1),
        category="C",
        disclosure=Reply.Disclosure.NOT_DISCLOSED,
        non_disclosure_reason="涉及个人隐私",
        doc_number="陈民建函〔2026〕9号",
    )


def test_disclosed_replies_are_listed_with_their_fields(client, site_pages):
    response = client.get("/replies/")
    assert response.context["replies"].paginator.count == 3
    reply = Reply.objects.get(proposal__number="27")
    body = client.get(f"/replies/{reply.pk}/").content.decode()
    for text in (
        "陈民建函〔2026〕4号",
        "B类",
        "张志强",
        "区第十九届人大第三次会议",
        "关于提高困难群众临时救助标准的建议",
    ):
        assert text in body


def test_phone_numbers_are_removed_from_disclosed_replies(client, site_pages):
    reply = Reply.objects.get(proposal__number="27")
    body = client.get(f"/replies/{reply.pk}/").content.decode()
    assert "0917-6212345" not in body
    assert "电话已隐去" in body
    assert "刘洋" in body


def test_an_undisclosed_reply_is_nowhere_public(client, hidden_reply):
    assert client.get(f"/replies/{hidden_reply.pk}/").status_code == 404
    assert "陈民建函〔2026〕9号" not in client.get("/replies/").content.decode()
    assert f"/replies/{hidden_reply.pk}/" not in client.get("/sitemap.xml").content.decode()
    assert "陈民建函〔2026〕9号" not in client.get("/feeds/replies/").content.decode()


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("kind=cppcc", 1),
        ("kind=npc", 2),
        ("category=A", 2),
        ("year=2026", 3),
        ("session=区政协第十届第四次会议", 1),
        ("year=1999x", 3),
        ("unit=notanumber", 3),
    ],
)
def test_the_reply_list_filters(client, site_pages, query, count):
    response = client.get(f"/replies/?{query}")
    assert response.status_code == 200
    assert response.context["replies"].paginator.count == count


def test_the_sitemap_lists_pages_and_disclosed_replies(client, site_pages):
    body = client.get("/sitemap.xml").content.decode()
    reply = Reply.objects.get(proposal__number="41")
    assert "/policies/notice-2022-45/" in body
    assert f"/replies/{reply.pk}/" in body


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/policies/",
        "/feeds/policies/atom/",
        "/feeds/replies/",
        "/feeds/replies/atom/",
        "/feeds/reports/",
        "/feeds/reports/atom/",
    ],
)
def test_feeds_answer_with_items(client, site_pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"<item>") + response.content.count(b"<entry>") >= 3


def test_publishing_a_policy_refreshes_the_cached_home_page(client, site_pages, policy_index):
    from content.models import PolicyDocumentPage

    assert "新发布的测试政策" not in client.get("/").content.decode()
    page = PolicyDocumentPage(
        title="新发布的测试政策", slug="fresh", issuing_body="陈仓区民政局", publish_date=datetime.date(2026, 11, 1)
    )
    policy_index.add_child(instance=page)
    page.save_revision().publish()
    assert "新发布的测试政策" in client.get("/").content.decode()
