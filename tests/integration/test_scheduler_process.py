"""The scheduler `make run` starts does the scheduled work on the embedded default, with nothing else.

A fresh installation in a temporary var/ (SQLite, no broker, no Redis), the process started exactly
as the Makefile starts it (`manage.py run_scheduler`), ticking every second: a page scheduled a few
seconds ahead goes live, and an item due in 7 days is in its unit's reminder digest, e-mailed too.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SET_UP = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page
from coordination import permissions, services
from coordination.demo import load_units

units = load_units(lambda line: None)
User = get_user_model()
office = User.objects.create_user("office-x", "office@example.invalid", "x")
office.groups.add(permissions.role_group(permissions.Role.OFFICE))
liaison = User.objects.create_user("liaison-x", "liaison@example.invalid", "x")
services.liaison_appoint(actor=office, unit=units[5], user=liaison, start_date=timezone.localdate())
item = services.action_item_create(
    actor=office, title="入户核查", lead_unit=units[5], deadline=timezone.localdate() + datetime.timedelta(days=7)
)
home = Page.objects.get(depth=2)
page = home.add_child(instance=Page(title="定时发布的通知", slug="scheduled-notice", live=False))
go_live = timezone.now() + datetime.timedelta(seconds=5)
page.go_live_at = go_live
page.save_revision(approved_go_live_at=go_live)
print(page.pk, item.pk)
"""


@pytest.fixture
def installation(tmp_path):
    """A new embedded installation: its own var/ folder and nothing from the CI environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "PORTAL_SCHEDULER_TICK_SECONDS": "1",
        "PORTAL_PUBLISH_EVERY_SECONDS": "1",
        "PORTAL_REMINDERS_WORKDAYS_ONLY": "false",  # whatever day the test runs on
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    out = subprocess.run(
        [*manage, "shell", "-c", SET_UP], cwd=ROOT, env=env, check=True, timeout=120, capture_output=True, text=True
    )
    page_id, item_id = (int(n) for n in out.stdout.split()[-2:])
    return env, tmp_path / "var" / "portal.sqlite3", page_id, item_id


def test_the_scheduler_of_make_run_publishes_and_reminds_with_nothing_else_running(installation, tmp_path):
    env, database, page_id, item_id = installation
    makefile = (ROOT / "Makefile").read_text()
    assert "$(PY) manage.py run_scheduler &" in makefile  # the process started here is the one make run starts

    def query(sql, *args):
        with sqlite3.connect(database, timeout=10) as db:
            return db.execute(sql, args).fetchone()[0]

    assert query("SELECT live FROM wagtailcore_page WHERE id = ?", page_id) == 0
    log = tmp_path / "scheduler.log"
    with log.open("w") as out:
        scheduler = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 90
        while not (
            query("SELECT live FROM wagtailcore_page WHERE id = ?", page_id)
            and query("SELECT COUNT(*) FROM coordination_reminderlog WHERE action_item_id = ?", item_id)
        ):
            assert scheduler.poll() is None, f"the scheduler stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"nothing happened in 90 s:\n{log.read_text()}"
            time.sleep(0.5)
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=30)

    reminder = "SELECT links, emailed_at FROM coordination_notification WHERE title LIKE '督办提醒%'"
    with sqlite3.connect(database) as db:
        links, emailed_at = db.execute(reminder).fetchone()
        runs = dict(db.execute("SELECT name, succeeded FROM coordination_scheduledjobrun").fetchall())
    assert "7 天后到期：入户核查" in json.loads(links)[0]["title"]
    assert emailed_at is not None  # the e-mail task ran too, inline in the scheduler
    assert runs["scheduler"] and runs["publish_scheduled"] and runs["send_reminders"]
    assert "scheduler stopped" in log.read_text()
