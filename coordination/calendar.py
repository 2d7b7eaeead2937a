"""iCalendar (RFC 5545) files of meetings: one meeting, or a user's personal feed.

Each meeting's SEQUENCE is raised when it is notified, rescheduled or cancelled, so calendar
apps replace the event they hold. The `icalendar` package escapes text and folds long lines at 75
octets (never inside a UTF-8 character), which Chinese titles and places need.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//lianxi-portal//joint-meeting//ZH"


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def meeting_status(meeting) -> str:
    """RFC 5545 STATUS: tentative while the office prepares it, confirmed once the notice is out."""
    if meeting.status == meeting.Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if meeting.status == meeting.Status.PLANNED else "CONFIRMED"


def _meeting_event(meeting, *, host: str, now: datetime.datetime) -> Event:
    end = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(end))
    event.add("summary", f"{settings.PORTAL_MEETING_NAME} {meeting.title}")
    event.add("location", meeting.place)
    event.add("description", f"议题征集截止：{timezone.localtime(meeting.topic_deadline):%Y-%m-%d %H:%M}")
    event.add("status", meeting_status(meeting))
    event.add("sequence", meeting.sequence)
    return event


def _deadline_event(item, *, host: str, now: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"item-{item.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", item.deadline)
    event.add("dtend", item.deadline + datetime.timedelta(days=1))
    event.add("summary", f"【时限】{item.title}")
    event.add("description", f"牵头单位：{item.lead_unit.short_name}")
    return event


def meetings_ics(meetings, *, name: str, items=()) -> str:
    """A calendar of meetings and, for a unit's feed, the all-day deadlines of its action items."""
    now = _utc(timezone.now())
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "localhost"
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for meeting in meetings:
        cal.add_component(_meeting_event(meeting, host=host, now=now))
    for item in items:
        cal.add_component(_deadline_event(item, host=host, now=now))
    return cal.to_ical().decode("utf-8")
