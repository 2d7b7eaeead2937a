"""The Word file of a 公文, read back with python-docx: the page, the grid, the fonts, and the same
text as the PDF of the same document."""

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from coordination.official import Block, Table, render_docx, render_pdf

from .layout import PAGE_NUMBER, pages
from .test_geometry import document


def read(doc) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(doc)))


def printed_text(word) -> list[str]:
    """The body's paragraphs and table cells in document order, as a reader meets them."""
    out = []
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:p"):
            out.append(docx.text.paragraph.Paragraph(element, word).text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, word)
            for row in table.rows:
                seen = []
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell is listed once per column it spans
                        seen.append(cell._tc)
                        out.append(cell.text)
    return [text for text in out if text]


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def minutes():
    return document(16)


def test_the_page_is_a4_with_the_standards_margins_and_grid(minutes):
    word = read(minutes)
    section = word.sections[0]
    millimetres = [round(length.mm, 1) for length in (section.page_width, section.page_height)]
    assert millimetres == [210, 297]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    assert word.settings.element.find(qn("w:mirrorMargins")) is not None  # 订口 on the binding side
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm


def test_the_body_is_3hao_fangsong_at_the_line_pitch(minutes):
    normal = read(minutes).styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 28 characters a line


def test_the_issuer_is_red_and_headings_take_their_fonts(minutes):
    word = read(document(2, body=[Block("一、总体情况", "h1"), Block("（一）低保扩围", "h2"), Block("正文。")]))
    runs = {run.text: run for paragraph in word.paragraphs for run in paragraph.runs}
    issuer = runs["陈仓区社会救助工作联席会议纪要"]
    assert str(issuer.font.color.rgb) == "E60012"
    assert issuer._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert runs["一、总体情况"]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert runs["（一）低保扩围"]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    body = next(p for p in word.paragraphs if p.text == "正文。")
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters


def test_the_word_file_says_what_the_pdf_says(minutes):
    word_text = printed_text(read(minutes))
    assert word_text == [line.replace("\n", "") for line in word_text]  # no stray line breaks but the title's
    pdf_lines = [line.text for page in pages(render_pdf(minutes)) for line in page.lines]
    pdf_text = squeeze("".join(line for line in pdf_lines if not PAGE_NUMBER.match(line)))
    assert squeeze("".join(word_text)) == pdf_text
    assert [squeeze(line) for line in word_text] == [squeeze(line) for line in minutes.lines()]


def test_page_numbers_are_fields_outside_on_odd_and_even_pages(minutes):
    section = read(minutes).sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment.name == side.upper()
        assert paragraph._p.xpath(".//w:instrText")[0].text == "PAGE"
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")


def test_a_letter_has_no_number_on_its_first_page():
    letter = document(3, layout="letter", issuer="陈仓区民政局", rosters=[], copies_to="", printed_by="")
    section = read(letter).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_footer.paragraphs[0].text == ""


def test_the_colophon_floats_at_the_bottom_of_the_page_the_pdf_chose(minutes):
    word = read(minutes)
    colophon = word.tables[-1]
    anchor = colophon._tbl.tblPr.find(qn("w:tblpPr"))
    assert (anchor.get(qn("w:vertAnchor")), anchor.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    before = colophon._tbl.getprevious()
    assert before.xpath(".//w:br[@w:type='page']")  # the PDF put it on a page of its own (16 paragraphs)
    assert [cell.text for cell in colophon.rows[-1].cells] == ["陈仓区社会救助工作联席会议办公室", "2026年3月20日印发"]


def test_a_tables_key_column_is_not_wrapped():
    rows = tuple((unit, "事项", "—", "—", "1") for unit in ("区人力资源和社会保障局", "区民政局"))
    word = read(document(1, body=[Table(("单位", "期内办结", "逾期未办结", "红灯事项", "在办"), rows)]))
    table = word.tables[0]
    assert all(row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is not None for row in table.rows)
    assert table.columns[0].width >= Pt(12 * 11)  # eleven characters of 小四
