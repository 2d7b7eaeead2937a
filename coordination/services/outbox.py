"""The outbox: side effects recorded with the change that asks for them, handed to Celery after commit.

A write never fails because the broker is down: its tasks wait in `OutgoingTask` and
`outbox_flush` (scheduled every minute) hands them over once the broker answers again.
"""

import datetime
import logging

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coordination.models import OutgoingTask

logger = logging.getLogger(__name__)


def outbox_enqueue(task, *args) -> OutgoingTask:
    """Record `task(*args)` in the current transaction; it is handed to Celery once committed."""
    return outbox_enqueue_many(task, [args])[0]


def outbox_enqueue_many(task, calls) -> list[OutgoingTask]:
    """Record `task(*args)` for each args in `calls` with one insert; handed to Celery once committed."""
    rows = OutgoingTask.objects.bulk_create(OutgoingTask(task=task.name, args=list(args)) for args in calls)
    if rows:
        transaction.on_commit(lambda: [_hand_over(row.pk) for row in rows])
    return rows


def _hand_over(pk: int) -> bool:
    row = OutgoingTask.objects.filter(pk=pk, queued_at__isnull=True).first()
    if row is None:
        return False
    try:
        current_app.tasks[row.task].apply_async(args=row.args)
    except Exception as error:  # broker down, or (run inline) the task itself failed: keep the row
        OutgoingTask.objects.filter(pk=pk).update(attempts=F("attempts") + 1, last_error=repr(error)[:1000])
        logger.warning("outbox: %s%s not handed over (%r); will retry", row.task, row.args, error)
        return False
    OutgoingTask.objects.filter(pk=pk).update(queued_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    return True


def outbox_flush(*, older_than: datetime.timedelta = datetime.timedelta(seconds=30), limit: int = 500) -> int:
    """Hand over what is still waiting (older than a moment, so a fresh write's own hand-over goes first)."""
    waiting = OutgoingTask.objects.filter(queued_at__isnull=True, created_at__lte=timezone.now() - older_than)
    handed = sum(_hand_over(pk) for pk in waiting.order_by("pk").values_list("pk", flat=True)[:limit])
    if handed:
        logger.info("outbox: %d waiting tasks handed over", handed)
    return handed
