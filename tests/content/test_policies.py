import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import PolicyDocumentPage, PortalSettings


def add_policy(index, **fields):
    defaults = {
        "title": "测试文件",
        "slug": f"t-{PolicyDocumentPage.objects.count()}",
        "issuing_body": "陈仓区民政局",
        "publish_date": datetime.date(2026, 3, 1),
    }
    page = PolicyDocumentPage(**{**defaults, **fields})
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()  # the 索引号 is taken on publication
    return page


def test_the_policy_page_shows_the_disclosure_metadata_table(client, site_pages):
    body = client.get("/policies/notice-2022-45/").content.decode()
    for text in (
        "索引号",
        "610300-11610304016006562W/2022-00084",
        "发布机构",
        "陈仓区人民政府办公室",
        "宝陈政办发〔2022〕45号",
        "成文日期",
        "2022-06-10",
        "有效性",
        "主动公开",
        "成员单位工作职责",
    ):
        assert text in body


def test_a_repealed_policy_links_to_the_one_that_replaces_it(client, site_pages):
    body = client.get("/policies/policy-2/").content.decode()
    assert "废止" in body
    assert "/policies/policy-3/" in body


def test_a_valid_policy_cannot_name_a_replacement(policy_index, site_pages):
    page = PolicyDocumentPage.objects.get(slug="policy-1")
    page.replaced_by = PolicyDocumentPage.objects.get(slug="policy-3")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "replaced_by" in error.value.message_dict


def test_index_numbers_follow_the_configured_pattern_and_never_repeat(policy_index):
    settings = PortalSettings.objects.get()
    settings.index_code, settings.index_pattern = "610304-TEST", "{code}/{year}-{serial:04d}"
    settings.save()
    first = add_policy(policy_index, publish_date=datetime.date(2027, 1, 2))
    second = add_policy(policy_index, publish_date=datetime.date(2027, 5, 6))
    assert (first.index_number, second.index_number) == ("610304-TEST/2027-0001", "610304-TEST/2027-0002")


def test_an_explicit_index_number_must_be_unique(policy_index):
    with pytest.raises(ValidationError):
        add_policy(policy_index, index_number="610300-11610304016006562W/2022-00084")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", ["陈仓区临时救助实施办法"]),
        ("topic=dibao", ["陈仓区城乡最低生活保障审核确认办法（2025年修订）", "陈仓区城乡最低生活保障审核确认办法"]),
        ("issuer=陈仓区医疗保障局", ["关于做好困难群众医疗救助工作的通知"]),
        ("validity=repealed", ["陈仓区城乡最低生活保障审核确认办法"]),
        (
            "topic=dibao&sort=old",
            ["陈仓区城乡最低生活保障审核确认办法", "陈仓区城乡最低生活保障审核确认办法（2025年修订）"],
        ),
    ],
)
def test_the_policy_list_filters_and_sorts(client, site_pages, query, expected):
    response = client.get(f"/policies/?{query}")
    titles = [doc.title for doc in response.context["documents"]]
    assert titles == expected


@pytest.mark.parametrize("query", ["year=abc", "topic=<script>", "page=999", "page=-1", "sort=sideways"])
def test_bad_filter_input_shows_the_list_not_an_error(client, site_pages, query):
    response = client.get(f"/policies/?{query}")
    assert response.status_code == 200


def test_the_policy_list_paginates(client, policy_index):
    for i in range(12):
        add_policy(policy_index, title=f"批量文件{i}", slug=f"bulk-{i}")
    first = client.get("/policies/").context["documents"]
    assert len(first) == 10
    assert client.get("/policies/?page=2").context["documents"].number == 2


def test_the_policy_list_runs_the_same_number_of_queries_for_more_documents(client, policy_index):
    client.get("/policies/")  # warm the site and settings caches
    with CaptureQueriesContext(connection) as few:
        client.get("/policies/?sort=old")
    for i in range(8):
        add_policy(policy_index, title=f"再加文件{i}", slug=f"more-{i}")
    client.get("/policies/")  # warm the navigation cache again after the publications
    with CaptureQueriesContext(connection) as many:
        client.get("/policies/?sort=new")
    assert len(many) <= len(few)


def test_the_print_view_holds_the_metadata_and_text(client, site_pages):
    response = client.get("/policies/notice-2022-45/print/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "宝陈政办发〔2022〕45号" in body and "联席会议的职能" in body
    assert "site-header" not in body
