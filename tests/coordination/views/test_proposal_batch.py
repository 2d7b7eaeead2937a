"""Batch registration from a sheet: the preview lists exactly what the confirmation registers; office only."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from coordination.models import Notification, Proposal

BATCH = "/workbench/proposals/batch/"
CONFIRM = "/workbench/proposals/batch/confirm/"
TEMPLATE = "/workbench/proposals/batch/template.xlsx"
HEADER = ["类别", "届次会议", "建议号", "题目", "提出人", "附议人", "承办单位", "会办单位", "交办日期", "答复时限"]
SESSION = "区第十九届人大第四次会议"


def upload(rows, name="交办.xlsx"):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    file = io.BytesIO(buffer.getvalue())
    file.name = name
    return file


ROWS = [
    [
        "建议",
        SESSION,
        "11",
        "关于提高低保标准的建议",
        "张三",
        "李四",
        "区民政局",
        "区财政局",
        "2026-03-20",
        "2026-06-20",
    ],
    ["建议", SESSION, "12", "关于医疗救助一站式结算的建议", "王五", "", "区医保局", "", "2026-03-20", ""],
    ["建议", SESSION, "11", "重复的一行", "赵六", "", "区民政局", "", "2026-03-20", ""],
    ["建议", SESSION, "13", "单位写错的一行", "钱七", "", "区火星局", "", "2026-03-20", ""],
    ["建议", SESSION, "14", '=HYPERLINK("http://evil.example")', "孙八", "", "区民政局", "", "2026-03-20", ""],
]


@pytest.fixture
def office(client, office_user, units):
    client.force_login(office_user)
    return client


def test_the_preview_lists_what_confirm_registers_and_each_refusal_with_its_reason(
    office, units, django_capture_on_commit_callbacks
):
    preview = office.post(BATCH, {"file": upload(ROWS)})
    assert preview.status_code == 200
    accepted = preview.context["accepted"]
    refused = {row.line: row.problems for row in preview.context["refused"]}
    assert [row.number for row in accepted] == ["11", "12"]
    assert set(refused) == {4, 5, 6}
    body = preview.content.decode()
    assert "与本表前面一行重复" in body and "区火星局" in body and "公式" in body
    assert not Proposal.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = office.post(CONFIRM, {"token": preview.context["token"]}, follow=True)
    assert done.redirect_chain[-1][0] == "/workbench/proposals/"
    shown = [
        (r.session, r.number, r.title, r.lead_unit.pk, sorted(u.pk for u in r.co_units), r.proposers, r.deadline)
        for r in accepted
    ]
    created = [
        (
            p.session,
            p.number,
            p.title,
            p.lead_unit_id,
            sorted(p.co_units.values_list("pk", flat=True)),
            list(p.proposers.values_list("name", flat=True)),
            p.deadline if p.number == "11" else None,
        )
        for p in Proposal.objects.order_by("number")
    ]
    assert created == shown
    assert str(Proposal.objects.get(number="11").assigned_on) == "2026-03-20"


def test_a_confirmed_preview_cannot_register_twice(office, units):
    preview = office.post(BATCH, {"file": upload(ROWS[:1])})
    office.post(CONFIRM, {"token": preview.context["token"]})
    again = office.post(CONFIRM, {"token": preview.context["token"]}, follow=True)
    assert "已失效" in again.content.decode()
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("second", [ROWS[1:2], ROWS[3:4]], ids=["with rows to register", "with none"])
def test_a_new_upload_withdraws_the_preview_awaiting_confirmation(office, units, second):
    first = office.post(BATCH, {"file": upload(ROWS[:1])})
    office.post(BATCH, {"file": upload(second)})
    stale = office.post(CONFIRM, {"token": first.context["token"]}, follow=True)
    assert "已失效" in stale.content.decode()
    assert not Proposal.objects.exists()


def test_a_row_registered_meanwhile_undoes_the_whole_batch(office, units):
    preview = office.post(BATCH, {"file": upload(ROWS[:2])})
    Proposal.objects.create(
        kind="npc", session=SESSION, number="12", title="抢先登记", received_on=date(2026, 3, 20), lead_unit=units[5]
    )
    refused = office.post(CONFIRM, {"token": preview.context["token"]}, follow=True)
    assert "没有登记任何一件" in refused.content.decode()
    assert list(Proposal.objects.values_list("number", flat=True)) == ["12"]


def test_a_file_that_is_not_a_sheet_is_refused_by_its_content(office, units):
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "交办.xlsx"
    page = office.post(BATCH, {"file": fake})
    assert page.context["form"].errors["file"]
    assert page.context["rows"] is None and not Proposal.objects.exists()


def test_the_notification_of_a_batch_opens_for_the_lead_unit(
    office, client, units, make_liaison, django_capture_on_commit_callbacks
):
    liaison = make_liaison(units[5], "mz")
    preview = office.post(BATCH, {"file": upload(ROWS[:1])})
    with django_capture_on_commit_callbacks(execute=True):
        office.post(CONFIRM, {"token": preview.context["token"]})
    notice = Notification.objects.get(recipient=liaison, url__startswith="/workbench/proposals/")
    client.force_login(liaison)
    assert client.get(notice.url).status_code == 200


def test_the_template_downloads_and_opens(office):
    response = office.get(TEMPLATE)
    assert response.status_code == 200
    header = [cell.value for cell in load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert header[:3] == ["类型(建议/提案)", "届次", "编号"]


@pytest.mark.parametrize("url", [BATCH, TEMPLATE])
def test_only_the_office_opens_batch_registration(client, units, make_liaison, convenor_user, url):
    assert client.get(url).status_code == 302  # to the login
    for user in (make_liaison(units[5], "mz"), convenor_user):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_only_the_office_confirms(client, office, units, make_liaison):
    preview = office.post(BATCH, {"file": upload(ROWS[:1])})
    token = preview.context["token"]
    client.force_login(make_liaison(units[5], "mz"))
    assert client.post(CONFIRM, {"token": token}).status_code == 403
    assert not Proposal.objects.exists()
