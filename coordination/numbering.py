"""Serial numbers of document series, and the 索引号 (disclosure index numbers) built from them.

Every 索引号 of the portal, a policy page's or a disclosed reply's, comes from one series
(`INDEX_SERIES`) so the numbers of a year are unique and gapless across both. How a serial is
written out is the public site's business (the office edits the pattern in the portal's
settings): the public site registers a formatter at start-up; without one the number is plain
`year-serial`.
"""

from collections.abc import Callable

from django.db import transaction

from .models import DocumentNumberSequence

INDEX_SERIES = "index"

IndexFormatter = Callable[[int, int], str]


def _plain(year: int, serial: int) -> str:
    return f"{year}-{serial:05d}"


_formatter: IndexFormatter = _plain


def register_index_formatter(formatter: IndexFormatter) -> None:
    """Write 索引号 with `formatter(year, serial)` from now on (called once, at app start-up)."""
    global _formatter
    _formatter = formatter


@transaction.atomic
def serial_take(series: str, year: int) -> int:
    """The next serial of a series, under a row lock: call it inside the transaction that uses it."""
    DocumentNumberSequence.objects.get_or_create(series=series, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(series=series, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def index_number_take(*, year: int) -> str:
    """Take the next 索引号 of `year`; a rolled-back transaction gives the serial back."""
    return _formatter(year, serial_take(INDEX_SERIES, year))
