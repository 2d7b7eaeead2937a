"""GB/T 9704-2012 measured on the PDFs the portal writes: page, text block, grid, and where the
signature, the date and the 版记 fall. Read back with poppler (`layout.py`), not from our HTML."""

import pytest

from coordination.official import Block, OfficialDocument, Roster, fit, render_pdf

from .layout import MM, fonts, page_of, pages

OFFICE = "陈仓区社会救助工作联席会议办公室"
WORDS = "各成员单位按照职责分工抓好落实办公室按季度汇总通报进展情况街道社区入户核查困难群众家庭"


def paragraph(number: int, length: int = 118) -> Block:
    text = (WORDS * 4)[number % len(WORDS) :][:length]
    return Block(f"{text}。")


def document(paragraphs: int, **overrides) -> OfficialDocument:
    fields = {
        "layout": "minutes",
        "issuer": "陈仓区社会救助工作联席会议纪要",
        "doc_number": "陈社救联纪〔2026〕3号",
        "title": "陈仓区社会救助工作联席会议2026年第1次例会纪要",
        "body": [paragraph(i) for i in range(paragraphs)],
        "rosters": [Roster("出席", ("区民政局张明", "区财政局李华")), Roster("请假", ("区教育局赵一",))],
        "signature_lines": [OFFICE],
        "date_text": "2026年3月20日",
        "copies_to": "区委办公室，区人大常委会办公室，区政协办公室",
        "printed_by": OFFICE,
        "printed_date_text": "2026年3月20日",
    }
    return OfficialDocument(**{**fields, **overrides})


@pytest.fixture(scope="module")
def long_minutes():
    pdf = render_pdf(document(16))
    return pdf, pages(pdf)


def test_pages_are_a4_with_the_text_block_of_the_standard(long_minutes):
    _, all_pages = long_minutes
    assert len(all_pages) >= 3
    for page in all_pages:
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
    for page in all_pages[1:-1]:  # pages of body only
        lines = page.text_lines
        binding = 28 if page.number % 2 else 26  # 订口 28 mm, mirrored on even pages
        assert min(line.x0 for line in lines) == pytest.approx(binding * MM, abs=0.5)
        assert max(line.x1 for line in lines) <= (binding + 156) * MM + 0.5
        assert lines[0].y0 >= 37 * MM and lines[0].y0 - 37 * MM < 8  # the first line at the top of the block
        assert lines[-1].y1 <= (37 + 225) * MM


def test_a_full_page_holds_22_lines_of_28_characters(long_minutes):
    _, all_pages = long_minutes
    page = all_pages[1]
    lines = page.text_lines
    assert len(lines) == 22
    pitches = {round(b.y0 - a.y0, 2) for a, b in zip(lines, lines[1:], strict=False)}
    assert pitches == {28.95}
    binding = 26 * MM  # page 2 is even
    indented = [line.x0 > binding + 16 for line in lines]  # a paragraph's first line, two characters in
    full = [
        (line, first) for line, first, next_first in zip(lines, indented, indented[1:], strict=False) if not next_first
    ]
    assert len(full) >= 15
    for line, first in full:  # every line a paragraph goes on after is full: 28 characters, 26 after the indent
        assert len(line.text) == (26 if first else 28)


def test_page_numbers_sit_outside_below_the_text_block(long_minutes):
    _, all_pages = long_minutes
    for page in all_pages:
        number = page.page_number
        assert number is not None and number.text == f"— {page.number} —"
        below = number.y0 - (37 + 225) * MM
        assert 4 * MM < below < 10 * MM  # the dashes (mid-height of the number's box) about 7 mm below
        if page.number % 2:
            assert number.x1 == pytest.approx(page.width - 26 * MM - 14, abs=2)  # right, one character in
        else:
            assert number.x0 == pytest.approx(26 * MM + 14, abs=2)  # left


def test_the_fonts_of_the_standard_are_embedded(long_minutes):
    pdf, _ = long_minutes
    embedded = fonts(pdf)
    assert {"FandolFang", "FandolHei", "FandolSong-Bold"} <= embedded


