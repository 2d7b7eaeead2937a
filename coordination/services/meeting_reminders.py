"""Scheduled reminders of the meeting cycle: minutes not issued in time, a consent deadline near.

Each reminder goes out once: its `MeetingReminderLog` row (unique per meeting and kind) and its
notifications commit together, as the deadline reminders do (`reminders._once`, shared).
"""

import datetime
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.models import ConsentAnswer, ConsentRound, Meeting, MeetingReminderLog

from .common import liaison_users
from .reminders import _once as once

logger = logging.getLogger(__name__)


def minutes_due_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the office about each held meeting whose minutes are still not issued N days after it."""
    today = today or timezone.localdate()
    days = settings.PORTAL_MINUTES_DUE_DAYS
    held = Meeting.objects.filter(status=Meeting.Status.HELD)  # issuing the minutes moves it on
    sent = 0
    for meeting in held.exclude(reminders__kind="minutes_due"):
        late = (today - timezone.localdate(meeting.starts_at)).days
        if late < days:
            continue
        sent += once(
            MeetingReminderLog(meeting=meeting, kind="minutes_due"),
            recipients=permissions.office_users(),
            title=_("%(title)s已召开 %(n)s 天，纪要尚未印发") % {"title": meeting.title, "n": late},
            body=_("请尽快起草纪要、征求与会单位意见并印发。"),
            url=meeting.get_absolute_url(),
        )
    logger.info("minutes-due reminders for %s: %d sent", today, sent)
    return sent


def consent_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The day before a consent deadline (or later that day), remind the units that have not answered."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rounds = ConsentRound.objects.filter(closed_at__isnull=True, deadline__gt=now).select_related("minutes__meeting")
    sent = 0
    for round_ in rounds:
        if (timezone.localdate(round_.deadline) - today).days > 1:
            continue
        waiting = [a.unit for a in round_.answers.filter(answer=ConsentAnswer.Answer.PENDING).select_related("unit")]
        if not waiting:
            continue
        minutes = round_.minutes
        sent += once(
            MeetingReminderLog(meeting=minutes.meeting, kind=f"consent_round_{round_.number}"),
            recipients=liaison_users(waiting),
            title=_("纪要意见即将截止：%(title)s") % {"title": minutes.title},
            body=_("请于%(deadline)s前反馈同意或修改意见。")
            % {"deadline": f"{timezone.localtime(round_.deadline):%Y-%m-%d %H:%M}"},
            url=reverse("workbench:minutes", args=[minutes.pk]) + "#consent",
        )
    logger.info("consent reminders at %s: %d sent", now, sent)
    return sent


def meeting_reminders_send() -> int:
    """The daily job: both reminders of the meeting cycle."""
    return minutes_due_reminders_send() + consent_reminders_send()
