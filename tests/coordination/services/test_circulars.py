"""The progress circular (通报): its own number series, its PDF, its period."""

import datetime

import pytest

from coordination import services
from coordination.errors import DomainError
from tests.coordination.services.helpers import report


def test_the_circular_is_numbered_in_its_own_series_and_its_pdf_lists_the_units(item, liaisons, office_user):
    from pypdf import PdfReader

    from coordination.models import Circular

    report(item, liaisons, text="完成", completion=True)
    services.action_item_close(actor=office_user, item=item)
    today = datetime.date.today()
    first = services.circular_issue(actor=office_user, period_start=today.replace(day=1), period_end=today)
    second = services.circular_issue(
        actor=office_user, period_start=today.replace(day=1), period_end=today, second=True
    )
    assert first.doc_number == f"陈社救联通〔{today.year}〕1号"
    assert second.doc_number == f"陈社救联通〔{today.year}〕2号"
    assert first.snapshot[0]["unit"] == "区民政局"
    services.circular_store_pdf(circular_id=first.pk)
    text = "".join(p.extract_text() for p in PdfReader(Circular.objects.get(pk=first.pk).pdf.open("rb")).pages)
    assert first.doc_number in text and "区民政局" in text and "期内共办结1项" in text  # counted, not listed


def test_a_circular_cannot_cover_the_future(office_user, db):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.circular_issue(actor=office_user, period_start=datetime.date.today(), period_end=tomorrow)


def test_a_second_circular_for_the_same_period_is_refused_and_takes_no_number(item, office_user, db):
    from coordination.models import Circular, DocumentNumberSequence

    period = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 1, 31)}
    first = services.circular_issue(actor=office_user, **period)
    with pytest.raises(DomainError) as refused:
        services.circular_issue(actor=office_user, **period)
    assert first.doc_number in refused.value.message
    assert Circular.objects.count() == 1
    year = datetime.date.today().year
    assert DocumentNumberSequence.objects.get(series="circular", year=year).last == 1
    second = services.circular_issue(actor=office_user, **period, second=True)
    assert second.doc_number.endswith("〕2号")


def test_another_period_needs_no_tick(item, office_user, db):
    services.circular_issue(
        actor=office_user, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 1, 31)
    )
    services.circular_issue(
        actor=office_user, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 2, 28)
    )


def test_the_title_dates_the_period_in_chinese_official_style(item, office_user):
    circular = services.circular_issue(
        actor=office_user, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 2, 9)
    )
    assert circular.title == "关于2026年1月1日至2026年2月9日联席会议议定事项落实情况的通报"


def test_the_snapshot_lists_each_units_red_items_and_the_document_prints_them(clock, item, office_user):
    from coordination.documents import circular_document

    clock.set(2027, 1, 10, 9, 0)  # the item is overdue: red
    circular = services.circular_issue(
        actor=office_user, period_start=datetime.date(2027, 1, 1), period_end=datetime.date(2027, 1, 9)
    )
    row = next(r for r in circular.snapshot if r["unit"] == "区民政局")
    assert row["red"] == [{"title": "建立低保边缘家庭帮扶台账", "deadline": "2026-12-31"}]
    printed = circular_document(circular).lines()  # what the PDF and the Word file print
    assert "红灯事项" in printed and any("红灯预警1项" in line for line in printed)
    assert any("建立低保边缘家庭帮扶台账（时限2026年12月31日，红灯）" in line for line in printed)  # in the annex
