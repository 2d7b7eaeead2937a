"""The documents as the office sees them: real minutes (1, 3 and 12 pages, with their attendance),
a 通报 of all 27 units, replies of categories A, B and C and a meeting notice, rendered to PNG with pdftoppm into
var/artefacts/documents/ for a person to look at, and checked for what a glance would catch: the
page count, no page without ink but a deliberate blank, every unit's name on one line."""

import datetime
import io
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from coordination.documents import circular_document, minutes_document, reply_document
from coordination.meeting_documents import meeting_document
from coordination.models import Circular, Reply
from coordination.official import render_pdf
from tests.coordination.services.conftest import *  # noqa: F403  (the meeting, minutes and proposal fixtures)

from .layout import pages

ARTEFACTS = Path(settings.VAR_DIR) / "artefacts" / "documents"
PARAGRAPH = (
    "会议听取了区民政局关于困难群众救助工作推进情况的汇报，研究了低保边缘家庭认定、"
    "临时救助备用金管理和救助资金监管等事项，要求各成员单位按照职责分工抓好落实。"
)


def to_png(pdf: bytes, name: str) -> list[Path]:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-", str(ARTEFACTS / name)], input=pdf, check=True)
    return sorted(ARTEFACTS.glob(f"{name}-*.png"))


def inked(png: Path) -> bool:
    """Whether the page shows anything besides white paper (a page number alone counts as blank)."""
    image = Image.open(io.BytesIO(png.read_bytes())).convert("L")
    width, height = image.size
    text_block = image.crop((int(width * 0.12), int(height * 0.12), int(width * 0.88), int(height * 0.88)))
    return text_block.getextrema()[0] < 128


def check(pdf: bytes, name: str) -> list[Path]:
    pngs = to_png(pdf, name)
    laid_out = pages(pdf)
    assert len(pngs) == len(laid_out)
    for png, page in zip(pngs, laid_out, strict=True):
        assert inked(png) == bool(page.text_lines), f"{png.name}: ink and text disagree"
    return pngs


@pytest.mark.parametrize("expected_pages,paragraphs", [(1, 1), (3, 12), (12, 70)])
def test_minutes_of_1_3_and_12_pages(draft_minutes, expected_pages, paragraphs):
    draft_minutes.body = "\n".join([PARAGRAPH] * paragraphs)
    document = minutes_document(draft_minutes)
    assert any(roster.label == "出席" for roster in document.rosters)  # from the attendance record
    pdf = render_pdf(document)
    pngs = check(pdf, f"minutes-{expected_pages}")
    # The 版记 ends the last even page: a body of one page gets its colophon on the back.
    assert len(pngs) in (expected_pages, expected_pages + 1)
    assert len(pngs) % 2 == 0


def test_a_circular_of_all_27_units(units):
    snapshot = [
        {
            "unit": unit.short_name,
            "completed": [{"title": f"{unit.short_name}年度救助资金绩效自评", "on_time": True}],
            "overdue": [{"title": "建立低保边缘家庭帮扶台账", "deadline": "2026-09-30"}] if index % 4 == 0 else [],
            "red": [],
            "in_hand": index % 5,
        }
        for index, unit in enumerate(units)
    ]
    circular = Circular(
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        title="关于2026年7月1日至2026年9月30日联席会议议定事项落实情况的通报",
        doc_number="陈救联办〔2026〕9号",
        snapshot=snapshot,
    )
    pdf = render_pdf(circular_document(circular))
    check(pdf, "circular-27")
    lines = [line.text.replace(" ", "") for page in pages(pdf) for line in page.lines]
    assert len(units) == 27
    for unit in units:  # each unit's name whole on a line of the table
        assert any(line.startswith(unit.short_name) for line in lines), unit.short_name
    for header in ("逾期未办结", "红灯事项", "在办"):  # the headers too: not a character or two a line
        assert any(header in line for line in lines), header


@pytest.mark.parametrize("category", ["A", "B", "C"])
def test_replies_of_each_category(proposal, category):
    body = "\n".join(["一、基本情况", PARAGRAPH, "二、下一步工作", PARAGRAPH * 2])
    reply = Reply(
        proposal=proposal,
        unit=proposal.lead_unit,
        category=category,
        addressee="赵敏代表",
        body=body,
        contact_person="刘洋",
        contact_phone="0917-6212345",
        disclosure=Reply.Disclosure.choices[0][0],
        doc_number=f"陈民政建函〔2026〕{ord(category) - 64}号",
        reply_date=datetime.date(2026, 11, 20),
    )
    pdf = render_pdf(reply_document(reply))
    check(pdf, f"reply-{category}")
    first = [line.text.replace(" ", "") for line in pages(pdf)[0].lines]
    assert f"{category}类" in first


def test_a_meeting_notice(notified_meeting):
    pdf, title = meeting_document(notified_meeting, "notice", "pdf")
    check(pdf, "notice")
    first = [line.text.replace(" ", "") for line in pages(pdf)[0].lines]
    assert settings.PORTAL_OFFICE_NAME in first and title.startswith("关于召开")
