"""When a scheduled job is due, and when it is late: plain arithmetic over `PORTAL_SCHEDULE`.

A job is described in settings either by `{"every": seconds}` or by `{"at": "HH:MM"}` with an
optional `"weekday"` (0 = Monday), in the portal's time zone. A job is due from the moment it should
have run after its last successful start, so a job missed while the machine was off runs at the
next tick, and it is late once it has been due for longer than `PORTAL_SCHEDULER_LATE_AFTER_SECONDS`.
A job that has started and not finished is not due (another scheduler runs it) for as long.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCHEDULER = "scheduler"  # the heartbeat row the scheduler writes on every tick

LABELS = {
    SCHEDULER: _("调度器"),
    "publish_scheduled": _("定时发布页面"),
    "deliver_waiting": _("补发待交付任务"),
    "send_reminders": _("到期提醒"),
    "send_office_digest": _("督办周报"),
    "escalate_red_items": _("红灯事项升级督办"),
    "send_meeting_reminders": _("会议提醒（纪要印发、意见征求截止）"),
    "send_contact_reminders": _("建议提案办前面商逾期提醒"),
    "send_disclosure_reminders": _("依申请公开答复期限提醒"),
}

# A job that failed is tried again at the next tick, but not more often than this.
RETRY_AFTER = datetime.timedelta(seconds=60)


def previous_occurrence(spec: dict, now: datetime.datetime) -> datetime.datetime:
    """The latest local time at or before `now` matching an "at" (and "weekday") schedule."""
    hour, minute = (int(part) for part in spec["at"].split(":"))
    local = timezone.localtime(now)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate > local:
        candidate -= datetime.timedelta(days=1)
    if "weekday" in spec:
        candidate -= datetime.timedelta(days=(candidate.weekday() - int(spec["weekday"])) % 7)
    return candidate


def due_since(spec: dict, *, last_success: datetime.datetime | None, now: datetime.datetime):
    """Since when the job has been due (None: not due). A job that never ran is due now."""
    if "every" in spec:
        if last_success is None:
            return now
        due = last_success + datetime.timedelta(seconds=float(spec["every"]))
        return due if due <= now else None
    occurrence = previous_occurrence(spec, now)
    if last_success is None:
        return min(occurrence, now)
    return occurrence if last_success < occurrence else None


def is_due(name: str, run, now: datetime.datetime) -> bool:
    """Whether the scheduler should start job `name` now, given its `ScheduledJobRun` row or None."""
    spec = settings.PORTAL_SCHEDULE[name]
    if run is not None and run.started_at and run.finished_at is None and now - run.started_at < late_after():
        return False  # running now, here or on another machine (a run silent this long has died)
    if run is not None and run.succeeded is False and run.started_at and now - run.started_at < RETRY_AFTER:
        return False
    return due_since(spec, last_success=run and run.last_success_at, now=now) is not None


def late_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.PORTAL_SCHEDULER_LATE_AFTER_SECONDS)


def heartbeat_is_late(last_beat: datetime.datetime | None, now: datetime.datetime) -> bool:
    """The scheduler ticks every PORTAL_SCHEDULER_TICK_SECONDS; silent beyond the grace it is late."""
    if last_beat is None:
        return True
    return now - last_beat > datetime.timedelta(seconds=settings.PORTAL_SCHEDULER_TICK_SECONDS) + late_after()