def test_the_colophon_ends_the_last_even_page(long_minutes):
    _, all_pages = long_minutes
    last = all_pages[-1]
    assert last.number % 2 == 0
    assert page_of(all_pages, "抄送：区委办公室") == last.number
    printed = next(line for line in last.text_lines if "印发" in line.text)
    assert printed.y0 > last.height * 2 / 3
    assert (37 + 225) * MM - printed.y1 < 12  # its last line meets the bottom of the text block


@pytest.mark.parametrize("paragraphs", [1, 6])
def test_a_short_document_still_prints_its_colophon_on_an_even_page(paragraphs):
    all_pages = pages(render_pdf(document(paragraphs)))
    assert len(all_pages) % 2 == 0
    assert page_of(all_pages, "2026年3月20日印发") == len(all_pages)


@pytest.mark.parametrize("paragraphs", range(3, 9))
def test_signature_and_date_stay_together_and_never_alone(paragraphs):
    letter = document(
        paragraphs,
        layout="letter",
        issuer="陈仓区民政局",
        title="关于区人大十九届三次会议第45号建议的答复",
        rosters=[],
        notes=["（此件主动公开）"],
        copies_to="",
        printed_by="",
    )
    all_pages = pages(render_pdf(letter))
    where = {page_of(all_pages, text) for text in (OFFICE, "2026年3月20日", "（此件主动公开）")}
    assert len(where) == 1
    page = all_pages[where.pop() - 1]
    first = next(i for i, line in enumerate(page.text_lines) if OFFICE in line.text.replace(" ", ""))
    assert first > 0  # body text above it on the same page


def test_the_signature_is_two_characters_from_the_right_and_the_date_below_it_further_right(long_minutes):
    _, all_pages = long_minutes
    page = all_pages[page_of(all_pages, OFFICE) - 1]
    name = next(line for line in page.text_lines if line.text.replace(" ", "") == OFFICE)
    date = next(line for line in page.text_lines if line.text.replace(" ", "") == "2026年3月20日")
    right_edge = page.width - (28 if page.number % 2 == 0 else 26) * MM
    assert right_edge - name.x1 == pytest.approx(2 * 16, abs=3)
    assert date.x0 > name.x0


@pytest.mark.parametrize(
    "issuer,title",
    [
        ("陈仓区社会救助工作联席会议办公室", "关于2026年第一季度联席会议议定事项落实情况的通报"),
        ("陈仓区人力资源和社会保障局", "陈仓区人力资源和社会保障局关于区政协十届三次会议第128号提案的答复函"),
        ("陈仓区社会救助工作联席会议纪要", "关于进一步加强困难群众基本生活保障工作的会议纪要"),
    ],
)
def test_no_line_of_a_header_or_title_holds_a_lone_character(issuer, title):
    all_pages = pages(render_pdf(OfficialDocument(issuer=issuer, title=title, body=[paragraph(0)])))
    first = [line.text.replace(" ", "") for line in all_pages[0].text_lines]
    assert issuer in first  # the issuer on one line
    title_lines = fit.title_lines(title)
    for line in title_lines:
        assert line in first and len(line) >= 2
    assert "".join(title_lines) == title


def test_a_body_that_fills_an_even_page_puts_the_colophon_behind_a_blank_page_both_unnumbered():
    # Four paragraphs and a line: the body, names and date fill page 2, so the 版记 cannot follow on it.
    filled = document(4, body=[*(paragraph(i) for i in range(4)), paragraph(99, 28)])
    all_pages = pages(render_pdf(filled))
    assert len(all_pages) == 4
    assert all_pages[1].page_number is not None and page_of(all_pages, "2026年3月20日") == 2
    assert all_pages[2].lines == []  # blank, without a number (GB/T 9704 7.5)
    assert page_of(all_pages, "抄送：区委办公室") == 4 and all_pages[3].page_number is None
