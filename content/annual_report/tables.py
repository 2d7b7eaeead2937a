"""The report's figures laid out as the national template's tables, merged cells and totals included.

The public page and the editor's grid render the same `Table`s; in the editor a stored cell is
an input, a total is text either way.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .layout import (
    APPLICANTS,
    HANDLING,
    ORGANISATIONS,
    PROACTIVE_COLUMNS,
    PROACTIVE_ROWS,
    PUBLISHED,
    REQUEST_ROWS,
    RESULT_CODES,
    REVIEW_KINDS,
    REVIEW_OUTCOMES,
    input_name,
)

PROACTIVE_SECTIONS = (
    (_("第二十条第（一）项"), ("rules", "normative")),
    (_("第二十条第（五）项"), ("licensing",)),
    (_("第二十条第（六）项"), ("penalty", "coercion")),
    (_("第二十条第（八）项"), ("fees",)),
)


@dataclass
class Cell:
    text: object = ""
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    scope: str = ""
    value: object = None
    name: str = ""  # the input's name when the cell is edited

    @property
    def is_value(self) -> bool:
        return not self.header


@dataclass
class Table:
    key: str
    title: object
    head: list = field(default_factory=list)
    body: list = field(default_factory=list)
    columns: int = 0


def report_tables(figures: dict, editable: bool = False) -> list[Table]:
    def value(path, number):
        return Cell(value=number, name=input_name(path) if editable else "")

    return [
        _published(figures, value),
        _handling(figures, value),
        _proactive(figures, value),
        _requests(figures, value),
        _reviews(figures, value),
    ]


def _published(figures, value) -> Table:
    table = Table("published", _("本年主动公开信息"), columns=2)
    table.head = [[Cell(_("栏目"), header=True, scope="col"), Cell(_("本年公开数量"), header=True, scope="col")]]
    for code, label in PUBLISHED:
        table.body.append(
            [Cell(label, header=True, scope="row"), value(("published", code), figures["published"][code])]
        )
    return table


def _handling(figures, value) -> Table:
    table = Table("handling", _("依申请公开办理情况"), columns=2)
    table.head = [[Cell(_("项目"), header=True, scope="col"), Cell(_("件数"), header=True, scope="col")]]
    for code, label in HANDLING:
        table.body.append([Cell(label, header=True, scope="row"), value(("handling", code), figures["handling"][code])])
    return table


def _proactive(figures, value) -> Table:
    table = Table("proactive", _("二、主动公开政府信息情况"), columns=4)
    labels = {row: (label, columns) for row, label, columns in PROACTIVE_ROWS}
    for section, rows in PROACTIVE_SECTIONS:
        table.body.append([Cell(section, colspan=4, header=True, scope="colgroup")])
        columns = labels[rows[0]][1]
        span = 3 // len(columns)
        table.body.append(
            [Cell(_("信息内容"), header=True, scope="col")]
            + [Cell(PROACTIVE_COLUMNS[c], colspan=span, header=True, scope="col") for c in columns]
        )
        for row in rows:
            label, columns = labels[row]
            cells = [Cell(label, header=True, scope="row")]
            for column in columns:
                cell = value(("proactive", row, column), figures["proactive"][row][column])
                cell.colspan = span
                cells.append(cell)
            table.body.append(cells)
    return table


def _requests(figures, value) -> Table:
    requests = figures["requests"]
    table = Table("requests", _("三、收到和处理政府信息公开申请情况"), columns=10)
    table.head = [
        [
            Cell(
                _("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
                colspan=3,
                rowspan=3,
                header=True,
            ),
            Cell(_("申请人情况"), colspan=7, header=True, scope="colgroup"),
        ],
        [
            Cell(_("自然人"), rowspan=2, header=True, scope="col"),
            Cell(_("法人或其他组织"), colspan=5, header=True, scope="colgroup"),
            Cell(_("总计"), rowspan=2, header=True, scope="col"),
        ],
        [Cell(label, header=True, scope="col") for _code, label in ORGANISATIONS],
    ]

    def numbers(code):
        row = [value(("requests", code, column), requests[code][column]) for column, _label in APPLICANTS]
        return row + [Cell(value=sum(requests[code][column] for column, _label in APPLICANTS))]

    by_code = {row.code: row for row in REQUEST_ROWS}
    table.body.append([Cell(by_code["new"].label, colspan=3, header=True, scope="row"), *numbers("new")])
    table.body.append([Cell(by_code["carried_in"].label, colspan=3, header=True, scope="row"), *numbers("carried_in")])
    results = [row for row in REQUEST_ROWS if row.result]
    first = True
    for index, row in enumerate(results):
        cells = []
        if first:
            cells.append(Cell(_("三、本年度办理结果"), rowspan=len(results) + 1, header=True, scope="rowgroup"))
            first = False
        if not row.group:
            cells.append(Cell(row.label, colspan=2, header=True, scope="row"))
        else:
            if index == 0 or results[index - 1].group != row.group:
                size = sum(1 for other in results if other.group == row.group)
                cells.append(Cell(row.group, rowspan=size, header=True, scope="rowgroup"))
            cells.append(Cell(row.label, header=True, scope="row"))
        table.body.append(cells + numbers(row.code))
    totals = [Cell(value=sum(requests[code][column] for code in RESULT_CODES)) for column, _label in APPLICANTS]
    table.body.append(
        [Cell(_("（七）总计"), colspan=2, header=True, scope="row"), *totals, Cell(value=sum(c.value for c in totals))]
    )
    table.body.append([Cell(_("四、结转下年度继续办理"), colspan=3, header=True, scope="row"), *numbers("carried_out")])
    return table


def _reviews(figures, value) -> Table:
    reviews = figures["reviews"]
    table = Table("reviews", _("四、政府信息公开行政复议、行政诉讼情况"), columns=15)
    outcome_labels = [*(label for _code, label in REVIEW_OUTCOMES), _("总计")]
    table.head = [
        [
            Cell(REVIEW_KINDS[0][1], colspan=5, header=True, scope="colgroup"),
            Cell(_("行政诉讼"), colspan=10, header=True, scope="colgroup"),
        ],
        [
            *(Cell(label, rowspan=2, header=True, scope="col") for label in outcome_labels),
            Cell(_("未经复议直接起诉"), colspan=5, header=True, scope="colgroup"),
            Cell(_("复议后起诉"), colspan=5, header=True, scope="colgroup"),
        ],
        [Cell(label, header=True, scope="col") for label in outcome_labels * 2],
    ]
    row = []
    for kind, _label in REVIEW_KINDS:
        row += [value(("reviews", kind, outcome), reviews[kind][outcome]) for outcome, _o in REVIEW_OUTCOMES]
        row.append(Cell(value=sum(reviews[kind].values())))
    table.body.append(row)
    return table
