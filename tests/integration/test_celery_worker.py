"""A task sent through Redis is executed by a real Celery worker process started here."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from coordination.models import Notification
from coordination.tasks import deliver_notification_email
from portal.celery import app
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    raise AssertionError(f"no worker set-up for {connection.vendor}")


@pytest.fixture
def worker(redis_url, tmp_path):
    """A `celery worker` process on its own queue, so no other worker can take the task."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": redis_url,
    }
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the Celery worker did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield queue, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_notification_email_is_delivered_by_the_worker(worker, redis_url, through_the_broker):
    queue, log = worker
    user = UserFactory(email="liaison@example.invalid")
    notification = Notification.objects.create(recipient=user, title="请确认会议纪要")

    with app.connection_for_write(redis_url) as conn:
        result = deliver_notification_email.apply_async(args=[notification.pk], queue=queue, connection=conn)

    deadline = time.monotonic() + 30
    while Notification.objects.get(pk=notification.pk).emailed_at is None:
        assert time.monotonic() < deadline, f"the worker did not deliver in 30 s:\n{log.read_text()}"
        time.sleep(0.1)
    assert result.id in log.read_text()
    assert "succeeded" in log.read_text()


def test_two_beats_sending_reminders_notify_once(
    worker, redis_url, through_the_broker, units, office_user, make_liaison
):
    import datetime

    from django.utils import timezone

    from coordination import services, workdays
    from coordination.models import ReminderLog
    from coordination.tasks import send_deadline_reminders

    queue, log = worker
    make_liaison(units[5], "lead-liaison")
    day = workdays.add_workdays(timezone.localdate(), 1)  # digests go out on working days
    item = services.action_item_create(
        actor=office_user, title="走访排查", lead_unit=units[5], deadline=day + datetime.timedelta(days=7)
    )
    with app.connection_for_write(redis_url) as conn:
        results = [
            send_deadline_reminders.apply_async(args=[day.isoformat()], queue=queue, connection=conn) for _ in range(2)
        ]

    deadline = time.monotonic() + 30
    while log.read_text().count("succeeded") < 2:
        assert time.monotonic() < deadline, f"the worker did not run both tasks in 30 s:\n{log.read_text()}"
        time.sleep(0.1)
    assert ReminderLog.objects.filter(action_item=item).count() == 1
    assert Notification.objects.filter(title__startswith="督办提醒").count() == 1
    assert all(r.id in log.read_text() for r in results)
