"""Serial numbers of document series: 索引号 (disclosure index numbers) and the units' reply 文号.

Every 索引号 of the portal, a policy page's or a disclosed reply's, comes from one series
(`INDEX_SERIES`) so the numbers of a year are unique and gapless across both. How a serial is
written out is the public site's business (the office edits the pattern in the portal's
settings): the public site registers a formatter at start-up; without one the number is plain
`year-serial`.
"""

import re
import string
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from .importers.text import normalise_doc_number
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


@transaction.atomic
def serial_reserve(series: str, year: int, serial: int) -> None:
    """Record that `serial` of a series is used (a document numbered outside the portal): the next
    serial taken is past it. A lower serial never lowers the sequence."""
    DocumentNumberSequence.objects.get_or_create(series=series, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(series=series, year=year)
    if serial > sequence.last:
        sequence.last = serial
        sequence.save(update_fields=["last"])


def index_number_take(*, year: int) -> str:
    """Take the next 索引号 of `year`; a rolled-back transaction gives the serial back."""
    return _formatter(year, serial_take(INDEX_SERIES, year))


# --- a unit's reply letters (复函): one series per unit, kind (建/提) and year --------------------

REPLY_WORDS = {"npc": "建", "cppcc": "提"}


def reply_prefix(unit) -> str:
    """The unit's part of a reply 文号 (陈民 in 陈民建函〔2026〕4号)."""
    return unit.reply_prefix or f"陈{unit.short_name.removeprefix('区').removesuffix('局')}"


def reply_series(unit, word: str) -> str:
    return f"reply:{unit.pk}:{word}"


def reply_number(unit, word: str, year: int, serial: int) -> str:
    return settings.PORTAL_REPLY_NUMBER_PATTERN.format(prefix=reply_prefix(unit), word=word, year=year, serial=serial)


def _reply_number_pattern(unit) -> re.Pattern:
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(settings.PORTAL_REPLY_NUMBER_PATTERN):
        parts.append(re.escape(literal))
        if name:
            parts.append(
                {
                    "prefix": re.escape(reply_prefix(unit)),
                    "word": f"(?P<word>[{''.join(REPLY_WORDS.values())}])",
                    "year": r"(?P<year>\d{4})",
                    "serial": r"0*(?P<serial>\d{1,6})",
                }[name]
            )
    return re.compile("".join(parts))


def reply_number_read(unit, doc_number: str) -> tuple[str, int, int] | None:
    """(word, year, serial) when `doc_number` is a number of the unit's own reply series, else None.

    Brackets and spaces as letters write them (`陈民建函[2026] 7 号`) are read as the portal writes them.
    """
    match = _reply_number_pattern(unit).fullmatch(normalise_doc_number(doc_number or ""))
    if not match:
        return None
    return match.group("word"), int(match.group("year")), int(match.group("serial"))


def reply_number_reserve(unit, doc_number: str) -> None:
    """A letter the unit numbered outside the portal: its series continues after that number."""
    if found := reply_number_read(unit, doc_number):
        word, year, serial = found
        serial_reserve(reply_series(unit, word), year, serial)
