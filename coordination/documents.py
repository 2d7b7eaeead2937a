"""The official documents (公文) the coordination domain prints: what goes on the page."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import Attendance, Circular, Minutes
from .official import Annex, Block, OfficialDocument, Roster, Table, blocks_from_text


def chinese_date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _iso_date(value: str) -> str:
    return chinese_date(datetime.date.fromisoformat(value))


def _rosters(minutes: Minutes) -> list[Roster]:
    """出席 and 请假 from the meeting's attendance record (GB/T 9704 10.3), units in their order;
    列席 as recorded on the sign-in sheet."""
    present, leave = [], []
    for attendance in minutes.meeting.attendances.select_related("unit"):
        if attendance.status == Attendance.Status.PRESENT:
            present.append(f"{attendance.unit.short_name}{attendance.attendee or attendance.planned_attendee}")
        elif attendance.status == Attendance.Status.LEAVE:
            leave.append(f"{attendance.unit.short_name}{attendance.planned_attendee}")
    observers = minutes.meeting.observer_lines
    listed = (("出席", present), ("请假", leave), ("列席", observers))
    return [Roster(label, tuple(names)) for label, names in listed if names]


def minutes_document(minutes: Minutes) -> OfficialDocument:
    """The minutes (纪要格式) as an `OfficialDocument`, for the PDF, the Word file and the print preview."""
    items = minutes.agreed_items.select_related("lead_unit").prefetch_related("co_units")
    agreed = [Block("议定事项", "h1")]
    for number, item in enumerate(items, start=1):
        co_units = "、".join(u.short_name for u in sorted(item.co_units.all(), key=lambda u: u.order)) or "无"
        result = f"预期成果：{item.expected_result}。" if item.expected_result else ""
        agreed.append(
            Block(
                f"{number}. {item.title}（牵头单位：{item.lead_unit.short_name}；配合单位：{co_units}；"
                f"完成时限：{chinese_date(item.deadline)}）{result}"
            )
        )
    date = chinese_date(timezone.localdate(minutes.issued_at) if minutes.issued_at else timezone.localdate())
    office = settings.PORTAL_OFFICE_NAME
    return OfficialDocument(
        layout="minutes",
        issuer=f"{settings.PORTAL_MEETING_NAME}纪要",
        doc_number=minutes.doc_number,
        title=minutes.title,
        body=[*blocks_from_text(minutes.body), *agreed],
        rosters=_rosters(minutes),
        signature_lines=[office],
        date_text=date,
        copies_to=minutes.copies_to,
        printed_by=office,
        printed_date_text=date,
        draft=minutes.status != Minutes.Status.ISSUED,
    )


# A unit's overdue or red items listed in the circular's annex: the rest are counted, with a
# pointer to the ledger, so a period with thousands of late items still prints in a few pages.
ANNEX_TITLES_PER_UNIT = 10


CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 27 → 二十七 (the numbering of headings, up to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十")
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


def _late_items(row: dict) -> list[str]:
    """A unit's overdue items, then its red items not already overdue, each once, the red marked."""
    red = dict.fromkeys((i["title"], i["deadline"]) for i in row.get("red", []))
    overdue = [(i["title"], i["deadline"]) for i in row["overdue"]]
    red_only = [key for key in red if key not in set(overdue)]
    return [
        f"{title}（时限{_iso_date(deadline)}{'，红灯' if (title, deadline) in red else ''}）"
        for title, deadline in [*overdue, *red_only]
    ]


def _annex(rows: list[dict]) -> list[Block]:
    """Per unit with late or red work: a heading with its counts, then the first items by name."""
    blocks, number = [], 0
    for row in rows:
        items = _late_items(row)
        if not items:
            continue
        number += 1
        counts = f"逾期未办结{len(row['overdue'])}项，红灯预警{len(row.get('red', []))}项"
        heading = f"{chinese_number(number)}、{row['unit']}（{counts}）"
        shown = items[:ANNEX_TITLES_PER_UNIT]
        rest = len(items) - len(shown)
        blocks += [
            Block(heading, "h1"),
            Block("；".join(shown) + (f"……另有{rest}项，详见督办台账。" if rest else "。")),
        ]
    return blocks


def circular_document(circular: Circular) -> OfficialDocument:
    """The circular as an `OfficialDocument`: per unit the counts of what was done, what is late
    and what is graded red (红灯), and an annex naming the late and red items (the first
    `ANNEX_TITLES_PER_UNIT` of each unit). An unsaved circular (the preview) prints as of today,
    unnumbered."""
    office = settings.PORTAL_OFFICE_NAME
    rows = circular.snapshot
    done = sum(len(row["completed"]) for row in rows)
    late = sum(len(row["overdue"]) for row in rows)
    red = sum(len(row.get("red", [])) for row in rows)  # circulars issued before lights have none
    intro = (
        f"现将{chinese_date(circular.period_start)}至{chinese_date(circular.period_end)}各成员单位落实联席会议"
        f"议定事项的情况通报如下。期内共办结{done}项，截至期末逾期未办结{late}项，红灯预警{red}项。"
    )
    counts = Table(
        ("单位", "期内办结", "其中逾期办结", "逾期未办结", "红灯事项", "在办"),
        tuple(
            (
                row["unit"],
                str(len(row["completed"])),
                str(sum(1 for i in row["completed"] if not i["on_time"])),
                str(len(row["overdue"])),
                str(len(row.get("red", []))),
                str(row["in_hand"]),
            )
            for row in rows
        ),
    )
    closing = Block("请逾期单位和红灯事项的牵头单位抓紧办理，并于下次例会前向办公室书面说明情况。")
    listed = _annex(rows)
    annexes = [Annex("逾期未办结和红灯预警事项清单", tuple(listed))] if listed else []
    date = chinese_date(timezone.localdate(circular.issued_at) if circular.issued_at else timezone.localdate())
    return OfficialDocument(
        issuer=office,
        doc_number=circular.doc_number,
        title=circular.title,
        addressee="各成员单位：",
        body=[Block(intro), counts, closing],
        attachments=[annex.title for annex in annexes],
        signature_lines=[office],
        date_text=date,
        annexes=annexes,
        copies_to=settings.PORTAL_MINUTES_COPIES_TO,
        printed_by=office,
        printed_date_text=date,
    )


