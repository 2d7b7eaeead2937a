"""Reading the congress/CPPCC office's sheet: header variants, and each bad row refused with its reason."""

import datetime
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from coordination.errors import DomainError
from coordination.importers.proposal_sheet import COLUMNS, MAX_ROWS, read_sheet, template_workbook
from coordination.models import Proposal, UnitAlias

STANDARD = [
    "类型(建议/提案)",
    "届次",
    "编号",
    "标题",
    "领衔人",
    "附议人",
    "内容摘要",
    "主办单位",
    "协办单位",
    "交办日期",
    "办理时限",
]


def sheet(header, *rows, title_row=None) -> io.BytesIO:
    book = Workbook()
    page = book.active
    if title_row:
        page.append([title_row])
    page.append(header)
    for row in rows:
        page.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def good(number="138", **changes):
    values = {
        "类型(建议/提案)": "建议",
        "届次": "区第十九届人大第四次会议",
        "编号": number,
        "标题": "关于加强困难群众临时救助的建议",
        "领衔人": "张三",
        "附议人": "李四、王五",
        "内容摘要": "建议简化临时救助审批。",
        "主办单位": "区民政局",
        "协办单位": "区财政局，区人社局",
        "交办日期": datetime.date(2026, 3, 20),
        "办理时限": "2026-06-20",
    }
    values.update(changes)
    return [values[name] for name in STANDARD]


def test_a_standard_row_is_read_with_every_field(units):
    [row] = read_sheet(sheet(STANDARD, good()))
    assert row.accepted, row.problems
    assert (row.kind, row.session, row.number, row.title) == (
        Proposal.Kind.NPC,
        "区第十九届人大第四次会议",
        "138",
        "关于加强困难群众临时救助的建议",
    )
    assert row.proposers == ["张三", "李四", "王五"]
    assert row.lead_unit == units[5]
    assert row.co_units == [units[7], units[8]]
    assert (row.assigned_on, row.deadline) == (datetime.date(2026, 3, 20), datetime.date(2026, 6, 20))


def test_header_variants_and_a_title_row_above_the_header_are_understood(units):
    header = ["案由", " 提案号 ", "届次会议", "提出人*", "承办单位", "会办单位", "答复时限", "交办时间（日期）"]
    row = [
        "关于残疾人就业帮扶的提案",
        "d062",
        "区政协第十届第三次会议",
        "赵六",
        "区残联",
        "",
        "2026年7月1日",
        "2026/4/1",
    ]
    [read] = read_sheet(sheet(header, row, title_row="2026年政协提案交办清单"))
    assert read.accepted, read.problems
    assert (read.kind, read.number, read.lead_unit, read.line) == (Proposal.Kind.CPPCC, "d062", units[24], 3)
    assert (read.assigned_on, read.deadline) == (datetime.date(2026, 4, 1), datetime.date(2026, 7, 1))


def test_a_lead_unit_named_by_an_alias_is_that_unit(units):
    UnitAlias.objects.create(name="区民政局（区社会救助服务中心）", unit=units[5])
    [row] = read_sheet(sheet(STANDARD, good(主办单位="区民政局（区社会救助服务中心）")))
    assert row.accepted and row.lead_unit == units[5]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"标题": ""}, "缺少标题"),
        ({"领衔人": ""}, "缺少领衔人/提出人"),
        ({"主办单位": "区不存在局"}, "不是成员单位"),
        ({"协办单位": "区财政局、区火星局"}, "区火星局"),
        ({"主办单位": "相关成员单位"}, "没有指明具体单位"),
        ({"交办日期": "三月二十日"}, "不是日期"),
        ({"办理时限": "2026-02-30"}, "不是日期"),
        ({"办理时限": "2026-03-01"}, "不能早于交办日期"),
        ({"类型(建议/提案)": "", "届次": "第四次会议"}, "无法判断是建议还是提案"),
        ({"标题": '=HYPERLINK("http://evil.example","点击")'}, "公式"),
        ({"内容摘要": "+cmd|' /C calc'!A0"}, "公式"),
        ({"标题": "长" * 201}, "超过 200 字"),
        ({"内容摘要": "长" * 5001}, "超过 5000 字"),
    ],
)
def test_a_bad_row_is_refused_with_its_reason_and_the_good_rows_stay(units, changes, reason):
    first, bad = read_sheet(sheet(STANDARD, good("1"), good("2", **changes)))
    assert first.accepted
    assert not bad.accepted
    assert any(reason in problem for problem in bad.problems), bad.problems


