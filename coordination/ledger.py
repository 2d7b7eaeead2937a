"""The supervision ledger (督办台账) as an Excel workbook, with the columns offices keep by hand."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .grading import Light
from .spreadsheets import append_row, workbook_bytes

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
    items = items.with_light().select_related("lead_unit").prefetch_related("co_units", "reports")
    for number, item in enumerate(items.order_by("lead_unit__order", "deadline", "pk"), start=1):
        latest = max(item.reports.all(), key=lambda r: r.created_at, default=None)
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
            latest.text if latest else "",
            timezone.localdate(item.closed_at) if item.closed_at else None,
        ]


def ledger_workbook(items) -> bytes:
    """The ledger; users' text (titles, progress) is written as text, never as a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "督办台账"
    append_row(sheet, [f"陈仓区社会救助工作联席会议督办台账（{timezone.localdate():%Y年%m月%d日}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [name for name, _width in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5F0")
    fills = {str(light.label): color for light, color in LIGHT_FILLS.items()}
    for row in ledger_rows(items):
        append_row(sheet, row)
        if row[9] == "是":
            sheet.cell(row=sheet.max_row, column=10).font = Font(color="B3261E", bold=True)
        color = fills.get(row[LIGHT_COLUMN - 1])
        if color:
            sheet.cell(row=sheet.max_row, column=LIGHT_COLUMN).fill = PatternFill("solid", fgColor=color)
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for cell in sheet[get_column_letter(index)][2:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.value and hasattr(cell.value, "year"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A3"
    return workbook_bytes(book)
