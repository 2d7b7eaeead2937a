"""Action items (督办): progress reports and their uploads, close, return, deadlines, the ledger."""

import datetime
import io
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from coordination import ledger, services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import ActionItem, Notification, ProgressReport
from tests.coordination.services.helpers import report

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_first_progress_moves_the_item_in_progress_and_tells_the_office(item, liaisons, office_user):
    report(item, liaisons, text="已部署", percent=20)
    item.refresh_from_db()
    assert item.status == ActionItem.Status.IN_PROGRESS
    assert Notification.objects.filter(recipient=office_user, title__contains="报告了进展").exists()


def test_a_co_units_report_reaches_the_lead_unit(item, liaisons):
    report(item, liaisons, who="co", text="已提供资金测算")
    assert Notification.objects.filter(recipient=liaisons["lead"], title__startswith="区财政局").exists()


def test_only_the_lead_unit_reports_completion(item, liaisons):
    with pytest.raises(NotPermitted):
        report(item, liaisons, who="co", text="完成", completion=True)
    assert not ProgressReport.objects.exists()
    report(item, liaisons, text="全部完成", completion=True)
    item.refresh_from_db()
    assert item.status == ActionItem.Status.COMPLETION_REPORTED


def test_a_unit_outside_the_item_cannot_report(item, liaisons, units):
    with pytest.raises(NotPermitted):
        services.action_item_report_progress(actor=liaisons["other"], item=item, unit=units[3], text="x")


def test_accepted_uploads_are_kept_with_their_kind(item, liaisons):
    files = [SimpleUploadedFile("方案.pdf", PDF), SimpleUploadedFile("台账.docx", docx_bytes())]
    result = report(item, liaisons, text="附材料", files=files)
    assert sorted(a.kind for a in result.attachments.all()) == ["docx", "pdf"]


def test_a_file_is_judged_by_its_content_not_its_name(item, liaisons):
    with pytest.raises(DomainError, match="不是可接受的类型"):
        report(item, liaisons, text="附材料", files=[SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 not a pdf")])
    assert not ProgressReport.objects.exists()


def test_a_too_large_file_is_refused_and_nothing_is_saved(item, liaisons, settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(DomainError, match="超过"):
        report(item, liaisons, text="大文件", files=[SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)])
    assert not ProgressReport.objects.exists()
    item.refresh_from_db()
    assert item.status == ActionItem.Status.OPEN


def test_the_office_closes_or_returns_a_reported_completion(item, liaisons, office_user):
    with pytest.raises(InvalidState):
        services.action_item_close(actor=office_user, item=item)
    report(item, liaisons, text="完成", completion=True)
    with pytest.raises(DomainError):
        services.action_item_return(actor=office_user, item=item, reason="")
    services.action_item_return(actor=office_user, item=item, reason="缺少台账附件")
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (ActionItem.Status.IN_PROGRESS, "缺少台账附件")
    report(item, liaisons, text="补充台账后完成", completion=True)
    services.action_item_close(actor=office_user, item=item)
    item.refresh_from_db()
    assert item.status == ActionItem.Status.CLOSED and item.closed_at


def test_a_liaison_cannot_close_an_item(item, liaisons):
    report(item, liaisons, text="完成", completion=True)
    with pytest.raises(NotPermitted):
        services.action_item_close(actor=liaisons["lead"], item=item)


def test_overdue_and_due_soon_follow_the_deadline(item):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 12, 28, 9)), tick=False):
        assert item.is_due_soon and not item.is_overdue
    with time_machine.travel(timezone.make_aware(datetime.datetime(2027, 1, 2, 9)), tick=False):
        assert item.is_overdue and not item.is_due_soon


def test_the_ledger_workbook_reads_back(item, liaisons):
    report(item, liaisons, text="已完成三个街道", percent=40)
    book = load_workbook(io.BytesIO(ledger.ledger_workbook(ActionItem.objects.all())))
    sheet = book["督办台账"]
    assert [c.value for c in sheet[2]][:6] == ["序号", "事项来源", "来源文件", "督办事项", "牵头单位", "配合单位"]
    row = [c.value for c in sheet[3]]
    assert row[3] == "建立低保边缘家庭帮扶台账" and row[4] == "区民政局" and row[5] == "区财政局"
    assert row[10] == ActionItem.objects.with_light().get(pk=item.pk).grade.label
    assert row[11] == "已完成三个街道"


def test_each_ledger_row_says_what_the_item_says_in_every_state(item, liaisons):
    """The ledger reads rows as tuples: overdue, light, original deadline and closing date must
    still be what the item itself answers, for an open, an overdue and a closed item."""
    report(item, liaisons, text="已完成三个街道", percent=40)
    past = timezone.localdate() - datetime.timedelta(days=5)
    overdue = ActionItem.objects.get(pk=item.pk)
    overdue.pk, overdue.title, overdue.deadline = None, "逾期的事项", past
    overdue.save()
    closed = ActionItem.objects.get(pk=item.pk)
    closed.pk, closed.title, closed.status = None, "已办结的事项", ActionItem.Status.CLOSED
    closed.closed_at, closed.deadline = timezone.now(), past
    closed.save()
    items = {i.title: i for i in ActionItem.objects.with_light()}
    rows = list(ledger.ledger_rows(ActionItem.objects.all()))
    assert {row[3] for row in rows} == set(items)
    for row in rows:
        expected = items[row[3]]
        assert row[9] == ("是" if expected.is_overdue else "否")
        assert row[10] == expected.grade.label
        assert row[7] == (expected.original_deadline if expected.original_deadline != expected.deadline else None)
        assert row[12] == (timezone.localdate(expected.closed_at) if expected.closed_at else None)
    assert {row[9] for row in rows} == {"是", "否"}
    assert any(row[12] for row in rows)