# --- reply letters (复函) -----------------------------------------------------------------------

# A drafter's own opening: the sentence that says the suggestion was received or that the answer
# follows ("…的建议收悉", "现答复如下", "现将有关情况函复如下", "经研究，答复如下"). Only the lines
# before the first numbered section count: "答复如下" further down answers a single point.
_OWN_OPENING = re.compile(
    r"(?:建议|提案|来函|意见|》|）|\))(?:已)?收悉|(?:答复|函复|回复|答覆|复函)如下|作(?:如下|以下)(?:答复|回复)"
)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）|\d+[、．.])")
_SALUTATION = re.compile(r"^(?:尊敬的)?\S{1,30}(?:代表|委员)(?:们)?[：:]$")


def has_own_opening(body: str) -> bool:
    """Whether the body already begins with an opening of its own, so none is generated.

    Looks at the first paragraphs before any numbered section (at most three; a salutation line
    the drafter typed is skipped).
    """
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    lines = [line for line in lines if not _SALUTATION.match(line)][:3]
    for line in lines:
        if _SECTION.match(line):
            return False
        if _OWN_OPENING.search(line):
            return True
    return False


@dataclass(frozen=True)
class ReplyLetter:
    """A reply letter's parts in reading order, as it will be issued. The one source of what the
    reply form's preview, the PDF and the public page print."""

    category_mark: str
    issuer: str
    doc_number: str
    title: str
    addressee: str
    opening: str  # empty when the body has an opening of its own, or the letter was imported
    paragraphs: list[str]
    signature: str
    date_text: str  # empty when unknown (an imported letter without a date)
    disclosure: str
    contact: str
    copies_to: str
    draft: bool

    def lines(self) -> list[str]:
        """Every printed line in reading order (what a reader of the letter sees)."""
        head = [self.category_mark, self.issuer, self.doc_number, self.title, self.addressee, self.opening]
        tail = [self.signature, self.date_text, self.disclosure, self.contact]
        cc = [f"抄送：{self.copies_to}"] if self.copies_to else []
        return [line for line in [*head, *self.paragraphs, *tail, *cc] if line]


def _opening(reply, title: str, number: str) -> str:
    if reply.imported or has_own_opening(reply.body):
        return ""
    first = reply.first_reply
    if first is None:
        return f"您提出的《{title}》（第{number}号）收悉，现答复如下："
    cited = f"（{first.doc_number}）" if first.doc_number else ""
    return f"您对我单位关于《{title}》（第{number}号）的答复{cited}不满意，我们再次认真研究，现再次答复如下："


def reply_letter(reply, *, public: bool = False) -> ReplyLetter:
    """The parts of `reply` (saved or not: the form's preview passes an unsaved one).

    `public=True` gives the letter as the public reads it: the parts policy hides are left out and
    phone numbers masked (`selectors.public_reply_fields`).
    """
    from .selectors import public_reply_fields  # selectors import the models this module prints

    shown = public_reply_fields(reply) if public else None
    part = (lambda name: shown[name]) if public else (lambda name: getattr(reply, name))
    proposal = reply.proposal
    title = shown["proposal_title"] if public else proposal.title
    date = reply.reply_date or (None if reply.imported else timezone.localdate())
    person, phone = part("contact_person"), part("contact_phone")
    contact = f"（联系人：{person}{'　联系电话：' + phone if phone else ''}）" if person else ""
    return ReplyLetter(
        category_mark=f"{reply.category}类" if reply.category else "",
        issuer=reply.unit.full_name,
        doc_number=reply.doc_number,
        title=reply.title,
        addressee=f"{part('addressee')}：" if part("addressee") else "",
        opening=_opening(reply, title, proposal.number),
        paragraphs=[line.strip() for line in part("body").splitlines() if line.strip()],
        signature=reply.unit.full_name,
        date_text=chinese_date(date) if date else "",
        disclosure=f"（此件{reply.get_disclosure_display()}）" if reply.disclosure else "",
        contact=contact,
        copies_to=part("copies_to"),
        draft=reply.status == reply.Status.DRAFT,
    )


def reply_document(reply) -> OfficialDocument:
    """A reply letter (复函, 信函格式) as an `OfficialDocument`, its category printed at the top right."""
    letter = reply_letter(reply)
    return OfficialDocument(
        layout="letter",
        issuer=letter.issuer,
        doc_number=letter.doc_number,
        title=letter.title,
        addressee=letter.addressee,
        body=[Block(line) for line in [letter.opening, *letter.paragraphs] if line],
        signature_lines=[letter.signature],
        date_text=letter.date_text,
        notes=[line for line in (letter.disclosure, letter.contact) if line],
        copies_to=letter.copies_to,
        category_mark=letter.category_mark,
        draft=letter.draft,
    )
