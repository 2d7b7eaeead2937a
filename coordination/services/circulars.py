"""The progress circular (通报): what each unit did in a period, issued as a numbered 公文."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import selectors, tasks
from coordination.documents import chinese_date, circular_document
from coordination.errors import DomainError
from coordination.models import Circular, MemberUnit
from coordination.official import render_pdf

from .common import audit, check, liaison_users, lock, take_number, validated
from .notifications import notification_send
from .outbox import outbox_enqueue


def circular_draft(*, period_start: datetime.date, period_end: datetime.date) -> Circular:
    """The circular of a period as it would be issued now, unsaved and unnumbered: the preview
    shows this, and `circular_issue` saves the same thing with a number."""
    if period_end < period_start:
        raise DomainError(_("截止日期不能早于起始日期。"))
    if period_end > timezone.localdate():
        raise DomainError(_("通报期间不能包含将来的日期。"))
    return Circular(
        period_start=period_start,
        period_end=period_end,
        title=_("关于%(start)s至%(end)s联席会议议定事项落实情况的通报")
        % {"start": chinese_date(period_start), "end": chinese_date(period_end)},
        snapshot=selectors.circular_snapshot(period_start, period_end),
    )


@transaction.atomic
def circular_issue(*, actor, period_start: datetime.date, period_end: datetime.date, second: bool = False) -> Circular:
    """Issue the progress circular (通报) of a period, numbered in its own series, and render its PDF.

    One circular per period: a second one for the same period only with `second` (the office's
    explicit choice). A refused duplicate takes no number: the rule is asked again once the number
    series is locked, and a refusal rolls the serial back with the transaction.
    """
    period = {"period_start": period_start, "period_end": period_end, "second": second}
    check("circular.issue", actor, **period)
    circular = circular_draft(period_start=period_start, period_end=period_end)
    year = timezone.localdate().year
    serial = take_number("circular", year)
    check("circular.issue", actor, **period)  # under the series lock: two clicks cannot both pass
    circular.issued_by = actor
    circular.doc_number = settings.PORTAL_CIRCULAR_NUMBER_PATTERN.format(year=year, serial=serial)
    validated(circular).save()
    audit.record(circular, "coordination.circular.issue", actor=actor, changes={"doc_number": circular.doc_number})
    notification_send(
        recipients=liaison_users(MemberUnit.objects.filter(is_active=True)),
        title=_("通报已印发：%(n)s") % {"n": circular.doc_number},
        url=reverse("workbench:circulars"),  # the list, which answers at once; the PDF may still be rendering
    )
    outbox_enqueue(tasks.render_circular_pdf, circular.pk)
    return circular


@transaction.atomic
def circular_pdf_request(*, circular_id: int) -> None:
    """Ask for the circular's PDF to be rendered (a download found none stored yet)."""
    outbox_enqueue(tasks.render_circular_pdf, circular_id)


def circular_store_pdf(*, circular_id: int) -> bool:
    """Render the circular's PDF once; its content is frozen at issue, so once is enough."""
    circular = Circular.objects.get(pk=circular_id)
    if circular.pdf:
        return False
    content = render_pdf(circular_document(circular))
    with transaction.atomic():
        circular = lock(circular)
        if circular.pdf:
            return False
        circular.pdf.save(f"circular-{circular.pk}.pdf", ContentFile(content), save=False)
        circular.save(update_fields=["pdf"])
    return True
