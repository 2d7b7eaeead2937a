"""Celery tasks: fetch by id, call a service or do one idempotent side effect."""

import datetime
import logging

from celery import shared_task
from celery.signals import task_failure

from . import services

logger = logging.getLogger(__name__)


@task_failure.connect
def _log_failure(sender=None, task_id=None, exception=None, args=None, **kwargs):
    """An operator must see a task that failed (after its retries), with what it was given."""
    logger.error("task %s [%s] failed with %r (args %r)", getattr(sender, "name", sender), task_id, exception, args)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_notification_email(notification_id: int) -> bool:
    """E-mail one notification, at most once (see the service)."""
    return services.notification_email_deliver(notification_id=notification_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_minutes_pdf(minutes_id: int) -> bool:
    """Render the issued minutes to PDF and store it, unless the stored PDF already matches."""
    return services.minutes_store_pdf(minutes_id=minutes_id)


@shared_task
def send_deadline_reminders(day: str | None = None) -> int:
    """Daily: the reminder digests of `day` (ISO date; default today), each stage sent once (see the service)."""
    return services.reminders_send(today=datetime.date.fromisoformat(day) if day else None)


@shared_task
def escalate_red_items() -> int:
    """Daily: red items to the convenors and the office (once per item and deadline, see the service)."""
    return services.red_items_escalate()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_circular_pdf(circular_id: int) -> bool:
    return services.circular_store_pdf(circular_id=circular_id)


@shared_task
def render_ledger_export(export_id: int) -> bool:
    """Write a requested supervision ledger into its file (see the service)."""
    return services.ledger_export_render(export_id=export_id)


@shared_task
def send_office_digest() -> bool:
    """Weekly digest of overdue and coming deadlines to the office (once per week)."""
    return services.office_digest_send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_disclosure_notice(notice_id: int) -> bool:
    """E-mail one notice to an information requester, at most once (see the service)."""
    return services.disclosure_notice_email_deliver(notice_id=notice_id)


@shared_task
def send_disclosure_reminders() -> int:
    """Daily: the office is reminded of information requests near or past their deadline."""
    return services.scheduled_job_run(name="send_disclosure_reminders")
