"""The supervision ledger (督办台账) as an Excel workbook, with the columns offices keep by hand."""

import io

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .grading import Light
from .models import ProgressReport
from .spreadsheets import text_cell

WRAP = Alignment(wrap_text=True, vertical="top")

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


def ledger_rows(items):
    """The rows in unit order; the latest progress comes from one subquery, not from every report."""
    latest = ProgressReport.objects.filter(action_item=OuterRef("pk")).order_by("-created_at", "-pk").values("text")[:1]
    items = (
        items.with_light()
        .annotate(latest_text=Subquery(latest))
        .select_related("lead_unit")
        .prefetch_related("co_units")
        .order_by("lead_unit__order", "deadline", "pk")
    )
    for number, item in enumerate(items.iterator(chunk_size=1000), start=1):
        yield [
            number,
            item.get_source_display(),
            item.source_reference,
            item.title,
            item.lead_unit.short_name,
            "、".join(u.short_name for u in sorted(item.co_units.all(), key=lambda u: u.order)),
            item.deadline,
            item.original_deadline if item.original_deadline != item.deadline else None,
            item.get_status_display(),
            "是" if item.is_overdue else "否",
            str(item.grade.label),
            item.latest_text or "",
            timezone.localdate(item.closed_at) if item.closed_at else None,
        ]


def _cells(sheet, row, fills) -> list:
    """One row as write-only cells: text wrapped, dates formatted, the overdue mark red, the light filled."""
    cells = []
    for column, value in enumerate(row, start=1):
        cell = text_cell(sheet, value)
        cell.alignment = WRAP
        if hasattr(value, "year"):
            cell.number_format = "yyyy-mm-dd"
        if column == 10 and value == "是":
            cell.font = Font(color="B3261E", bold=True)
        if column == LIGHT_COLUMN and value in fills:
            cell.fill = fills[value]
        cells.append(cell)
    return cells


def write_ledger(items, out) -> None:
    """The ledger into `out` (a file), row by row in openpyxl's write-only mode: 20,000 items never
    sit in memory as a sheet. Users' text is written as text, never as a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("督办台账")
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    title = text_cell(sheet, f"陈仓区社会救助工作联席会议督办台账（{timezone.localdate():%Y年%m月%d日}）")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    header = []
    for name, _width in COLUMNS:
        cell = text_cell(sheet, name)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
        header.append(cell)
    sheet.append(header)
    fills = {str(light.label): PatternFill("solid", fgColor=color) for light, color in LIGHT_FILLS.items()}
    for row in ledger_rows(items):
        sheet.append(_cells(sheet, row, fills))
    book.save(out)


def ledger_workbook(items) -> bytes:
    out = io.BytesIO()
    write_ledger(items, out)
    return out.getvalue()
