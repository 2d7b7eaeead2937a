"""A suggestion from registration to a disclosed, rated reply that the public finds by search."""

import re

import pytest
from django.utils import timezone

from content.demo import load_site
from coordination.demo import load_accounts, load_units
from coordination.models import Reply
from tests.e2e.conftest import loaded_html
from tests.e2e.test_meeting_cycle import login


@pytest.fixture
def world(settings, django_capture_on_commit_callbacks):
    quiet = lambda line: None  # noqa: E731
    units = load_units(quiet)
    load_accounts(units, quiet)
    with django_capture_on_commit_callbacks(execute=True):
        load_site(quiet)


def test_a_suggestion_is_answered_signed_off_disclosed_rated_and_found(live_server, page, world):
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/proposals/new/")
    page.select_option("#id_kind", "npc")
    page.fill("#id_session", "区第十九届人大第四次会议")
    page.fill("#id_number", "56")
    page.fill("#id_title", "关于为独居老人安装应急呼叫设备的建议")
    page.fill("#id_received_on", "2026-10-09")
    page.fill("#id_proposers", "赵敏，13912345678")
    page.select_option("#id_lead_unit", label="区民政局")
    page.click("form.form button[type=submit]")
    assert "已登记并交办" in loaded_html(page)
    detail = page.url

    login(page, live_server, "liaison06")
    page.goto(detail)
    page.select_option("#id_category", "B")
    page.fill("#id_body", "我局已将独居老人应急呼叫纳入明年民生实事，先在三个街道试点安装烟感和一键呼叫终端。")
    page.fill("#id_contact_person", "刘洋")
    page.fill("#id_contact_phone", "0917-6212345")
    page.click("text=保存答复稿")
    assert "答复稿已保存" in loaded_html(page)

    login(page, live_server, "leader06")
    page.goto(detail)
    imported = set(Reply.objects.exclude(doc_number="").values_list("doc_number", flat=True))
    page.click("form[action$='/sign-off/'] button")
    assert "答复已签发" in loaded_html(page)
    # The series goes on after the letters imported this year; it never repeats one of their numbers.
    signed = Reply.objects.get(proposal__number="56").doc_number
    assert re.fullmatch(rf"陈民建函〔{timezone.localdate().year}〕\d+号", signed) and signed not in imported
    assert signed in loaded_html(page)

    login(page, live_server, "liaison06")
    page.goto(detail)
    page.click("text=已寄出答复")
    assert "答复已寄出" in loaded_html(page)

    login(page, live_server, "office")
    page.goto(detail)
    page.check("input[name=rating][value=satisfied]")
    page.click("text=登记测评意见")
    assert "测评意见已登记" in loaded_html(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/search/?q=一键呼叫终端")
    result = page.locator(".search-result").first
    assert "第56号建议的复函" in result.inner_text()
    link = result.locator("a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    body = loaded_html(page)
    assert "B类" in body and "0917-6212345" not in body and "13912345678" not in body
