"""What goes on the page of a 公文, as plain data: both renderings read only this."""

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field

# GB/T 9704-2012 7.3.3: the levels of a body's headings, by how the office numbers them.
_LEVELS = (
    ("h1", re.compile(r"^[一二三四五六七八九十百]+、")),  # 一、 in 黑体
    ("h2", re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),  # （一） in 楷体
)


@dataclass(frozen=True)
class Block:
    """A paragraph of the body. `kind`: "p" (indented two characters), "h1" (黑体), "h2" (楷体)."""

    text: str
    kind: str = "p"


@dataclass(frozen=True)
class Table:
    """A table in the body. The `key` column (a unit's name) is never wrapped."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key: int = 0
    caption: str = ""


@dataclass(frozen=True)
class Roster:
    """A names block of a 纪要 (出席 / 请假 / 列席): the label in 黑体, names after a full-width colon."""

    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Annex:
    """An attachment printed with the document (附件), on pages of its own after the date: its
    label (附件1) in 黑体, its title centred, then its body."""

    title: str
    body: tuple = ()


def blocks_from_text(text: str) -> list[Block]:
    """Every non-empty line a paragraph (a single Enter starts one, as in Word); 一、 and （一）
    lines become the headings of their level."""
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            kind = next((kind for kind, pattern in _LEVELS if pattern.match(line)), "p")
            blocks.append(Block(line, kind))
    return blocks


def _part_lines(parts) -> list[str]:
    out = []
    for part in parts:
        if isinstance(part, Table):
            out += [*part.columns, *(cell for row in part.rows for cell in row)]
        else:
            out.append(part.text)
    return out


@dataclass
class OfficialDocument:
    """A 公文. `layout` is the GB/T 9704 format: "file" (文件格式), "letter" (信函格式, a 复函) or
    "minutes" (纪要格式). `body` holds `Block`s and `Table`s; `notes` are the 附注 lines printed
    below the date (e.g. "（此件主动公开）")."""

    issuer: str
    title: str
    body: list = field(default_factory=list)  # Blocks and Tables
    layout: str = "file"
    doc_number: str = ""
    addressee: str = ""
    attachments: list[str] = field(default_factory=list)
    rosters: list[Roster] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    date_text: str = ""
    notes: list[str] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    copies_to: str = ""
    printed_by: str = ""
    printed_date_text: str = ""
    category_mark: str = ""
    draft: bool = False

    @property
    def has_colophon(self) -> bool:
        return bool(self.copies_to or self.printed_by)

    def labelled_annexes(self) -> list[tuple[str, Annex]]:
        """Each annex with its label: 附件 when there is one, 附件1, 附件2 … when there are more."""
        if len(self.annexes) == 1:
            return [("附件", self.annexes[0])]
        return [(f"附件{number}", annex) for number, annex in enumerate(self.annexes, start=1)]

    def fingerprint(self) -> str:
        """A digest of everything printed: a stored rendering is made again only when it changes."""
        data = json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def lines(self) -> list[str]:
        """The text a reader sees, in reading order (what both renderings must print)."""
        out = [self.category_mark, self.issuer, self.doc_number, self.title, self.addressee]
        out += _part_lines(self.body)
        out += self.attachments
        out += [f"{roster.label}：{'、'.join(roster.names)}" for roster in self.rosters]
        out += [*self.signature_lines, self.date_text, *self.notes]
        for label, annex in self.labelled_annexes():
            out += [label, annex.title, *_part_lines(annex.body)]
        if self.copies_to:
            out.append(f"抄送：{self.copies_to}。")
        if self.printed_by:
            out += [self.printed_by, f"{self.printed_date_text}印发"]
        return [line for line in out if line]
