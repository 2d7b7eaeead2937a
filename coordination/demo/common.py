"""What every part of the demo uses: units by name, a unit's liaison, dates, and back-dating.

The demo creates its state through the services, so the audit trail and notifications are real.
Services stamp "now"; where the story needs an earlier date, `backdate` moves that stamp with one
targeted update afterwards.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..models import Liaison, MemberUnit

User = get_user_model()
Progress = Callable[[str], None]

DEMO_START = datetime.date(2026, 1, 5)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def days_ago(days: int, hour: int = 10) -> datetime.datetime:
    return at(timezone.localdate() - datetime.timedelta(days=days), hour)


def by_name(*names: str) -> list[MemberUnit]:
    units = {u.short_name: u for u in MemberUnit.objects.filter(short_name__in=names)}
    return [units[name] for name in names]


def liaison(unit: MemberUnit) -> User:
    return Liaison.objects.active().get(unit=unit).user


def backdate(obj, **stamps: datetime.datetime) -> None:
    """Set the given date-time fields of `obj` (stamped "now" by a service) to the story's dates."""
    type(obj).objects.filter(pk=obj.pk).update(**stamps)
    for name, value in stamps.items():
        setattr(obj, name, value)
