"""The papers of a meeting: the notice (会议通知), the agenda (议程) and the sign-in sheet (签到表).

What each document says is built once, as plain parts (`notice_parts`, `agenda_parts`,
`sign_in_parts`); the PDF (through the 公文 template of `pdf.py`) and the Word file (python-docx,
for offices that finish documents in WPS/Word) are two renderings of the same parts, so a new
公文 layout only has to read them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .documents import chinese_date
from .models import AgendaTopic, Meeting
from .official import Block, OfficialDocument, render_docx, render_pdf
from .official.render import html_to_pdf
from .selectors.meetings import sign_in_rows


@dataclass
class DocumentParts:
    """A document as its parts: header, title, addressee, paragraphs, a numbered list, units, signature."""

    header: str
    title: str
    addressee: str = ""
    paragraphs: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    signature: str = ""
    date_text: str = ""


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    return f"{chinese_date(start)}{start:%H:%M}"


def _agenda(meeting: Meeting) -> list[str]:
    topics = meeting.topics.filter(status=AgendaTopic.Status.ACCEPTED).select_related("unit").order_by("agenda_order")
    return [f"{t.title}（{t.unit.short_name if t.unit else '联席会议办公室'}）" for t in topics]


def _units(meeting: Meeting) -> str:
    return "、".join(a.unit.short_name for a in sign_in_rows(meeting))


def _chair(meeting: Meeting) -> str:
    return meeting.chair.get_full_name() or meeting.chair.get_username()


def notice_parts(meeting: Meeting) -> DocumentParts:
    """The meeting notice: when, where, who chairs, the agenda, who attends and what to do before."""
    deadline = timezone.localtime(meeting.topic_deadline)
    agenda = _agenda(meeting)
    paragraphs = [
        f"经研究，定于{_when(meeting)}召开{settings.PORTAL_MEETING_NAME}{meeting.title}。现将有关事项通知如下：",
        f"一、会议时间：{_when(meeting)}",
        f"二、会议地点：{meeting.place}",
        f"三、主持人：{_chair(meeting)}",
        "四、会议议题：" + ("" if agenda else "另行通知。"),
    ]
    closing = [
        f"五、参会单位：{_units(meeting)}。",
        f"六、有关要求：请各单位于{chinese_date(deadline)}{deadline:%H:%M}前在工作平台提交议题、登记参会人员；"
        "参会人员须为单位分管负责同志，确因特殊情况不能参会的，请提前向联席会议办公室请假。",
    ]
    return DocumentParts(
        header=settings.PORTAL_OFFICE_NAME,
        title=f"关于召开{meeting.title}的通知",
        addressee="各成员单位：",
        paragraphs=paragraphs,
        numbered=agenda,
        closing=closing,
        signature=settings.PORTAL_OFFICE_NAME,
        date_text=chinese_date(timezone.localdate(meeting.notified_at or timezone.now())),
    )


def agenda_parts(meeting: Meeting) -> DocumentParts:
    """The agenda as printed for the meeting table."""
    return DocumentParts(
        header=str(settings.PORTAL_MEETING_NAME),
        title=f"{meeting.title}议程",
        paragraphs=[f"时间：{_when(meeting)}", f"地点：{meeting.place}", f"主持人：{_chair(meeting)}"],
        numbered=_agenda(meeting) or ["议程另行确定。"],
    )


def sign_in_parts(meeting: Meeting) -> dict:
    """The sign-in sheet: the invited units in notice order with the attendee they registered."""
    rows = sign_in_rows(meeting)
    return {
        "title": f"{meeting.title}签到表",
        "subtitle": f"{_when(meeting)}　{meeting.place}",
        "rows": [{"unit": a.unit.short_name, "planned": a.planned_attendee} for a in rows],
    }


def _official(parts: DocumentParts) -> OfficialDocument:
    numbered = [Block(f"{number}. {text}") for number, text in enumerate(parts.numbered, start=1)]
    return OfficialDocument(
        issuer=parts.header,
        title=parts.title,
        addressee=parts.addressee,
        body=[*(Block(p) for p in parts.paragraphs), *numbered, *(Block(p) for p in parts.closing)],
        signature_lines=[parts.signature] if parts.signature else [],
        date_text=parts.date_text,
    )


PARTS = {"notice": notice_parts, "agenda": agenda_parts}


def meeting_document(meeting: Meeting, kind: str, extension: str) -> tuple[bytes, str]:
    """The bytes of one document ("notice", "agenda" as pdf or docx; "signin" as pdf) and its title."""
    if kind == "signin":
        parts = sign_in_parts(meeting)
        return html_to_pdf(render_to_string("pdf/sign_in_sheet.html", parts)), parts["title"]
    parts = PARTS[kind](meeting)
    document = _official(parts)
    data = render_pdf(document) if extension == "pdf" else render_docx(document)
    return data, parts.title
