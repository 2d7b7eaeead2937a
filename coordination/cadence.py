"""The cadence of deadline reminders: which stage an open item with a deadline is in on a day.

Counted in calendar days from the deadline (a deadline is a calendar date and "weekly" means every
seven days):

- `before_N` for each N in PORTAL_REMINDER_DAYS: from N days before the deadline until the next
  smaller N (with 7,1: `before_7` from 7 to 2 days before, `before_1` the day before); co-units
  owing their opinion on a proposal get `co_opinion_N` the same way;
- `due`: on the deadline, and in the six days after it;
- `week_K`: K weeks overdue, for K from 1 to PORTAL_OVERDUE_REMINDER_WEEKS; the last one stays the
  stage for good, so the unit is not reminded again;
- `office`: overdue that many weeks, the office is told, once.

The scan sends each item's current stage if it has not gone out under this deadline, so a stage
reached on a rest day (the scan sends nothing on days off, see `coordination.workdays`) or while
the scheduler was down goes out in the next working day's digest, and a stage skipped meanwhile is
not sent late. `stage_expression` says the same in SQL, for the scan.
"""

import datetime

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.utils.translation import gettext as _

DUE = "due"
OFFICE = "office"
WEEK = 7


def overdue_weeks() -> int:
    """Weeks of weekly reminders to the unit after the deadline, before the office is told."""
    return max(1, settings.PORTAL_OVERDUE_REMINDER_WEEKS)


def reminded_until(today: datetime.date) -> datetime.date:
    """The latest deadline reminded on `today`: items due after it have no stage yet."""
    return today + datetime.timedelta(days=max(settings.PORTAL_REMINDER_DAYS, default=0))


def office_deadline(today: datetime.date) -> datetime.date:
    """Items with a deadline on or before this day have been overdue long enough to tell the office."""
    return today - datetime.timedelta(days=WEEK * overdue_weeks())


def before_ranges(today: datetime.date) -> list[tuple[int, datetime.date, datetime.date]]:
    """(N, first deadline, last deadline) of each reminder N days before a deadline, on `today`."""
    day = datetime.timedelta(days=1)
    ranges = []
    nearer = 0
    for days in sorted({days for days in settings.PORTAL_REMINDER_DAYS if days > 0}):
        ranges.append((days, today + (nearer + 1) * day, today + days * day))
        nearer = days
    return ranges


def stage_ranges(today: datetime.date) -> list[tuple[str, datetime.date | None, datetime.date]]:
    """(stage, first deadline, last deadline) of each unit stage on `today`; None: no lower bound."""
    day = datetime.timedelta(days=1)
    ranges = [(f"before_{days}", first, last) for days, first, last in before_ranges(today)]
    ranges.append((DUE, today - (WEEK - 1) * day, today))
    weeks = overdue_weeks()
    for week in range(1, weeks):
        ranges.append((f"week_{week}", today - (WEEK * (week + 1) - 1) * day, today - WEEK * week * day))
    ranges.append((f"week_{weeks}", None, office_deadline(today)))
    return ranges


def stage_expression(today: datetime.date, field: str = "deadline") -> Case:
    """The unit stage of each row on `today`, from its `field`; NULL beyond the earliest reminder."""
    return _case(field, stage_ranges(today))


def co_opinion_expression(today: datetime.date, field: str) -> Case:
    """The stage of a co-units' opinion deadline in `field`: `co_opinion_N`, as `before_N` for items."""
    return _case(field, [(f"co_opinion_{days}", first, last) for days, first, last in before_ranges(today)])


def _case(field: str, ranges) -> Case:
    whens = []
    for stage, first, last in ranges:
        bounds = {f"{field}__lte": last} if first is None else {f"{field}__range": (first, last)}
        whens.append(When(**bounds, then=Value(stage)))
    return Case(*whens, default=None, output_field=CharField())


def state_label(deadline: datetime.date, today: datetime.date) -> str:
    """How the deadline stands, as the digest lists it: 3 天后到期 / 今日到期 / 已逾期 9 天."""
    days = (deadline - today).days
    if days > 0:
        return _("%(n)s 天后到期") % {"n": days}
    if days == 0:
        return _("今日到期")
    return _("已逾期 %(n)s 天") % {"n": -days}
