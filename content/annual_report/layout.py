"""The fixed tables of the 政府信息公开工作年度报告, as the national template lays them out.

One definition serves the three places that need it: the figures computed from the portal's
records (`figures.py`), the editor's grid of inputs (`widgets.py`) and the public page. Only
leaf cells are stored; totals are added up when shown, so a corrected figure can never leave a
总计 behind.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# 二、主动公开政府信息情况: (row, label, columns of that row)
PROACTIVE_MADE = ("made", "repealed", "in_force")
PROACTIVE_ROWS = (
    ("rules", _("规章"), PROACTIVE_MADE),
    ("normative", _("行政规范性文件"), PROACTIVE_MADE),
    ("licensing", _("行政许可"), ("decisions",)),
    ("penalty", _("行政处罚"), ("decisions",)),
    ("coercion", _("行政强制"), ("decisions",)),
    ("fees", _("行政事业性收费"), ("amount",)),
)
PROACTIVE_COLUMNS = {
    "made": _("本年制发件数"),
    "repealed": _("本年废止件数"),
    "in_force": _("现行有效件数"),
    "decisions": _("本年处理决定数量"),
    "amount": _("本年收费金额（单位：万元）"),
}
DECIMAL_CELLS = {("fees", "amount")}

# 三、收到和处理政府信息公开申请情况: columns by applicant, then the total.
APPLICANTS = (  # codes as coordination's ApplicantColumn
    ("natural", _("自然人")),
    ("business", _("商业企业")),
    ("research", _("科研机构")),
    ("public_interest", _("社会公益组织")),
    ("legal", _("法律服务机构")),
    ("other", _("其他")),
)
ORGANISATIONS = APPLICANTS[1:]


@dataclass(frozen=True)
class RequestRow:
    """A row of the table; a result row names coordination's outcome (and reason) it counts."""

    code: str
    label: str
    group: str = ""  # the merged cell on the left of a group's rows (（三）不予公开 …)
    outcome: str = ""  # counted in （七）总计 when set
    reason: str = ""

    @property
    def result(self) -> bool:
        return bool(self.outcome)


def _group(group, outcome, rows):
    return tuple(RequestRow(f"{outcome}_{reason}", label, group, outcome, reason) for reason, label in rows)


REQUEST_ROWS = (
    RequestRow("new", _("一、本年新收政府信息公开申请数量")),
    RequestRow("carried_in", _("二、上年结转政府信息公开申请数量")),
    RequestRow("granted", _("（一）予以公开"), outcome="granted"),
    RequestRow("partial", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), outcome="partial"),
    *_group(
        _("（三）不予公开"),
        "withheld",
        (
            ("state_secret", _("1.属于国家秘密")),
            ("law_forbids", _("2.其他法律行政法规禁止公开")),
            ("three_safeties", _("3.危及“三安全一稳定”")),
            ("third_party", _("4.保护第三方合法权益")),
            ("internal_affairs", _("5.属于三类内部事务信息")),
            ("process_info", _("6.属于四类过程性信息")),
            ("enforcement_file", _("7.属于行政执法案卷")),
            ("admin_query", _("8.属于行政查询事项")),
        ),
    ),
    *_group(
        _("（四）无法提供"),
        "unavailable",
        (
            ("not_held", _("1.本机关不掌握相关政府信息")),
            ("needs_making", _("2.没有现成信息需要另行制作")),
            ("still_unclear", _("3.补正后申请内容仍不明确")),
        ),
    ),
    *_group(
        _("（五）不予处理"),
        "not_processed",
        (
            ("petition", _("1.信访举报投诉类申请")),
            ("repeated", _("2.重复申请")),
            ("publication", _("3.要求提供公开出版物")),
            ("mass_requests", _("4.无正当理由大量反复申请")),
            ("confirm_obtained", _("5.要求行政机关确认或重新出具已获取信息")),
        ),
    ),
    *_group(
        _("（六）其他处理"),
        "other",
        (
            ("no_correction", _("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
            ("unpaid_fee", _("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
            ("other", _("3.其他")),
        ),
    ),
)
RESULT_CODES = tuple(row.code for row in REQUEST_ROWS if row.result)
REQUEST_CODES = (*(row.code for row in REQUEST_ROWS), "carried_out")

# 四、政府信息公开行政复议、行政诉讼情况
REVIEW_OUTCOMES = (
    ("upheld", _("结果维持")),
    ("corrected", _("结果纠正")),
    ("other", _("其他结果")),
    ("pending", _("尚未审结")),
)
REVIEW_KINDS = (
    ("review", _("行政复议")),
    ("suit_direct", _("行政诉讼：未经复议直接起诉")),
    ("suit_after_review", _("行政诉讼：复议后起诉")),
)

# 办理情况 the national tables do not show but every office is asked about.
HANDLING = (
    ("overdue_answered", _("超过法定期限答复")),
    ("extended", _("延长答复期限")),
    ("corrections", _("要求申请人补正")),
)

# 本年主动公开信息, by the portal's own columns.
PUBLISHED = (
    ("policies", _("政策文件")),
    ("interpretations", _("政策解读")),
    ("reports", _("工作报告、总结和通报")),
    ("replies", _("建议提案答复")),
)


def empty_figures() -> dict:
    """Every cell of every table at zero: the shape `figures.py` fills and the editor corrects."""
    return {
        "published": {code: 0 for code, _label in PUBLISHED},
        "proactive": {row: {column: 0 for column in columns} for row, _label, columns in PROACTIVE_ROWS},
        "requests": {code: {column: 0 for column, _label in APPLICANTS} for code in REQUEST_CODES},
        "handling": {code: 0 for code, _label in HANDLING},
        "reviews": {kind: {outcome: 0 for outcome, _label in REVIEW_OUTCOMES} for kind, _label in REVIEW_KINDS},
    }


def cells(figures: dict):
    """(path, value) for every stored cell, path as (table, row[, column])."""
    for table, rows in figures.items():
        for row, value in rows.items():
            if isinstance(value, dict):
                for column, cell in value.items():
                    yield (table, row, column), cell
            else:
                yield (table, row), value


def input_name(path) -> str:
    """The editor's input of a cell."""
    return "figures__" + "__".join(path)


def unbalanced(figures) -> list[str]:
    """Applicant columns where 新收 + 上年结转 ≠ 办理结果总计 + 结转下年度 (every report must add up)."""
    requests = figures["requests"]
    wrong = []
    for column, label in APPLICANTS:
        received = requests["new"][column] + requests["carried_in"][column]
        handled = sum(requests[code][column] for code in RESULT_CODES) + requests["carried_out"][column]
        if received != handled:
            wrong.append(str(label))
    return wrong
