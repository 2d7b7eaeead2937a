"""Requests for government information made as a citizen makes them: through the service, at a
moment the test chooses (Beijing time)."""

import datetime

import time_machine
from django.utils import timezone

from coordination import services
from tests.coordination.files.samples import PNG, upload


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def submit(on: datetime.date | None = None, **fields):
    """Submit a request (on `on`, 10:00) and return (request, secret)."""
    data = {
        "applicant_kind": "natural",
        "applicant_name": "王秀兰",
        "contact_phone": "13912345678",
        "contact_email": "wang@example.cn",
        "contact_address": "陈仓区虢镇东大街12号",
        "description": "2025年度本区城乡低保资金发放明细",
        "delivery": "email",
        "receipt": "email",
        "identity_document": upload("身份证.png", PNG),
        **fields,
    }
    if on is None:
        return services.disclosure_request_submit(**data)
    with time_machine.travel(at(on.year, on.month, on.day, 10, 0), tick=False):
        return services.disclosure_request_submit(**data)


def on_day(day: datetime.date):
    """Travel to `day` at 10:00 for the block."""
    return time_machine.travel(at(day.year, day.month, day.day, 10, 0), tick=False)
