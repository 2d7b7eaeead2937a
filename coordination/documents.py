"""The official documents (公文) the coordination domain prints: what goes on the page."""

import hashlib
import json

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .models import Circular, Minutes
from .pdf import OfficialDocument


def chinese_date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _paragraphs(text: str) -> str:
    return format_html_join("", "<p>{}</p>", ((line.strip(),) for line in text.splitlines() if line.strip()))


def minutes_document(minutes: Minutes):
    """The minutes as an `OfficialDocument`, ready for the PDF and the print preview."""
    items = minutes.agreed_items.select_related("lead_unit").prefetch_related("co_units")
    rows = format_html_join(
        "",
        "<li><p>{}（牵头单位：{}；配合单位：{}；完成时限：{}）{}</p></li>",
        (
            (
                item.title,
                item.lead_unit.short_name,
                "、".join(u.short_name for u in sorted(item.co_units.all(), key=lambda u: u.order)) or "无",
                chinese_date(item.deadline),
                format_html("预期成果：{}。", item.expected_result) if item.expected_result else "",
            )
            for item in items
        ),
    )
    body = format_html('{}<h2>议定事项</h2><ol class="agreed-items">{}</ol>', _paragraphs(minutes.body), rows)
    date = timezone.localdate(minutes.issued_at) if minutes.issued_at else timezone.localdate()
    office = settings.PORTAL_OFFICE_NAME
    return OfficialDocument(
        header_text=f"{settings.PORTAL_MEETING_NAME}纪要",
        doc_number=minutes.doc_number,
        title=minutes.title,
        addressee="",
        body_html=str(body),
        signature_lines=[office],
        date_text=chinese_date(date),
        copies_to=minutes.copies_to,
        printed_by=office,
        printed_date_text=chinese_date(date),
        watermark_draft=minutes.status != Minutes.Status.ISSUED,
    )


def fingerprint(document) -> str:
    """A digest of everything printed: the PDF is rendered again only when it changes."""
    data = json.dumps(document.__dict__, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def circular_document(circular: Circular):
    """The circular as an `OfficialDocument`: a table per unit of what was done, what is late and
    what is graded red (红灯). An unsaved circular (the preview) prints as of today, unnumbered."""
    office = settings.PORTAL_OFFICE_NAME
    done = sum(len(row["completed"]) for row in circular.snapshot)
    late = sum(len(row["overdue"]) for row in circular.snapshot)
    red = sum(len(row.get("red", [])) for row in circular.snapshot)  # circulars issued before lights have none
    intro = format_html(
        "<p>现将{}至{}各成员单位落实联席会议议定事项的情况通报如下。期内共办结{}项，截至期末逾期未办结{}项，"
        "红灯预警{}项。</p>",
        chinese_date(circular.period_start),
        chinese_date(circular.period_end),
        done,
        late,
        red,
    )
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                row["unit"],
                "；".join(i["title"] + ("" if i["on_time"] else "（逾期办结）") for i in row["completed"]) or "—",
                "；".join(f"{i['title']}（时限{i['deadline']}）" for i in row["overdue"]) or "—",
                "；".join(f"{i['title']}（时限{i['deadline']}）" for i in row.get("red", [])) or "—",
                row["in_hand"],
            )
            for row in circular.snapshot
        ),
    )
    table = format_html(
        "<table><thead><tr><th>单位</th><th>期内办结</th><th>逾期未办结</th><th>红灯事项</th><th>在办</th></tr></thead>"
        "<tbody>{}</tbody></table><p>请逾期单位和红灯事项的牵头单位抓紧办理，并于下次例会前向办公室书面说明情况。</p>",
        rows,
    )
    date = chinese_date(timezone.localdate(circular.issued_at) if circular.issued_at else timezone.localdate())
    return OfficialDocument(
        header_text=office,
        doc_number=circular.doc_number,
        title=circular.title,
        addressee="各成员单位：",
        body_html=str(intro) + str(table),
        signature_lines=[office],
        date_text=date,
        copies_to=settings.PORTAL_MINUTES_COPIES_TO,
        printed_by=office,
        printed_date_text=date,
    )


def reply_document(reply):
    """A reply letter (复函) as an `OfficialDocument`, its category printed at the top right."""
    proposal = reply.proposal
    # An imported letter's body is the letter as written, its own opening included.
    opening = (
        ""
        if reply.imported
        else format_html("<p>您提出的《{}》（第{}号）收悉，现答复如下：</p>", proposal.title, proposal.number)
    )
    contact = (
        format_html("<p>联系人：{}　联系电话：{}</p>", reply.contact_person, reply.contact_phone)
        if reply.contact_person
        else ""
    )
    disclosure = format_html("<p>（此件{}）</p>", reply.get_disclosure_display())
    date = reply.reply_date or (None if reply.imported else timezone.localdate())
    return OfficialDocument(
        header_text=reply.unit.full_name,
        doc_number=reply.doc_number,
        title=reply.title,
        addressee=f"{reply.addressee}：" if reply.addressee else "",
        body_html=str(opening) + str(_paragraphs(reply.body)) + str(contact),
        signature_lines=[reply.unit.full_name],
        date_text=chinese_date(date) if date else "",
        copies_to=reply.copies_to,
        category_mark=f"{reply.category}类" if reply.category else "",
        watermark_draft=reply.status == reply.Status.DRAFT,
        closing_html=str(disclosure),
    )
