"""Chinese working days (工作日): weekends and public holidays off, make-up working days (调休) on.

Deadlines counted in working days (the first contact with a proposer; information requests later)
go through here. `chinese-calendar` knows each year's holidays once the State Council publishes
them; for a year it does not know yet, Monday to Friday are taken as the working days.
"""

import datetime

from chinese_calendar import holidays as HOLIDAYS
from chinese_calendar import workdays as MAKE_UP_DAYS

# The years the package has a schedule for. `chinese_calendar.is_workday` asks the same, but by
# scanning every holiday it knows on each call (50 µs: a page of proposals spent 20 ms there).
KNOWN_YEARS = range(min(HOLIDAYS).year, max(HOLIDAYS).year + 1)


def is_workday(day: datetime.date) -> bool:
    """`chinese_calendar.is_workday`, or Monday to Friday in a year it has no schedule for."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    if day.year not in KNOWN_YEARS:
        return day.weekday() < 5
    return day in MAKE_UP_DAYS or (day.weekday() < 5 and day not in HOLIDAYS)


def add_workdays(start: datetime.date, days: int) -> datetime.date:
    """The day on which `days` working days after `start` have passed (`start` itself not counted)."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            days -= 1
    return day


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -workdays_between(end, start)
    return sum(is_workday(start + datetime.timedelta(days=n)) for n in range(1, (end - start).days + 1))
