"""Single runs of the slow jobs at the load data's volume (median of 3 where a run is cheap).

Run in the command's own process against the database it measures; a job that writes (the
reminder scan) runs in a transaction that is rolled back, so the next benchmark finds the same data.
"""

import datetime
import io
import random
import statistics
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from content.loaddata.vocabulary import Writer
from coordination import services, workdays
from coordination.documents import circular_document, minutes_document
from coordination.models import LedgerExport, Minutes, Notification
from coordination.official import render_pdf

from .load import Target, fetch
from .middleware import counting

# Six paragraphs of about eighty characters with the demo minutes' attendance of 27 units: three
# pages of text and the 版记 page (4 pages, counted with pypdf on the load data when this was written).
MINUTES_PARAGRAPHS = 6


def _clock(job) -> tuple[float, object]:
    started = time.perf_counter()
    result = job()
    return time.perf_counter() - started, result


def minutes_pdf() -> dict:
    minutes = Minutes.objects.select_related("meeting").order_by("pk").first()
    if minutes is None:
        return {"skipped": "no minutes in this database"}
    writer = Writer(random.Random(1))
    minutes.body = "\n".join(writer.sentence() + writer.sentence() for _ in range(MINUTES_PARAGRAPHS))  # not saved
    runs = [_clock(lambda: render_pdf(minutes_document(minutes))) for _ in range(3)]
    return {"seconds": round(statistics.median(s for s, _ in runs), 3), "bytes": len(runs[0][1])}


def circular_pdf(days: int = 90) -> dict:
    today = timezone.localdate()
    draft_seconds, circular = _clock(
        lambda: services.circular_draft(period_start=today - datetime.timedelta(days=days), period_end=today)
    )
    render_seconds, pdf = _clock(lambda: render_pdf(circular_document(circular)))
    return {
        "seconds": round(draft_seconds + render_seconds, 3),
        "snapshot_seconds": round(draft_seconds, 3),
        "units": len(circular.snapshot),
        "overdue_titles": sum(len(row.get("overdue", [])) for row in circular.snapshot),
        "bytes": len(pdf),
    }


def cached_pdf_download(port: int, path: str | None, cookie: str, wait: float = 60) -> dict:
    """The same PDF URL again once it answers 200 (the first request may queue the rendering)."""
    if path is None:
        return {"skipped": "no issued minutes in this database"}
    target = Target("pdf", path, cookie)
    deadline = time.monotonic() + wait
    while (first := fetch(port, target)).status != 200:
        if time.monotonic() > deadline:
            return {"skipped": f"the PDF answered {first.status} for {wait:.0f} s"}
        time.sleep(1)
    again = [fetch(port, target) for _ in range(3)]
    return {"ms": round(statistics.median(s.latency_ms for s in again), 1), "bytes": again[0].size}


def reminder_scan() -> dict:
    """The daily reminder job over every item, rolled back afterwards. It scans the day the job
    would scan next: today if it is a working day, else the next one (on a weekend or a holiday
    the job sends nothing, and timing that would measure nothing)."""
    today = timezone.localdate()
    day = today if workdays.is_workday(today) else workdays.add_workdays(today, 1)
    with transaction.atomic():
        before = Notification.objects.count()
        with counting() as queries:
            seconds, sent = _clock(lambda: services.reminders_send(today=day))
        created = Notification.objects.count() - before
        transaction.set_rollback(True)
    return {
        "seconds": round(seconds, 3),
        "day": day.isoformat(),
        "queries": queries.count,
        "result": sent,
        "notifications": created,
    }


def ledger_export() -> dict:
    """The task's work for a ledger of every item (the workbook written and stored), then once
    more under tracemalloc for the peak of Python's allocations while it writes."""
    office = get_user_model().objects.get(username="office")

    def write() -> LedgerExport:
        export = LedgerExport.objects.create(requested_by=office)
        services.ledger_export_render(export_id=export.pk)
        export.refresh_from_db()
        return export

    seconds, export = _clock(write)
    tracemalloc.start()
    write()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "seconds": round(seconds, 3),
        "rows": export.rows,
        "bytes": export.file.size,
        "peak_mb": round(peak / 2**20, 1),
    }


def index_rebuild() -> dict:
    seconds, _ = _clock(lambda: call_command("rebuild_search_index", stdout=io.StringIO()))
    return {"seconds": round(seconds, 3)}
