import logging
import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from coordination import scheduling, services
from coordination.models import ScheduledJobRun

logger = logging.getLogger("coordination.scheduler")


class Command(BaseCommand):
    help = (
        "Run the portal's scheduled jobs (PORTAL_SCHEDULE: scheduled publishing, deadline reminders, the "
        "office's weekly digest) in this process, ticking every PORTAL_SCHEDULER_TICK_SECONDS. Needs no "
        "broker: jobs run here; what they queue goes wherever Celery is configured (inline by default). "
        "Several may run (one per machine): each due run is claimed in the database and happens once. "
        "`--once` runs what is due and exits (for cron every minute)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs that are due, then exit")

    def handle(self, once=False, **options):
        self.stopping = threading.Event()
        parent = os.getppid()
        if not once:
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *args: self.stopping.set())
            logger.info(
                "scheduler started: jobs %s, tick %s s",
                ", ".join(settings.PORTAL_SCHEDULE),
                settings.PORTAL_SCHEDULER_TICK_SECONDS,
            )
        while not self.stopping.is_set():
            self.tick()
            # Started beside a web server (`make run`): stop when the process that started us is gone.
            if once or os.getppid() != parent:
                break
            self.stopping.wait(settings.PORTAL_SCHEDULER_TICK_SECONDS)
        if not once:
            logger.info("scheduler stopped")

    def tick(self) -> None:
        """Beat, then run every due job; a failure (the database down) is logged and retried next tick."""
        if not connection.in_atomic_block:  # (a test calling --once holds a transaction)
            close_old_connections()
        try:
            services.scheduler_heartbeat()
            runs = {run.name: run for run in ScheduledJobRun.objects.filter(name__in=settings.PORTAL_SCHEDULE)}
        except DatabaseError as error:
            logger.error("scheduler cannot reach the database: %s", error)
            self.disconnect()
            return
        for name in settings.PORTAL_SCHEDULE:
            if self.stopping.is_set() or not scheduling.is_due(name, runs.get(name), timezone.now()):
                continue
            try:  # claims the run in the database: another scheduler may have taken it since
                services.scheduled_job_run_if_due(name=name)
            except Exception:  # logged by the service; the next tick tries again
                self.disconnect()

    def disconnect(self) -> None:
        """After a failure, start the next tick on a new connection (Django reconnects on use)."""
        if not connection.in_atomic_block:
            connection.close()