def test_an_external_body_is_refused_as_not_a_member_unit(units):
    UnitAlias.objects.create(name="区委文明办", unit=None)
    [row] = read_sheet(sheet(STANDARD, good(主办单位="区委文明办")))
    assert any("不是联席会议成员单位" in problem for problem in row.problems)


def test_duplicates_within_the_sheet_and_with_registered_ones_are_refused(units, office_user):
    Proposal.objects.create(
        kind="npc",
        session="区第十九届人大第四次会议",
        number="7",
        title="已登记",
        received_on=datetime.date(2026, 3, 1),
        lead_unit=units[5],
    )
    rows = read_sheet(sheet(STANDARD, good("7"), good("8"), good(" 8 "), good("第9号")))
    assert [row.accepted for row in rows] == [False, True, False, True]
    assert "已经登记过" in rows[0].problems[0]
    assert "重复" in rows[2].problems[0]
    assert rows[3].number == "9"


def test_a_formula_cell_is_refused_not_replaced_by_its_cached_value(units):
    book = Workbook()
    book.active.append(STANDARD)
    book.active.append(good("5"))
    book.active["D2"] = "=A1&B1"
    buffer = io.BytesIO()
    book.save(buffer)
    [row] = read_sheet(io.BytesIO(buffer.getvalue()))
    assert any("公式" in problem for problem in row.problems)


def test_a_sheet_without_the_needed_columns_is_refused_whole(units):
    with pytest.raises(DomainError, match="主办单位"):
        read_sheet(sheet(["届次", "编号", "标题", "领衔人"], ["区第十九届人大第四次会议", "1", "t", "张三"]))


def test_a_file_that_is_not_a_workbook_is_refused(units):
    with pytest.raises(DomainError, match="无法读取"):
        read_sheet(io.BytesIO(b"PK\x03\x04 not really a zip"))


def test_too_many_rows_are_refused_whole(units):
    rows = [good(str(n)) for n in range(MAX_ROWS + 1)]
    with pytest.raises(DomainError, match=str(MAX_ROWS)):
        read_sheet(sheet(STANDARD, *rows))


def test_columns_beyond_the_bound_are_not_read(units):
    header = STANDARD + [f"多余{n}" for n in range(40)] + ["标题"]
    [row] = read_sheet(sheet(header, good() + ["x"] * 40 + ["=EVIL()"]))
    assert row.accepted and row.title == "关于加强困难群众临时救助的建议"


def test_the_template_has_every_column_and_reads_back_as_a_header(units):
    book = load_workbook(io.BytesIO(template_workbook()))
    header = [cell.value for cell in book.worksheets[0][1]]
    assert len(header) == len(COLUMNS)
    notes = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert notes == [names[0] for names in COLUMNS.values()]
    with pytest.raises(DomainError, match="没有数据行"):
        read_sheet(io.BytesIO(template_workbook()))


CELLS = st.one_of(
    st.none(),
    st.text(max_size=80).filter(lambda t: not ILLEGAL_CHARACTERS_RE.search(t)),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, min_size=len(STANDARD), max_size=len(STANDARD)), min_size=1, max_size=4))
def test_any_cells_give_judged_rows_never_an_exception(units, rows):
    try:
        judged = read_sheet(sheet(STANDARD, *rows))
    except DomainError as error:  # only when every row is blank
        assert "没有数据行" in error.message
        assert all(cell in (None, "") for row in rows for cell in row)
        return
    for row in judged:
        assert row.accepted or row.problems
        assert not row.accepted or (row.title and row.lead_unit and row.proposers)
