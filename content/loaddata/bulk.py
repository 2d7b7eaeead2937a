"""What every part of the load data uses: a progress bar, batched inserts, back-dated stamps, serials."""

import contextlib
import sys
import time
from collections.abc import Callable

from django.db import models

from coordination.models import DocumentNumberSequence
from coordination.numbering import serial_reserve

BATCH = 1000


class Progress:
    """A one-line progress bar (`label [#####-----] 1,200/5,000 3.1 s`), redrawn with a carriage return.

    `write` takes text as it is (no line ending added), `flush` shows it: stderr's by default."""

    WIDTH = 30

    def __init__(
        self, write: Callable[[str], object] | None = None, flush: Callable[[], object] | None = None, quiet=False
    ):
        self.write, self.flush = write or sys.stderr.write, flush or sys.stderr.flush
        self.quiet = quiet

    def bar(self, label: str, done: int, total: int, started: float) -> None:
        if self.quiet:
            return
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"\r{label:<18} [{bar}] {done:,}/{total:,} {time.perf_counter() - started:.1f} s"
        self.write(line + ("\n" if done >= total else ""))
        self.flush()

    def insert(self, label: str, model: type[models.Model], objects: list, batch: int = BATCH) -> list:
        """bulk_create `objects` in batches, drawing the bar; returns them with their primary keys."""
        started = time.perf_counter()
        for start in range(0, len(objects), batch):
            model.objects.bulk_create(objects[start : start + batch], batch_size=batch)
            self.bar(label, min(start + batch, len(objects)), len(objects), started)
        if not objects:
            self.bar(label, 0, 0, started)
        return objects


def insert_rows(model: type[models.Model], objects: list, batch: int = BATCH) -> None:
    """Insert the model's own table rows of `objects` whose parent rows already exist.

    Django's bulk_create refuses multi-table inheritance (a Wagtail page type is a row in
    wagtailcore_page plus one in its own table); the parent rows are bulk-created first and the
    child rows, carrying their `page_ptr_id`, inserted here with the child's local fields.
    """
    fields = [f for f in model._meta.local_concrete_fields]
    for start in range(0, len(objects), batch):
        model._base_manager._insert(objects[start : start + batch], fields=fields)


@contextlib.contextmanager
def own_stamps(*fields: models.DateTimeField):
    """Let bulk_create write the given `auto_now_add` fields as set on the objects (a history spread
    over months), instead of stamping every row with the moment of generation."""
    saved = [field.auto_now_add for field in fields]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in zip(fields, saved, strict=True):
            field.auto_now_add = value


class Serials:
    """Serials of the portal's number series, continued past what the database has used, and
    reserved when done so the portal's next number follows the generated ones.

    A number written outside a series (a demo page given its 索引号 by hand) may lie ahead of the
    series: `number` steps over every number already in `used`."""

    def __init__(self):
        self.next: dict[tuple[str, int], int] = {}

    def take(self, series: str, year: int) -> int:
        key = (series, year)
        if key not in self.next:
            used = DocumentNumberSequence.objects.filter(series=series, year=year).values_list("last", flat=True)
            self.next[key] = (used.first() or 0) + 1
        serial = self.next[key]
        self.next[key] = serial + 1
        return serial

    def number(self, series: str, year: int, write, used: set[str]) -> str:
        """The next number of the series, written by `write(serial)`, that is not in `used`."""
        while (number := write(self.take(series, year))) in used:
            pass
        used.add(number)
        return number

    def reserve(self) -> None:
        for (series, year), following in self.next.items():
            serial_reserve(series, year, following - 1)
