"""Reading a joint-meeting notice shaped like 宝陈政办发〔2022〕45号, as published on a government site.

The text comes with web-page debris, full-width and half-width punctuation mixed, and labels
spelled with spaces ("名  称"). The parser keeps everything it cannot place in `warnings`, so the
import command can report it instead of dropping it.
"""

import datetime
import re
from dataclasses import dataclass, field

from .text import cn_number, make_date, normalise_doc_number

CN_NUMBERS = "一二三四五六七八九十"
SEPARATORS = re.compile(r"[、,，;；]")
LABEL = r"[\s\u3000]*"


def _label(word: str) -> str:
    """A metadata label that may be spelled with spaces between its characters, then a colon."""
    return LABEL.join(word) + r"[\s\u3000]*[:：][\s\u3000]*"


META_FIELDS = {
    "index_number": _label("索引号") + r"(?P<v>[0-9A-Za-z\-/]+)",
    "issuing_body": _label("发布机构") + r"(?P<v>\S+?)(?=\s+发布|$)",
    "published": _label("发布日期") + r"(?P<v>\d{4}-\d{1,2}-\d{1,2})",
    "name": _label("名称") + r"(?P<v>.+?)\s*$",
    "validity": _label("有效性") + r"(?P<v>有效|失效|废止)",
    "doc_number": _label("文号") + r"(?P<v>.+?)\s*$",
}
ATTACHMENT_HEADING = re.compile(r"^附件\s*(?P<n>\d)\s*$")
UNIT_HEADING = re.compile(rf"^(?:[{CN_NUMBERS}]+[、.．]|\d+[、.．])\s*(?P<unit>\S+?)[:：]?$")
MEASURE = re.compile(rf"^[(（](?P<n>[{CN_NUMBERS}]+)[)）]\s*(?P<text>.+)$")
MEASURE_UNITS = re.compile(r"[(（](?P<units>[^()（）]*负责[^()（）]*)[)）]\s*[。.]?\s*$")
TOWNS = re.compile(r"各镇[(（]?街道?[)）]?|各镇街")
# A measure's heading ends at its first full stop or semicolon: "（一）健全多层次救助体系。加快…".
CLAUSE_END = re.compile(r"[。；;！!？?]")
TITLE_LENGTH = 40


@dataclass
class NoticeMetadata:
    index_number: str | None = None
    issuing_body: str | None = None
    published: datetime.date | None = None
    name: str | None = None
    validity: str | None = None
    doc_number: str | None = None


@dataclass
class Measure:
    number: int
    text: str
    units: list[str]
    towns: bool

    @property
    def title(self) -> str:
        return short_title(self.text)


def short_title(text: str, limit: int = TITLE_LENGTH) -> str:
    """The heading of a measure: its first sentence, or its first clause when that sentence is long.

    Notices open each measure with a short heading ("健全医疗救助制度。") followed by the detail;
    a measure without one is cut after a comma, and only a run-on sentence is cut at `limit`.
    """
    text = text.strip()
    end = CLAUSE_END.search(text)
    first = text[: end.start()] if end else text
    if len(first) <= limit:
        return first.strip() or text[:limit]
    comma = max(first.rfind(mark, 0, limit) for mark in "，,")
    if comma >= 4:
        return first[:comma]
    return first[: limit - 1] + "…"


@dataclass
class ParsedNotice:
    metadata: NoticeMetadata
    title: str | None
    body: list[str]
    members: list[str]
    duties: dict[str, list[str]]
    measures: list[Measure]
    warnings: list[str] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [line.strip().replace("\u3000", " ") for line in text.replace("\r", "").split("\n")]


def _metadata(lines: list[str]) -> NoticeMetadata:
    meta = NoticeMetadata()
    for line in lines[:40]:
        for name, pattern in META_FIELDS.items():
            match = re.search(pattern, line)
            if match and getattr(meta, name) is None:
                value = match.group("v").strip()
                if name == "published":
                    value = make_date(*value.split("-"))
                    if value is None:
                        continue  # an impossible date is reported missing, like an absent one
                elif name == "doc_number":
                    value = normalise_doc_number(value)
                setattr(meta, name, value)
    return meta


def _sections(lines: list[str]) -> tuple[list[str], dict[int, list[str]]]:
    """The main text and the attachments (附件1, 附件2, …), each as its non-empty lines."""
    main, attachments, current = [], {}, None
    for line in lines:
        heading = ATTACHMENT_HEADING.match(line)
        if heading:
            current = int(heading.group("n"))
            attachments[current] = []
        elif line:
            (attachments[current] if current else main).append(line)
    return main, attachments


def _members(main: list[str]) -> list[str]:
    for line in main:
        match = re.match(_label("成员"), line)
        if match:
            return [name.strip() for name in SEPARATORS.split(line[match.end() :].rstrip("。.")) if name.strip()]
    return []


def _duties(lines: list[str], warnings: list[str]) -> dict[str, list[str]]:
    duties: dict[str, list[str]] = {}
    unit = None
    for line in lines[1:]:  # the first line is the attachment's title
        heading = UNIT_HEADING.match(line)
        if heading and len(heading.group("unit")) <= 16:
            unit = heading.group("unit")
            duties.setdefault(unit, [])
        elif unit:
            duties[unit].append(line)
        else:
            warnings.append(f"附件1中无法归属到单位的段落：{line[:40]}")
    for name, paragraphs in duties.items():
        if not paragraphs:
            warnings.append(f"附件1中“{name}”没有职责内容")
    return duties


def _measures(lines: list[str], warnings: list[str]) -> list[Measure]:
    measures = []
    for line in lines:
        match = MEASURE.match(line)
        if not match:
            continue
        text = TOWNS.sub("各镇街", match.group("text"))  # "各镇（街道）" would nest brackets
        bracket = MEASURE_UNITS.search(text)
        if not bracket:
            warnings.append(f"措施（{match.group('n')}）末尾没有写明负责单位：{text[:30]}…")
            continue
        number = cn_number(match.group("n"))
        if number is None:
            warnings.append(f"措施编号（{match.group('n')}）无法识别：{text[:30]}…")
            continue
        raw = re.sub(r"负责落实|负责", "", bracket.group("units"))
        towns = bool(TOWNS.search(raw))
        units = [u.strip() for u in SEPARATORS.split(TOWNS.sub("", raw)) if u.strip()]
        measures.append(Measure(number, text[: bracket.start()].rstrip(), units, towns))
    return measures


def parse_notice(text: str) -> ParsedNotice:
    lines = _lines(text)
    metadata = _metadata(lines)
    warnings = [f"元数据缺少：{name}" for name, value in vars(metadata).items() if value is None]
    main, attachments = _sections(lines)
    title = metadata.name if metadata.name and metadata.name in main else None
    start = main.index(title) + 1 if title else 0
    body = [
        line
        for line in main[start:]
        if not re.match(r"^(发布时间|附件)\s*[:：]", line) and not re.match(r"^\d+\s*[.．]", line)
    ]
    if 1 not in attachments:
        warnings.append("没有找到附件1（成员单位工作职责）")
    if 2 not in attachments:
        warnings.append("没有找到附件2（实施方案中的措施）")
    duties = _duties(attachments.get(1, []), warnings) if 1 in attachments else {}
    measures = _measures(attachments.get(2, []), warnings) if 2 in attachments else []
    return ParsedNotice(
        metadata=metadata,
        title=title or metadata.name,
        body=body,
        members=_members(main),
        duties=duties,
        measures=measures,
        warnings=warnings,
    )
