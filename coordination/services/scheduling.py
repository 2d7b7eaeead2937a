"""Running the scheduled jobs and recording each run, whoever starts them.

The portal scheduler (`manage.py run_scheduler`), cron (`manage.py send_reminders` …) and Celery
tasks all go through `scheduled_job_run`, so /healthz and the office see the same record.
"""

import contextlib
import io
import logging
import time

from django.core.management import call_command
from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from coordination import scheduling
from coordination.models import ScheduledJobRun
from coordination.scheduling import SCHEDULER

from .disclosure_requests import disclosure_reminders_send
from .escalation import red_items_escalate
from .meeting_reminders import meeting_reminders_send
from .notifications import notifications_unconfirmed
from .outbox import outbox_flush
from .proposal_handling import contact_reminders_send
from .reminders import office_digest_send, reminders_send

logger = logging.getLogger(__name__)


def _publish_scheduled():
    """Wagtail's own `publish_scheduled` (the class itself: the portal's command of that name records runs)."""
    out = io.StringIO()
    call_command(WagtailPublishScheduled(), stdout=out)
    return out.getvalue().strip()


def _deliver_waiting():
    """Hand over the tasks the broker missed, and report e-mails whose delivery was never confirmed."""
    unconfirmed = notifications_unconfirmed().count()
    if unconfirmed:
        logger.error("%d notification e-mails were claimed but never confirmed sent; check them by hand", unconfirmed)
    return outbox_flush()


JOBS = {
    "publish_scheduled": _publish_scheduled,
    "deliver_waiting": _deliver_waiting,
    "send_reminders": lambda: reminders_send(),
    "send_office_digest": lambda: office_digest_send(),
    "escalate_red_items": lambda: red_items_escalate(),
    "send_meeting_reminders": meeting_reminders_send,
    "send_contact_reminders": lambda: contact_reminders_send(),
    "send_disclosure_reminders": lambda: disclosure_reminders_send(),
}


def _record(name: str, **fields) -> None:
    updated = ScheduledJobRun.objects.filter(name=name).update(**fields)
    if not updated:
        ScheduledJobRun.objects.create(name=name, **{**fields, "runs": 1 if "runs" in fields else 0})


def _finish(name: str, started_at, **fields) -> None:
    """Record the end of the run that started at `started_at`, unless another scheduler has since
    taken the job over (this run went silent past the grace): its run is the one the row tracks."""
    ours = ScheduledJobRun.objects.filter(name=name, started_at=started_at)
    if not ours.update(finished_at=timezone.now(), **fields):
        logger.warning("scheduled job %s finished after another scheduler took it over; its run is kept", name)


def _run(name: str, job, started_at):
    clock = time.monotonic()
    try:
        result = job()
    except Exception as error:
        with contextlib.suppress(DatabaseError):  # the database itself failed: the log has it
            _finish(name, started_at, succeeded=False, error=f"{type(error).__name__}: {error}")
        logger.exception("scheduled job %s failed", name)
        raise
    _finish(name, started_at, succeeded=True, last_success_at=started_at, error="")
    logger.info("scheduled job %s done in %.1f s: %s", name, time.monotonic() - clock, result)
    return result


def scheduled_job_run(*, name: str):
    """Run the scheduled job `name` now and record its start, end and outcome; re-raises its error."""
    job = JOBS[name]
    started_at = timezone.now()
    _record(name, started_at=started_at, finished_at=None, runs=F("runs") + 1)
    return _run(name, job, started_at)


def scheduled_job_run_if_due(*, name: str) -> bool:
    """Run job `name` if it is due and no other scheduler has claimed it; whether this process ran it.

    Schedulers on several machines share the job's row: the one whose conditional UPDATE moves
    `runs` from the count it read claims the run, every other one updates nothing and skips; the
    claim (`finished_at` empty) keeps the job from being due again while it runs.
    """
    job = JOBS[name]
    run, _ = ScheduledJobRun.objects.get_or_create(name=name)
    started_at = timezone.now()
    if not scheduling.is_due(name, run, started_at):
        return False
    claimed = ScheduledJobRun.objects.filter(pk=run.pk, runs=run.runs).update(
        started_at=started_at, finished_at=None, runs=F("runs") + 1
    )
    if not claimed:
        logger.info("scheduled job %s is run by another scheduler", name)
        return False
    _run(name, job, started_at)
    return True


def scheduler_heartbeat() -> None:
    """The scheduler is alive: /healthz calls it late when this stops."""
    now = timezone.now()
    _record(SCHEDULER, started_at=now, finished_at=now, succeeded=True, last_success_at=now, runs=F("runs") + 1)
