"""iCalendar (RFC 5545) files of meetings: one meeting, or a user's personal feed."""

import datetime

from django.conf import settings
from django.utils import timezone

PRODID = "-//lianxi-portal//joint-meeting//ZH"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > 75:
            out.append(current.decode("utf-8"))
            current = b" "
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meetings_ics(meetings, *, name: str, items=()) -> str:
    now = _utc(timezone.now())
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for meeting in meetings:
        end = meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)
        status = "CANCELLED" if meeting.status == meeting.Status.CANCELLED else "CONFIRMED"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_utc(meeting.starts_at)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_escape(str(settings.PORTAL_MEETING_NAME) + ' ' + meeting.title)}",
            f"LOCATION:{_escape(meeting.place)}",
            f"DESCRIPTION:{_escape(f'议题征集截止：{timezone.localtime(meeting.topic_deadline):%Y-%m-%d %H:%M}')}",
            f"STATUS:{status}",
            "END:VEVENT",
        ]
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:item-{item.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART;VALUE=DATE:{item.deadline:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.deadline + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape('【时限】' + item.title)}",
            f"DESCRIPTION:{_escape(f'牵头单位：{item.lead_unit.short_name}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
