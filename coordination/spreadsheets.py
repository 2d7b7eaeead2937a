"""Writing Excel workbooks of users' text without letting that text become a formula.

Progress reports, titles and names are typed by users. openpyxl stores a string starting with
"=" as a formula, and Excel evaluates text starting with = + - @ (or a tab or carriage return)
once the cell is edited or the sheet is saved as CSV: `=HYPERLINK(...)` in a progress report
would become a live link in the office's ledger. Such cells are written as text with Excel's
"quote prefix" style, so they show exactly what the user typed and are never evaluated.
"""

import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = tuple("=+-@＝＋－＠\t\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.lstrip(" \n").startswith(FORMULA_STARTS)


def append_row(sheet, values) -> None:
    """`sheet.append(values)`, with every formula-like string stored as plain text."""
    sheet.append(list(values))
    for cell, value in zip(sheet[sheet.max_row], values, strict=False):
        if is_formula_like(value):
            cell.value = value
            cell.data_type = TYPE_STRING
            cell.quotePrefix = True


def table_workbook(title: str, header: list[str], rows) -> bytes:
    """A one-sheet workbook: a header row, then `rows`, all written through `append_row`."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel refuses a workbook whose sheet title is longer
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)
    return workbook_bytes(book)


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
