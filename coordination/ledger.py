"""The supervision ledger (督办台账) as an Excel workbook, with the columns offices keep by hand."""

import datetime
import io
import itertools

import xlsxwriter
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .grading import Light
from .models import ActionItem, MemberUnit, ProgressReport
from .spreadsheets import is_formula_like

COLUMNS = [
    ("序号", 6),
    ("事项来源", 16),
    ("来源文件", 26),
    ("督办事项", 40),
    ("牵头单位", 14),
    ("配合单位", 24),
    ("完成时限", 12),
    ("原定时限", 12),
    ("办理状态", 12),
    ("是否逾期", 10),
    ("预警", 10),
    ("最新进展", 40),
    ("办结时间", 12),
]


# The 预警 cell: its label (红灯 …) and a fill, so the sheet reads the same printed in black and white.
LIGHT_COLUMN = 11
LIGHT_FILLS = {Light.RED: "F4C7C3", Light.YELLOW: "FCE8B2", Light.GREEN: "C8E6C9"}


def _labels(choices) -> dict:
    return {member: str(member.label) for member in choices}


CHUNK = 1000


def _co_unit_names(item_ids: list[int], names: dict[int, str]) -> dict[int, str]:
    """Each item's co-units as the cell shows them ("区财政局、区教体局", in unit order), from the
    link table alone: 40,000 links read as pairs, not as unit objects."""
    through = ActionItem.co_units.through.objects.filter(actionitem_id__in=item_ids)
    linked: dict[int, list[int]] = {}
    for item_id, unit_id in through.values_list("actionitem_id", "memberunit_id"):
        linked.setdefault(item_id, []).append(unit_id)
    order = list(names)
    return {item_id: "、".join(names[u] for u in sorted(units, key=order.index)) for item_id, units in linked.items()}


def _batches(rows, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# What a row shows, read as tuples: 20,000 model objects (and their lead units) cost more to build
# than the workbook's XML of their cells.
ROW_FIELDS = (
    "pk",
    "source",
    "source_reference",
    "title",
    "lead_unit__short_name",
    "deadline",
    "original_deadline",
    "status",
    "light",
    "latest_text",
    "closed_at",
)


def ledger_rows(items):
    """The rows in unit order; the latest progress comes from one subquery, not from every report,
    and the co-units from one query per thousand rows."""
    latest = ProgressReport.objects.filter(action_item=OuterRef("pk")).order_by("-created_at", "-pk").values("text")[:1]
    items = (
        items.with_light()
        .annotate(latest_text=Subquery(latest))
        .prefetch_related(None)
        .order_by("lead_unit__order", "deadline", "pk")
        .values_list(*ROW_FIELDS)
    )
    names = dict(MemberUnit.objects.order_by("order").values_list("pk", "short_name"))
    # Each label translated once, not once a row (a lookup of a Chinese source string is slow).
    sources, statuses = _labels(ActionItem.Source), _labels(ActionItem.Status)
    lights = _labels(Light)
    today = timezone.localdate()
    numbers = itertools.count(1)
    for chunk in _batches(items.iterator(chunk_size=CHUNK), CHUNK):
        co_units = _co_unit_names([row[0] for row in chunk], names)
        for pk, source, reference, title, lead, deadline, original, status, light, latest_text, closed_at in chunk:
            overdue = ActionItem.overdue_on(deadline=deadline, status=status, today=today)
            yield [
                next(numbers),
                sources[source],
                reference,
                title,
                lead,
                co_units.get(pk, ""),
                deadline,
                original if original != deadline else None,
                statuses[status],
                "是" if overdue else "否",
                lights[light],
                latest_text or "",
                timezone.localdate(closed_at) if closed_at else None,
            ]


def write_ledger(items, out) -> int:
    """The ledger into `out` (a file), row by row with XlsxWriter in constant-memory mode: 20,000
    items never sit in memory as a sheet. Every text is written as a string (`write_string`), and a
    formula-like one with Excel's quote prefix, so a user's "=HYPERLINK(…)" shows as typed and
    never becomes a formula (see spreadsheets.py). Returns the number of items written."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet("督办台账")
    for index, (_name, width) in enumerate(COLUMNS):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(2, 0)
    text = book.add_format({"text_wrap": True, "valign": "top"})
    quoted = book.add_format({"text_wrap": True, "valign": "top", "quote_prefix": True})  # stays text when edited
    formats = {
        "date": book.add_format({"text_wrap": True, "valign": "top", "num_format": "yyyy-mm-dd"}),
        "overdue": book.add_format({"text_wrap": True, "valign": "top", "bold": True, "font_color": "#B3261E"}),
        **{
            str(light.label): book.add_format({"text_wrap": True, "valign": "top", "bg_color": f"#{color}"})
            for light, color in LIGHT_FILLS.items()
        },
    }
    title = f"陈仓区社会救助工作联席会议督办台账（{timezone.localdate():%Y年%m月%d日}）"
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    header = book.add_format({"bold": True, "bg_color": "#DDE5F0"})
    for column, (name, _width) in enumerate(COLUMNS):
        sheet.write_string(1, column, name, header)
    number = 1  # the header row, when there are no items
    for number, row in enumerate(ledger_rows(items), start=2):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(number, column, value, formats["date"])
            elif isinstance(value, int):
                sheet.write_number(number, column, value, text)
            elif column == 9 and value == "是":
                sheet.write_string(number, column, value, formats["overdue"])
            elif column == LIGHT_COLUMN - 1 and value in formats:
                sheet.write_string(number, column, value, formats[value])
            else:
                sheet.write_string(number, column, value, quoted if is_formula_like(value) else text)
    book.close()
    return number - 1


def ledger_workbook(items) -> bytes:
    out = io.BytesIO()
    write_ledger(items, out)
    return out.getvalue()
