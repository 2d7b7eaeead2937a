"""Reading a reply letter (复函) to a deputy's suggestion or a member's proposal into its parts.

A letter has three regions, found from its structure rather than from any one letter's layout:
the header (category, issuing body, 签发人, 文号, the title naming the session and number) up to the
addressee (`…代表：`/`…委员：`); the body, up to the first line that starts the tail; and the tail
(signature, date, contact labels, 抄送, disclosure). Page debris is dropped wherever it is. A part
that is not in the letter is reported missing (None), never guessed, and never taken from a
document the body cites.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _

from . import letter_lines as ll

# What the office reads beside each part found (or not found) in a letter.
FIELD_LABELS = {
    "category": _("答复类别"),
    "issuing_body": _("发文机关"),
    "signer": _("签发人"),
    "doc_number": _("文号"),
    "session": _("届次会议"),
    "proposal_number": _("编号"),
    "kind": _("类型"),
    "addressee": _("称谓"),
    "proposer_name": _("提出人"),
    "proposer_role": _("代表或委员"),
    "suggestion_title": _("建议提案标题"),
    "body": _("正文"),
    "sections": _("分段标题"),
    "date": _("答复日期"),
    "contact_person": _("联系人"),
    "contact_phone": _("联系电话"),
    "responsible_person": _("负责人"),
    "handler": _("承办人"),
    "copies_to": _("抄送"),
    "disclosure": _("公开方式"),
}


@dataclass
class ParsedReply:
    category: str | None = None
    issuing_body: str | None = None
    signer: str | None = None
    doc_number: str | None = None
    session: str | None = None
    proposal_number: str | None = None
    kind: str | None = None
    addressee: str | None = None
    proposer_name: str | None = None
    proposer_role: str | None = None
    suggestion_title: str | None = None
    body: str | None = None
    sections: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    responsible_person: str | None = None
    handler: str | None = None
    copies_to: list[str] | None = None
    disclosure: str | None = None
    # Parts written in the letter that cannot be right (a 13th month): field name → text as written.
    invalid: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["invalid"]
        data["date"] = self.date.isoformat() if self.date else None
        data["sections"] = self.sections or None
        return data

    def labelled(self) -> list[tuple[str, str, object]]:
        """(name, label, value) per part; the value is None when the letter does not show the part."""
        return [(name, str(FIELD_LABELS[name]), value) for name, value in self.as_dict().items()]

    def missing_fields(self) -> list[str]:
        return [name for name, value in self.as_dict().items() if value in (None, [], "")]


def _lines(text: str) -> list[str]:
    """The letter's non-empty lines as written, without markdown marks or page debris."""
    lines = (ll.strip_markdown(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return [line for line in lines if line and not ll.is_debris(line)]


def _title(lines: list[str], end: int) -> tuple[int, re.Match | None]:
    """The title line (or a title wrapped over two lines) before `end`."""
    for i in range(end):
        for text in (lines[i], lines[i] + lines[i + 1] if i + 1 < end else None):
            if text and (match := ll.TITLE.match(ll.spaceless(text))):
                return i, match
    return -1, None


def _header_end(lines: list[str]) -> int:
    """Without addressee or title: the header is the run of category, number, signer and body lines."""
    end = 0
    for i, line in enumerate(lines[:10]):
        part = ll.CATEGORY.match(ll.key(line)) or ll.doc_number_of(line)[0] or ll.SIGNER.search(ll.key(line))
        if part or (ll.is_org(line) and i == end):
            end = i + 1
    return end


def _read_title(found: ParsedReply, match: re.Match) -> None:
    found.session = match.group("session")
    found.proposal_number = re.sub(r"[\s-]", "", match.group("number")).lower()
    found.kind = "npc" if match.group("word") == "建议" else "cppcc"
    head = match.group("head")
    if head and ll.ORG.match(head) and not found.issuing_body:
        found.issuing_body = head


def _read_header(found: ParsedReply, header: list[str]) -> None:
    for line in header:
        k = ll.SIGNER.sub("", ll.key(line)).strip()  # the category may share its line with 签发人
        if (match := ll.CATEGORY.match(k)) and (match.group("suffix") or "类" in k) and not found.category:
            found.category = match.group("v")
        number, org = ll.doc_number_of(line)
        if number and not found.doc_number:
            found.doc_number = number
        org = org or (ll.spaceless(line) if ll.is_org(line) else None)
        if org and not found.issuing_body:
            found.issuing_body = org


def _read_people(found: ParsedReply, outside: list[str]) -> None:
    for line in outside:
        k = ll.key(line)
        if (match := ll.SIGNER.search(k)) and not found.signer:
            found.signer = ll.spaceless(match.group("v"))
        for name, pattern in ll.PEOPLE.items():
            if (match := pattern.search(k)) and not getattr(found, name):
                setattr(found, name, ll.spaceless(match.group("v")))
        if (match := ll.PHONE.search(k)) and not found.contact_phone:
            found.contact_phone = re.sub(r"\s+", "", match.group("v")).replace("—", "-")
        if (match := ll.DISCLOSURE.search(k)) and not found.disclosure:
            found.disclosure = ll.DISCLOSURE_WORDS[match.group("v")]


def _read_copies(tail: list[str], i: int, first: str) -> list[str] | None:
    parts = [first]
    for more in tail[i + 1 :]:  # a long list wraps onto the next lines
        if ll.is_tail_start(more) or re.search(r"[:：]", more) or "。" in more[:-1]:
            break
        parts.append(ll.key(more))
    names = re.split(r"[,，、;；\s]+", " ".join(parts).strip().rstrip("。."))
    return [name for name in names if name] or None


def _read_tail(found: ParsedReply, tail: list[str]) -> None:
    if tail and ll.is_org(tail[0]) and not found.issuing_body:
        found.issuing_body = ll.spaceless(tail[0])  # the signature
    for i, line in enumerate(tail):
        if ll.is_date_line(line) and found.date is None and "date" not in found.invalid:
            match, date = ll.date_of(line)
            found.date = date
            if date is None:
                found.invalid["date"] = match.group(0)
            signed = re.sub(r"\s+", "", ll.key(line)[: match.start()])
            if signed and not found.issuing_body:
                found.issuing_body = signed
        if (match := ll.COPIES.match(ll.key(line))) and found.copies_to is None:
            found.copies_to = _read_copies(tail, i, match.group("v"))


def _body(lines: list[str]) -> str | None:
    """Paragraphs as written; a line that ends mid-sentence is joined with the next."""
    paragraphs: list[str] = []
    for line in lines:
        previous = paragraphs[-1] if paragraphs else None
        joins = previous and not previous.endswith(tuple(ll.SENTENCE_END))
        if joins and not ll.is_heading(line) and not ll.is_heading(previous):
            paragraphs[-1] += line
            continue
        paragraphs.append(line)
    return "\n".join(paragraphs) or None


def _suggestion_title(opening: str) -> str | None:
    """The suggestion's own title in 《》: the one the deputy raised (您提出的《…》), else one named a
    建议/提案; a document the opening cites (《…实施意见》) is never taken for it."""
    quoted = list(ll.QUOTED_TITLE.finditer(opening))
    raised = [m for m in quoted if "提出的" in opening[max(0, m.start() - 4) : m.start()]]
    named = [m for m in quoted if m.group("v").endswith(("建议", "提案"))]
    first = (raised or named or [None])[0]
    return first.group("v") if first else None


def _read_addressee(found: ParsedReply, line: str) -> str | None:
    """The addressee's parts; answers the start of the body when it follows on the same line."""
    match = ll.ADDRESSEE.match(ll.spaceless(line))
    found.proposer_name, found.proposer_role = match.group("name"), match.group("role")
    found.addressee = found.proposer_name + found.proposer_role
    return re.split(r"[:：]", line, maxsplit=1)[1].strip() or None


def parse_reply(text: str) -> ParsedReply:
    lines = _lines(text)
    found = ParsedReply()
    addressee = next((i for i, line in enumerate(lines[:40]) if ll.ADDRESSEE.match(ll.spaceless(line))), -1)
    title_at, title = _title(lines, addressee if addressee >= 0 else min(len(lines), 40))
    first_line = None
    if addressee >= 0:
        start = addressee + 1
        first_line = _read_addressee(found, lines[addressee])
    else:
        start = title_at + 1 if title else _header_end(lines)
    end = next((i for i in range(start, len(lines)) if ll.is_tail_start(lines[i])), len(lines))
    if end > start and ll.is_org(lines[end - 1]):
        end -= 1  # the signature
    body_lines = ([first_line] if first_line else []) + lines[start:end]
    _read_header(found, lines[: start - 1 if addressee >= 0 else start])
    if title:
        _read_title(found, title)
    if found.kind is None and found.proposer_role:
        found.kind = "npc" if found.proposer_role == "代表" else "cppcc"
    found.body = _body(body_lines)
    paragraphs = (found.body or "").split("\n")
    found.suggestion_title = _suggestion_title(paragraphs[0])
    found.sections = [p for p in paragraphs if ll.SECTION.match(p)]
    _read_people(found, lines[:start] + lines[end:])
    _read_tail(found, lines[end:])
    return found
