"""Reading the congress/CPPCC office's spreadsheet of assigned suggestions and proposals (.xlsx).

The office receives one sheet per session: a header row, then one suggestion or proposal a row.
Offices name the columns differently (`领衔人` or `提出人`, `主办单位` or `承办单位` …): each column
is recognised by any name in `COLUMNS`, ignoring spaces, asterisks and a bracketed note such as
`类型(建议/提案)`. Every row is judged on its own: it is either ready to be registered or refused
with the reasons, so the office sees the whole sheet's verdict before anything is created.

The workbook is opened read-only and never evaluated: a formula is refused, not replaced by the
value Excel last cached for it (which whoever built the file chose), and so is text that Excel
would take for a formula (`=`, `+`, `-`, `@` …). Rows and columns read are bounded.
"""

import dataclasses
import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from ..errors import DomainError
from ..models import MemberUnit, Proposal
from ..selectors.unit_names import UnitNames
from ..spreadsheets import append_row, is_formula_like, workbook_bytes

MAX_ROWS = 500
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 5
CELL_LENGTH = 5_000
EARLIEST = datetime.date(2000, 1, 1)

# The field each column fills, its name in the template, and the other names offices use.
COLUMNS = {
    "kind": ("类型", "类别", "种类", "建议/提案", "案件类型"),
    "session": ("届次", "届次会议", "会议", "会次"),
    "number": ("编号", "建议号", "提案号", "案号", "建议编号", "提案编号"),
    "title": ("标题", "案由", "题目", "建议标题", "提案标题", "名称"),
    "proposers": ("领衔人", "提出人", "领衔代表", "领衔委员", "提案人", "代表", "委员", "提出者"),
    "seconders": ("附议人", "联名人", "附议代表", "联名代表", "附议委员"),
    "content": ("内容摘要", "内容", "摘要", "主要内容", "内容简介"),
    "lead_unit": ("主办单位", "承办单位", "主办", "牵头单位", "主办部门"),
    "co_units": ("协办单位", "会办单位", "协办", "配合单位", "协办部门"),
    "assigned_on": ("交办日期", "交办时间", "交办日"),
    "deadline": ("办理时限", "答复时限", "办结时限", "答复期限"),
}
REQUIRED = ("session", "number", "title", "proposers", "lead_unit")
LABELS = {
    "kind": gettext_lazy("类型"),
    "session": gettext_lazy("届次"),
    "number": gettext_lazy("编号"),
    "title": gettext_lazy("标题"),
    "proposers": gettext_lazy("领衔人/提出人"),
    "lead_unit": gettext_lazy("主办单位"),
}
LIMITS = {"session": 60, "number": 20, "title": 200}
SPLIT_NAMES = re.compile(r"[、，,；;\s]+")
DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclasses.dataclass
class SheetRow:
    """One row of the sheet: what it would register, or why it is refused."""

    line: int
    title: str = ""
    session: str = ""
    number: str = ""
    kind: str = ""
    proposers: list[str] = dataclasses.field(default_factory=list)
    content: str = ""
    lead_unit: MemberUnit | None = None
    co_units: list[MemberUnit] = dataclasses.field(default_factory=list)
    assigned_on: datetime.date | None = None
    deadline: datetime.date | None = None
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.problems

    @property
    def kind_label(self) -> str:
        return str(dict(Proposal.Kind.choices).get(self.kind, ""))

    def stored(self) -> dict:
        """The accepted row as plain data, to be registered after the office confirms."""
        return {
            "line": self.line,
            "kind": self.kind,
            "session": self.session,
            "number": self.number,
            "title": self.title,
            "content": self.content,
            "proposers": self.proposers,
            "lead_unit": self.lead_unit.pk,
            "co_units": [unit.pk for unit in self.co_units],
            "assigned_on": self.assigned_on.isoformat() if self.assigned_on else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }


def _header_key(text) -> str:
    text = re.sub(r"[\s*＊]", "", str(text or ""))
    return re.sub(r"[(（【\[].*?[)）】\]]", "", text)


