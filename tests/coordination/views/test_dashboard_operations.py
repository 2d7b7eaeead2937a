"""The office's dashboard says when the scheduled jobs last ran, and when they are late."""

import datetime

from django.utils import timezone

from coordination import services
from coordination.models import ScheduledJobRun


def test_the_office_sees_the_scheduler_late_when_it_never_ticked(client, office_user):
    client.force_login(office_user)
    body = client.get("/workbench/").content.decode()
    assert "定时任务" in body and "已停止或未启动" in body


def test_the_office_sees_the_last_runs_once_the_scheduler_ticks(client, office_user):
    services.scheduler_heartbeat()
    ScheduledJobRun.objects.create(
        name="send_reminders",
        started_at=timezone.now() - datetime.timedelta(minutes=1),
        last_success_at=timezone.now() - datetime.timedelta(minutes=1),
        succeeded=True,
        runs=1,
    )
    client.force_login(office_user)
    body = client.get("/workbench/").content.decode()
    assert "定时任务" in body and "已停止或未启动" not in body
    assert timezone.localtime(timezone.now() - datetime.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M") in body


def test_a_liaison_does_not_see_the_scheduler(client, units, make_liaison):
    client.force_login(make_liaison(units[5]))
    assert "定时任务" not in client.get("/workbench/").content.decode()
