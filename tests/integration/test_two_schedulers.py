"""Two schedulers, one per machine, on one PostgreSQL database: each due job runs once.

Both processes are started, then released at the same instant into one tick (`run_scheduler
--once`), so both read every job as due before either has recorded a run; the claim in the
database lets exactly one of them run each job. Counted twice: the job rows' run counters, and
the "done" lines each process logs for the jobs it ran.
"""

import os
import re
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from coordination.models import ScheduledJobRun
from tests.integration.test_celery_worker import ROOT, database_url_of_the_test_database

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="machines share PostgreSQL (CI's 2nd pass)"),
]

TICK_AT = """
import logging, os, sys, time
from django.core.management import call_command
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(message)s")
release = float(os.environ["RELEASE_AT"])
time.sleep(max(0.0, release - time.time()))
call_command("run_scheduler", "--once")
"""


def scheduler(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", TICK_AT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.parametrize("round_", range(2))
def test_two_schedulers_released_together_run_each_due_job_once(round_):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "PORTAL_REMINDERS_WORKDAYS_ONLY": "false",
        "RELEASE_AT": str(time.time() + 8),  # both have started Django by then
    }
    processes = [scheduler(env), scheduler(env)]
    logs = [process.communicate(timeout=60)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], logs

    jobs = list(settings.PORTAL_SCHEDULE)
    runs = dict(ScheduledJobRun.objects.filter(name__in=jobs).values_list("name", "runs"))
    assert runs == dict.fromkeys(jobs, 1), logs
    done = [re.findall(r"scheduled job (\w+) done", log) for log in logs]
    assert sorted(done[0] + done[1]) == sorted(jobs), logs
    assert all(ScheduledJobRun.objects.get(name=name).succeeded for name in jobs)
