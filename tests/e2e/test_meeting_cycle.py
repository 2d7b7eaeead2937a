"""The meeting cycle in a real browser, from a liaison's topic to the issued minutes' PDF."""

import datetime

import pytest
from django.utils import timezone

from coordination import services
from coordination.demo import DEMO_PASSWORD, load_accounts, load_units
from coordination.models import ActionItem, Meeting, MemberUnit, Minutes
from tests.e2e.conftest import authenticator_of, loaded_html, pass_second_step


@pytest.fixture
def people(settings):
    quiet = lambda line: None  # noqa: E731
    units = load_units(quiet)
    accounts = load_accounts(units, quiet)
    return accounts, {u.short_name: u for u in units}


@pytest.fixture
def meeting(people):
    accounts, units = people
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=accounts["office"],
        kind=Meeting.Kind.REGULAR,
        starts_at=now + datetime.timedelta(days=3),
        place="区政府第一会议室",
        chair=accounts["convenor"],
        topic_deadline=now + datetime.timedelta(days=1),
        invited_units=[units["区民政局"], units["区教体局"], units["区财政局"]],
    )
    return services.meeting_notify(actor=accounts["office"], meeting=meeting)


def login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    device = authenticator_of(username)
    page.click("form.form button[type=submit]")
    if device:
        pass_second_step(page, device)
    page.wait_for_url("**/workbench/")


def answer(page, live_server, username, minutes_pk, *, agree, comment=""):
    login(page, live_server, username)
    page.goto(f"{live_server.url}/workbench/minutes/{minutes_pk}/")
    page.check("input[name=answer][value=agree]" if agree else "input[name=answer][value=changes]")
    if comment:
        page.fill("textarea[name=comment]", comment)
    page.click("text=提交意见")
    assert "本单位意见已提交" in loaded_html(page)


def test_the_whole_meeting_cycle(live_server, page, meeting):
    base = f"{live_server.url}/workbench/meetings/{meeting.pk}/"

    # A liaison proposes a topic for their unit.
    login(page, live_server, "liaison06")
    page.goto(base)
    page.click("text=提出议题")
    page.fill("#id_title", "研究提高临时救助审批效率")
    page.fill("#id_background", "急难型临时救助审批环节多，群众等待时间长。")
    page.fill("#id_decision_requested", "同意将小额临时救助审批权限下放到镇街。")
    page.click("form.form button[type=submit]")
    assert "议题已提交" in loaded_html(page)

    # The office puts it on the agenda and records the meeting as held.
    login(page, live_server, "office")
    page.goto(base)
    page.click("text=列入议程")
    assert "议题已列入议程" in loaded_html(page)
    # The meeting day comes: the office signs the units in and, once it has begun, records it held.
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - datetime.timedelta(minutes=30), topic_deadline=now - datetime.timedelta(days=1)
    )
    page.goto(base)
    page.click("text=签到与登记会议召开")
    for i in range(3):
        page.select_option(f"#id_form-{i}-status", "present")
        page.fill(f"#id_form-{i}-attendee", f"出席人{i}")
    page.click("button[name=hold]")
    assert "已登记会议召开" in loaded_html(page)

    # The office drafts the minutes with two agreed items.
    page.click("text=起草会议纪要")
    page.fill("#id_body", "会议研究了临时救助审批效率问题。")
    for i, (title, lead) in enumerate([("下放小额临时救助审批权限", "区民政局"), ("保障临时救助资金", "区财政局")]):
        page.fill(f"#id_items-{i}-title", title)
        page.select_option(f"#id_items-{i}-lead_unit", label=lead)
        page.fill(f"#id_items-{i}-deadline", "2027-03-31")
    page.check("#id_items-0-co_units label:has-text('区财政局') input")
    page.click("form.form button[type=submit]")
    assert "纪要初稿已保存" in loaded_html(page)
    minutes = Minutes.objects.get(meeting=meeting)

    deadline = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_deadline", deadline)
    page.click("text=征求与会单位意见")
    assert "已向出席单位征求意见" in loaded_html(page)

    # A liaison asks for a change; the office revises and circulates again.
    answer(page, live_server, "liaison04", minutes.pk, agree=False, comment="第二项请写明资金来源。")
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/minutes/{minutes.pk}/")
    assert "第二项请写明资金来源" in loaded_html(page)
    page.click("text=修改")
    page.fill("#id_items-1-title", "保障临时救助资金，由区级财政预算安排")
    page.fill("#id_note", "采纳区教体局意见")
    page.click("form.form button[type=submit]")
    assert "已保存为第 2 版" in loaded_html(page)
    page.fill("#id_deadline", deadline)
    page.click("text=征求与会单位意见")

    # Everyone agrees; the office closes the round and issues.
    for username in ("liaison06", "liaison04", "liaison08"):
        answer(page, live_server, username, minutes.pk, agree=True)
    login(page, live_server, "office")
    page.goto(f"{live_server.url}/workbench/minutes/{minutes.pk}/")
    page.click("text=结束意见征求")
    assert "意见征求已结束" in loaded_html(page)
    page.click("text=印发纪要")
    assert "纪要已印发" in loaded_html(page)

    with page.expect_download() as download:
        page.click("text=下载 PDF")
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")

    minutes.refresh_from_db()
    assert minutes.doc_number == f"陈社救联纪〔{timezone.localdate().year}〕1号"
    items = ActionItem.objects.filter(agreed_item__minutes=minutes).order_by("agreed_item__order")
    assert [(i.lead_unit.short_name, i.title) for i in items] == [
        ("区民政局", "下放小额临时救助审批权限"),
        ("区财政局", "保障临时救助资金，由区级财政预算安排"),
    ]
    assert list(items[0].co_units.all()) == [MemberUnit.objects.get(short_name="区财政局")]
