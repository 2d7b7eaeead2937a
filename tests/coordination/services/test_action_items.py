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
from coordination.models import ActionItem, ExtensionRequest, Notification, ProgressReport, ReminderLog, Urge

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def report(item, liaisons, who="lead", **kwargs):
    unit = item.lead_unit if who == "lead" else item.co_units.get()
    return services.action_item_report_progress(actor=liaisons[who], item=item, unit=unit, **kwargs)


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


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(item, liaisons, office_user):
    request = services.extension_request(
        actor=liaisons["lead"], item=item, reason="等待数据比对", new_deadline=datetime.date(2027, 2, 28)
    )
    with pytest.raises(InvalidState):
        services.extension_request(
            actor=liaisons["lead"], item=item, reason="再次", new_deadline=datetime.date(2027, 3, 1)
        )
    services.extension_decide(actor=office_user, request=request, approve=True)
    item.refresh_from_db()
    assert (item.deadline, item.original_deadline) == (datetime.date(2027, 2, 28), datetime.date(2026, 12, 31))


def test_a_refused_extension_needs_a_reason_and_changes_nothing(item, liaisons, office_user):
    request = services.extension_request(
        actor=liaisons["lead"], item=item, reason="人手不足", new_deadline=datetime.date(2027, 2, 28)
    )
    with pytest.raises(DomainError):
        services.extension_decide(actor=office_user, request=request, approve=False)
    services.extension_decide(actor=office_user, request=request, approve=False, note="时限不能调整")
    item.refresh_from_db()
    assert item.deadline == datetime.date(2026, 12, 31)
    assert ExtensionRequest.objects.get().status == ExtensionRequest.Status.REFUSED


def test_only_the_lead_unit_asks_for_an_extension(item, liaisons):
    with pytest.raises(NotPermitted):
        services.extension_request(actor=liaisons["co"], item=item, reason="x", new_deadline=datetime.date(2027, 1, 5))


def test_urging_needs_the_units_acknowledgement(item, liaisons, office_user, units):
    urge = services.action_item_urge(actor=office_user, item=item, unit=units[7], text="请于本周内反馈资金测算")
    with pytest.raises(NotPermitted):
        services.urge_acknowledge(actor=liaisons["lead"], urge=urge)
    services.urge_acknowledge(actor=liaisons["co"], urge=urge)
    assert Urge.objects.get().acknowledged_by == liaisons["co"]
    with pytest.raises(InvalidState):
        services.urge_acknowledge(actor=liaisons["co"], urge=urge)


def test_reminders_go_out_once_per_kind_and_day(item, liaisons):
    seven_days_before = item.deadline - datetime.timedelta(days=7)
    assert services.reminders_send(today=seven_days_before) == 1
    assert services.reminders_send(today=seven_days_before) == 0
    assert ReminderLog.objects.get().kind == "before_7"
    reminded = Notification.objects.filter(title__contains="7 天后到期")
    assert sorted(n.recipient.username for n in reminded) == ["co", "lead"]


def test_overdue_items_are_reminded_daily(item):
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=1)) == 1
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=2)) == 1
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=2)) == 0


def test_the_ledger_workbook_reads_back(item, liaisons):
    report(item, liaisons, text="已完成三个街道", percent=40)
    book = load_workbook(io.BytesIO(ledger.ledger_workbook(ActionItem.objects.all())))
    sheet = book["督办台账"]
    assert [c.value for c in sheet[2]][:6] == ["序号", "事项来源", "来源文件", "督办事项", "牵头单位", "配合单位"]
    row = [c.value for c in sheet[3]]
    assert row[3] == "建立低保边缘家庭帮扶台账" and row[4] == "区民政局" and row[5] == "区财政局"
    assert row[10] == "已完成三个街道"


def test_the_circular_is_numbered_in_its_own_series_and_its_pdf_lists_the_units(item, liaisons, office_user):
    from pypdf import PdfReader

    from coordination.models import Circular

    report(item, liaisons, text="完成", completion=True)
    services.action_item_close(actor=office_user, item=item)
    today = datetime.date.today()
    first = services.circular_issue(actor=office_user, period_start=today.replace(day=1), period_end=today)
    second = services.circular_issue(actor=office_user, period_start=today.replace(day=1), period_end=today)
    assert first.doc_number == f"陈社救联通〔{today.year}〕1号"
    assert second.doc_number == f"陈社救联通〔{today.year}〕2号"
    assert first.snapshot[0]["unit"] == "区民政局"
    services.circular_store_pdf(circular_id=first.pk)
    text = "".join(p.extract_text() for p in PdfReader(Circular.objects.get(pk=first.pk).pdf.open("rb")).pages)
    assert first.doc_number in text and "区民政局" in text and "建立低保边缘家庭帮扶台账" in text


def test_a_circular_cannot_cover_the_future(office_user, db):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.circular_issue(actor=office_user, period_start=datetime.date.today(), period_end=tomorrow)


def test_the_office_gets_one_weekly_digest(item, office_user):
    monday = datetime.date(2026, 12, 28)
    assert services.office_digest_send(today=monday) is True
    assert services.office_digest_send(today=monday + datetime.timedelta(days=2)) is False
    digest = Notification.objects.get(recipient=office_user, title__startswith="督办周报")
    assert "建立低保边缘家庭帮扶台账" in digest.body


def test_the_units_calendar_feed_carries_its_deadlines(client, item, liaisons):
    client.force_login(liaisons["co"])
    client.post("/workbench/calendar/renew/")
    url = client.get("/workbench/calendar/").context["feed_url"].split("testserver", 1)[1]
    client.logout()
    feed = client.get(url).content.decode()
    assert "DTSTART;VALUE=DATE:20261231" in feed
    assert "【时限】建立低保边缘家庭帮扶台账" in feed.replace("\r\n ", "")
