"""When scheduled jobs are due and late, and how their runs are recorded whoever starts them."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.test import override_settings

from coordination import scheduling, selectors, services
from coordination.models import ScheduledJobRun

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)  # 23 November 2026 is a Monday


def test_a_daily_job_is_due_from_its_time_until_it_has_run():
    spec = {"at": "08:00"}
    assert scheduling.due_since(spec, last_success=at(23, 8, 1), now=at(24, 7, 59)) is None
    assert scheduling.due_since(spec, last_success=at(23, 8, 1), now=at(24, 8, 0)) == at(24, 8)
    assert scheduling.due_since(spec, last_success=at(24, 8, 0), now=at(24, 12)) is None


def test_a_weekly_job_missed_while_the_machine_was_off_is_due_at_the_next_tick():
    spec = {"at": "08:30", "weekday": 0}
    assert scheduling.due_since(spec, last_success=at(16, 8, 30), now=at(25, 10)) == at(23, 8, 30)
    assert scheduling.due_since(spec, last_success=at(23, 9), now=at(29, 23)) is None


def test_a_job_that_never_ran_is_due_now():
    assert scheduling.due_since({"every": 60}, last_success=None, now=at(23, 3)) == at(23, 3)
    assert scheduling.due_since({"at": "08:00"}, last_success=None, now=at(23, 3)) is not None


def test_an_interval_job_is_due_after_its_interval():
    assert scheduling.due_since({"every": 60}, last_success=at(23, 9), now=at(23, 9, 0)) is None
    assert scheduling.due_since({"every": 60}, last_success=at(23, 9), now=at(23, 9, 1)) == at(23, 9, 1)


def test_each_command_records_its_run(db):
    call_command("send_reminders")
    call_command("send_office_digest")
    call_command("publish_scheduled")
    runs = {run.name: run for run in ScheduledJobRun.objects.all()}
    assert set(runs) == {"send_reminders", "send_office_digest", "publish_scheduled"}
    assert all(run.succeeded and run.runs == 1 and run.last_success_at for run in runs.values())


def test_a_failed_job_is_recorded_with_its_error(db, monkeypatch):
    def broken():
        raise RuntimeError("SMTP refused")

    monkeypatch.setitem(services.scheduling.JOBS, "send_reminders", broken)
    with pytest.raises(RuntimeError):
        services.scheduled_job_run(name="send_reminders")
    run = ScheduledJobRun.objects.get(name="send_reminders")
    assert run.succeeded is False and "SMTP refused" in run.error
    assert not scheduling.is_due("send_reminders", run, run.started_at + datetime.timedelta(seconds=10))


def test_the_office_sees_which_job_is_late(db):
    services.scheduler_heartbeat()
    services.scheduled_job_run(name="send_reminders")
    later = ScheduledJobRun.objects.get(name="send_reminders").last_success_at + datetime.timedelta(days=2)
    with override_settings(PORTAL_SCHEDULER_LATE_AFTER_SECONDS=600):
        status = selectors.scheduled_jobs(now=later)
    jobs = {job["name"]: job for job in status["jobs"]}
    assert jobs["send_reminders"]["state"] == "late" and status["late"]
    assert jobs["publish_scheduled"]["state"] == "never"
    assert status["scheduler"]["state"] == "late"


def test_run_scheduler_once_runs_what_is_due_and_beats(db):
    call_command("run_scheduler", "--once")
    status = selectors.scheduled_jobs()
    assert status["scheduler"]["state"] == "ok"
    assert {job["state"] for job in status["jobs"]} == {"ok"}
    assert not status["late"]


def test_a_job_another_scheduler_is_running_is_not_due_until_its_run_goes_silent(db):
    now = datetime.datetime.now(tz=SHANGHAI)
    run = ScheduledJobRun(name="send_reminders", started_at=now - datetime.timedelta(seconds=30), finished_at=None)
    assert not scheduling.is_due("send_reminders", run, now)
    assert scheduling.is_due("send_reminders", run, now + scheduling.late_after())


def test_a_due_job_is_claimed_once_by_the_count_its_scheduler_read(db, monkeypatch):
    ran = []
    monkeypatch.setitem(services.scheduling.JOBS, "send_reminders", lambda: ran.append(1))
    assert services.scheduled_job_run_if_due(name="send_reminders") is True
    assert ran == [1] and ScheduledJobRun.objects.get(name="send_reminders").runs == 1
    assert services.scheduled_job_run_if_due(name="send_reminders") is False  # it ran today: not due
    # A scheduler that read the row before another one claimed it updates nothing.
    ScheduledJobRun.objects.filter(name="send_reminders").update(last_success_at=None)
    stale = ScheduledJobRun.objects.get(name="send_reminders")
    ScheduledJobRun.objects.filter(pk=stale.pk).update(runs=stale.runs + 1)
    monkeypatch.setattr(ScheduledJobRun.objects, "get_or_create", lambda **kwargs: (stale, False))
    assert services.scheduled_job_run_if_due(name="send_reminders") is False
    assert ran == [1]


def test_a_run_taken_over_after_going_silent_does_not_overwrite_the_new_run(db, monkeypatch):
    """A scheduler that was only slow finishes after another one took the job over: the row keeps
    tracking the new run (still running), so a third scheduler does not start the job again."""
    takeover = {}

    def slow_job():
        row = ScheduledJobRun.objects.get(name="send_reminders")
        takeover["at"] = row.started_at + datetime.timedelta(minutes=30)  # the other scheduler's claim
        ScheduledJobRun.objects.filter(pk=row.pk).update(started_at=takeover["at"], runs=row.runs + 1)

    monkeypatch.setitem(services.scheduling.JOBS, "send_reminders", slow_job)
    assert services.scheduled_job_run_if_due(name="send_reminders") is True
    row = ScheduledJobRun.objects.get(name="send_reminders")
    assert row.started_at == takeover["at"] and row.finished_at is None and row.last_success_at is None
    assert not scheduling.is_due("send_reminders", row, takeover["at"] + datetime.timedelta(seconds=1))
