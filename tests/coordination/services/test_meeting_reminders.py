"""Reminders of the meeting cycle: minutes not issued N days after the meeting; a consent deadline near.

The held meeting of the fixtures took place on 20 March 2026 (Beijing); the consent round closes on
27 March 17:00. Each reminder goes out once, however often the daily job runs.
"""

import datetime

from django.test import override_settings

from coordination import services
from coordination.models import MeetingReminderLog, Notification

from .conftest import at


def late_notices():
    return Notification.objects.filter(title__contains="纪要尚未印发")


@override_settings(PORTAL_MINUTES_DUE_DAYS=7)
def test_the_office_is_not_reminded_before_the_minutes_are_due(held_meeting):
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 3, 26)) == 0
    assert not late_notices().exists()


@override_settings(PORTAL_MINUTES_DUE_DAYS=7)
def test_the_office_is_reminded_once_when_the_minutes_are_late(held_meeting, office_user):
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 3, 27)) == 1
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 3, 27)) == 0
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 4, 3)) == 0

    [notice] = late_notices()
    assert notice.recipient == office_user
    assert notice.title == "2026年第1次例会已召开 7 天，纪要尚未印发"
    assert notice.url == held_meeting.get_absolute_url()
    assert MeetingReminderLog.objects.get().kind == "minutes_due"


@override_settings(PORTAL_MINUTES_DUE_DAYS=3)
def test_the_number_of_days_is_a_setting(held_meeting):
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 3, 23)) == 1


def test_issued_minutes_are_not_chased(closed_minutes, office_user, queued_pdfs):
    services.minutes_issue(actor=office_user, minutes=closed_minutes, reported_on=datetime.date(2026, 3, 20))

    assert services.minutes_due_reminders_send(today=datetime.date(2026, 4, 30)) == 0


def test_a_meeting_not_yet_held_is_not_chased(notified_meeting):
    assert services.minutes_due_reminders_send(today=datetime.date(2026, 4, 30)) == 0


# --- consent deadline ---------------------------------------------------------------------


def consent_notices():
    return Notification.objects.filter(title__startswith="纪要意见即将截止")


def test_units_that_have_not_answered_are_reminded_the_day_before_the_deadline(open_round, liaison, unit, notified):
    services.consent_answer(actor=liaison["区民政局"], minutes=open_round.minutes, unit=unit["区民政局"], agree=True)

    assert services.consent_reminders_send(now=at(2026, 3, 25, 8, 10)) == 0
    assert services.consent_reminders_send(now=at(2026, 3, 26, 8, 10)) == 1

    # 区医保局 was on leave, but it supports an agreed item: it is asked, and reminded.
    assert notified("纪要意见即将截止") == {"区教体局", "区财政局", "区医保局"}
    notice = consent_notices().first()
    assert notice.url == f"/workbench/minutes/{open_round.minutes_id}/#consent"


def test_the_consent_reminder_goes_out_once(open_round):
    assert services.consent_reminders_send(now=at(2026, 3, 26, 8, 10)) == 1
    assert services.consent_reminders_send(now=at(2026, 3, 26, 9, 0)) == 0
    assert services.consent_reminders_send(now=at(2026, 3, 27, 8, 10)) == 0
    assert consent_notices().count() == 3 + 1  # three present, one on leave


def test_no_consent_reminder_when_everyone_answered_or_the_deadline_passed(open_round, agree_all):
    assert services.consent_reminders_send(now=at(2026, 3, 28, 8, 10)) == 0
    agree_all(open_round.minutes)
    assert services.consent_reminders_send(now=at(2026, 3, 26, 8, 10)) == 0


def test_the_daily_job_sends_the_meeting_reminders(held_meeting, clock):
    clock.set(2026, 3, 28, 8, 10)

    assert services.scheduled_job_run(name="send_meeting_reminders") == 1
    assert late_notices().exists()
