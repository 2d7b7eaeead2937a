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
