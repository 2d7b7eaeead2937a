"""A 通报 at a district's worst: counts per unit in the body, the late and red items named in an
annex on pages of their own (at most ANNEX_TITLES_PER_UNIT a unit, the rest counted), the 版记 last."""

import datetime
import io

import docx
import pytest

from coordination.documents import ANNEX_TITLES_PER_UNIT, chinese_number, circular_document
from coordination.models import Circular
from coordination.official import render_docx, render_pdf

from .layout import page_of, pages


def late(count: int) -> list[dict]:
    return [{"title": f"建立困难群众动态监测台账第{n}批", "deadline": "2026-06-30"} for n in range(1, count + 1)]


@pytest.fixture
def circular():
    rows = [
        {
            "unit": "区民政局",
            "completed": [{"title": "核拨临时救助资金", "on_time": False}],
            "overdue": late(25),
            "red": late(3),
            "in_hand": 4,
        },
        {
            "unit": "区财政局",
            "completed": [{"title": "拨付资金", "on_time": True}],
            "overdue": [],
            "red": [],
            "in_hand": 2,
        },
    ]
    return Circular(
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        title="关于2026年7月1日至2026年9月30日联席会议议定事项落实情况的通报",
        doc_number="陈救联办〔2026〕9号",
        snapshot=rows,
    )


def test_the_body_counts_and_the_annex_names_a_bounded_number_of_items(circular):
    document = circular_document(circular)
    counts = document.body[1]
    assert counts.rows[0] == ("区民政局", "1", "1", "25", "3", "4")
    assert document.attachments == ["逾期未办结和红灯预警事项清单"]
    heading, listed = document.annexes[0].body  # a unit with nothing late is not listed
    assert (heading.kind, heading.text) == ("h1", "一、区民政局（逾期未办结25项，红灯预警3项）")
    assert listed.text.count("建立困难群众动态监测台账") == ANNEX_TITLES_PER_UNIT
    assert listed.text.startswith("建立困难群众动态监测台账第1批（时限2026年6月30日，红灯）")  # red ones marked, once
    assert listed.text.endswith(f"……另有{25 - ANNEX_TITLES_PER_UNIT}项，详见督办台账。")


@pytest.mark.parametrize("n,numeral", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (27, "二十七")])
def test_headings_are_numbered_in_chinese(n, numeral):
    assert chinese_number(n) == numeral


def test_the_annex_starts_a_page_after_the_body_and_the_colophon_ends_the_last_even_page(circular):
    all_pages = pages(render_pdf(circular_document(circular)))
    body_end = page_of(all_pages, "请逾期单位和红灯事项的牵头单位")
    label = next(p.number for p in all_pages if p.text_lines and p.text_lines[0].text.replace(" ", "") == "附件")
    assert label > body_end
    assert page_of(all_pages, "逾期未办结和红灯预警事项清单") <= body_end  # the 附件说明 under the body
    titles = [line.text.replace(" ", "") for line in all_pages[label - 1].text_lines]
    assert "逾期未办结和红灯预警事项清单" in titles  # the annex's own title on its first page
    assert page_of(all_pages, "印发") == len(all_pages) and len(all_pages) % 2 == 0


def test_the_word_file_has_the_annex_on_a_new_page(circular):
    word = docx.Document(io.BytesIO(render_docx(circular_document(circular))))
    label = next(p for p in word.paragraphs if p.text == "附件")
    assert label.paragraph_format.page_break_before
    assert any("另有15项" in p.text for p in word.paragraphs)