NAMES = {_header_key(name): field for field, names in COLUMNS.items() for name in names}


def _columns(cells: tuple) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = NAMES.get(_header_key(cell))
        if field and field not in columns:
            columns[field] = index
    return columns


def _kind(text: str, session: str) -> str | None:
    """建议 / 人大 → a deputy's suggestion, 提案 / 政协 → a member's proposal.

    Without a kind, the session decides (区第十八届人大… / 区政协第十届…).
    """
    for value in (text, session if not text else ""):
        if "建议" in value or "人大" in value:
            return Proposal.Kind.NPC
        if "提案" in value or "政协" in value:
            return Proposal.Kind.CPPCC
    return None


def _date(value, label: str, problems: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        match = DATE.match(str(value).strip())
        try:
            day = datetime.date(*map(int, match.groups())) if match else None
        except ValueError:
            day = None
    if day is None:
        problems.append(_("%(label)s“%(value)s”不是日期，请写成 2026-03-01。") % {"label": label, "value": value})
        return None
    latest = timezone.localdate().replace(year=timezone.localdate().year + 10)
    if not EARLIEST <= day <= latest:
        problems.append(_("%(label)s %(day)s 超出合理范围。") % {"label": label, "day": day.isoformat()})
        return None
    return day


def _text(cell, label: str, problems: list[str]) -> str:
    """The cell as text (a date stays a date); a formula, formula-like text or an overlong text refused.

    Control characters cannot reach here: XML forbids them, so a file holding one does not open.
    """
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f" or is_formula_like(value):
        problems.append(_("%(label)s是公式或以公式符号开头，不予导入：请改为纯文本。") % {"label": label})
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if len(text) > CELL_LENGTH:
        problems.append(_("%(label)s超过 %(n)s 字。") % {"label": label, "n": CELL_LENGTH})
        return ""
    return text


def _unit(name: str, names: UnitNames, label: str, problems: list[str]) -> MemberUnit | None:
    resolved = names.resolve(name)
    if resolved.unit is not None and resolved.unit.is_active:
        return resolved.unit
    if resolved.unit is not None:
        problems.append(_("%(label)s“%(name)s”已不是成员单位。") % {"label": label, "name": name})
    if resolved.external:
        problems.append(_("%(label)s“%(name)s”不是联席会议成员单位。") % {"label": label, "name": name})
    elif resolved.vague:
        problems.append(_("%(label)s“%(name)s”没有指明具体单位。") % {"label": label, "name": name})
    else:
        problems.append(
            _("%(label)s“%(name)s”不是成员单位，也不在单位别名中：请改正或先在“单位别名”中添加。")
            % {"label": label, "name": name}
        )
    return None


def _row(line: int, cells: tuple, columns: dict[str, int], names: UnitNames) -> SheetRow:
    row = SheetRow(line=line)
    problems = row.problems
    values = {}
    for field, index in columns.items():
        cell = cells[index] if index < len(cells) else None
        label = str(LABELS.get(field) or COLUMNS[field][0])
        values[field] = _text(cell, label, problems) if cell is not None else ""
    text = {field: value if isinstance(value, str) else "" for field, value in values.items()}
    row.session = re.sub(r"\s+", "", text.get("session", ""))
    row.number = re.sub(r"^第|号$", "", re.sub(r"\s+", "", str(values.get("number") or "")))
    row.title = text.get("title", "")
    row.content = text.get("content", "")
    for field in REQUIRED:
        if not values.get(field) and not any(str(LABELS[field]) in p for p in problems):
            problems.append(_("缺少%(label)s。") % {"label": LABELS[field]})
    for field, limit in LIMITS.items():
        if len(getattr(row, field)) > limit:
            problems.append(_("%(label)s超过 %(n)s 字。") % {"label": LABELS[field], "n": limit})
    kind = _kind(text.get("kind", ""), row.session)
    if kind is None:
        problems.append(_("无法判断是建议还是提案：请在“类型”列填写“建议”或“提案”。"))
    row.kind = kind or ""
    row.proposers = [n for n in SPLIT_NAMES.split(text.get("proposers", "")) if n]
    row.proposers += [n for n in SPLIT_NAMES.split(text.get("seconders", "")) if n and n not in row.proposers]
    if any(len(name) > 40 for name in row.proposers):
        problems.append(_("提出人姓名过长。"))
    if text.get("lead_unit"):
        row.lead_unit = _unit(text["lead_unit"], names, str(LABELS["lead_unit"]), problems)
    for name in SPLIT_NAMES.split(text.get("co_units", "")):
        unit = _unit(name, names, _("协办单位"), problems) if name else None
        if unit is not None and unit != row.lead_unit and unit not in row.co_units:
            row.co_units.append(unit)
    row.assigned_on = _date(values.get("assigned_on"), _("交办日期"), problems)
    row.deadline = _date(values.get("deadline"), _("办理时限"), problems)
    if row.assigned_on and row.deadline and row.deadline < row.assigned_on:
        problems.append(_("办理时限不能早于交办日期。"))
    return row


def _refuse_duplicates(rows: list[SheetRow]) -> None:
    """Refuse a session + number registered before, or repeated within the sheet (the first one stays)."""
    known = Proposal.objects.filter(session__in={row.session for row in rows})
    registered = {
        (kind, session, number.lower()) for kind, session, number in known.values_list("kind", "session", "number")
    }
    seen = set(registered)
    for row in rows:
        if not row.session or not row.number or not row.kind:
            continue
        key = (row.kind, row.session, row.number.lower())
        if key in registered:
            row.problems.append(_("%(s)s 第%(n)s号已经登记过。") % {"s": row.session, "n": row.number})
        elif key in seen:
            row.problems.append(_("与本表前面一行重复：%(s)s 第%(n)s号。") % {"s": row.session, "n": row.number})
        seen.add(key)


def read_sheet(file) -> list[SheetRow]:
    """Every row of the first sheet below its header, judged; a file that is no such sheet is refused."""
    try:
        book = load_workbook(file, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise DomainError(_("无法读取这个 Excel 文件，请另存为 .xlsx 后再上传。")) from error
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1, max_col=MAX_COLUMNS)
        columns, rows, names = {}, [], UnitNames()
        for line, cells in enumerate(lines, start=1):
            if not columns:
                found = _columns(tuple(cell.value for cell in cells))
                columns = found if len(found) >= 3 else {}
                if not columns and line >= HEADER_SEARCH_ROWS:
                    break
                continue
            if all(cell.value in (None, "") for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                raise DomainError(_("一次最多导入 %(n)s 行，请拆分后分批上传。") % {"n": MAX_ROWS})
            rows.append(_row(line, tuple(cells), columns, names))
    finally:
        book.close()
    missing = [str(LABELS[field]) for field in REQUIRED if field not in columns]
    if missing:
        message = _("表头缺少这些列：%(cols)s。请使用模板的表头（可下载模板）。")
        raise DomainError(message % {"cols": "、".join(missing)})
    if not rows:
        raise DomainError(_("表中没有数据行。"))
    _refuse_duplicates(rows)
    return rows


def template_workbook() -> bytes:
    """The sheet to fill in: the header row, and a second sheet naming the accepted column names."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("建议提案")
    append_row(sheet, [names[0] + ("(建议/提案)" if field == "kind" else "") for field, names in COLUMNS.items()])
    notes = book.create_sheet(_("填写说明"))
    append_row(notes, [_("列"), _("也可写作"), _("说明")])
    explained = {
        "kind": _("填“建议”或“提案”；不填时按届次中的“人大”“政协”判断"),
        "proposers": _("多人用顿号分隔；第一位为领衔人"),
        "co_units": _("多个单位用顿号分隔；须为成员单位或单位别名"),
        "assigned_on": _("如 2026-03-01；不填为导入当天"),
        "deadline": _("如 2026-06-01；不填为交办日期起三个月"),
    }
    for field, names in COLUMNS.items():
        append_row(notes, [names[0], "、".join(names[1:]), str(explained.get(field, ""))])
    return workbook_bytes(book)
