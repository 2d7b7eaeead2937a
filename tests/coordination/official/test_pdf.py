"""The official-document PDF: what it prints, read back from the file WeasyPrint wrote."""

import io

import pytest
from pypdf import PdfReader

from coordination.official import Block, OfficialDocument, render_html, render_pdf

LONG_BODY = [Block(f"第{i}段：各成员单位按照职责分工抓好落实，办公室按季度汇总通报进展情况。") for i in range(60)]


def document(**overrides):
    fields = {
        "layout": "minutes",
        "issuer": "陈仓区社会救助工作联席会议纪要",
        "doc_number": "陈社救联纪〔2026〕3号",
        "title": "2026年第1次例会纪要",
        "body": LONG_BODY,
        "signature_lines": ["陈仓区社会救助工作联席会议办公室"],
        "date_text": "2026年3月20日",
        "copies_to": "区委办公室，区人大常委会办公室",
        "printed_by": "陈仓区社会救助工作联席会议办公室",
        "printed_date_text": "2026年3月20日",
    }
    return OfficialDocument(**{**fields, **overrides})


@pytest.fixture(scope="module")
def reader():
    return PdfReader(io.BytesIO(render_pdf(document())))


def text_of(reader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_number_the_title_and_the_colophon(reader):
    """Everything the document says is printed (the lines of `OfficialDocument.lines`)."""
    text = text_of(reader)
    assert "陈社救联纪〔2026〕3号" in text
    assert "2026年第1次例会纪要" in text
    assert "抄送：区委办公室" in text
    assert "2026年3月20日印发" in text


def test_pages_are_a4_and_numbered(reader):
    assert len(reader.pages) > 1
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
    assert "— 2 —" in reader.pages[1].extract_text()


def test_chinese_fonts_are_embedded(reader):
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            fonts.add(str(descriptor["/BaseFont"]))
            for descendant in descriptor.get("/DescendantFonts", []):
                assert (
                    "/FontFile2" in descendant.get_object()["/FontDescriptor"]
                    or "/FontFile3" in (descendant.get_object()["/FontDescriptor"])
                )
    assert any("FandolFang" in name for name in fonts)


def test_the_category_mark_is_printed_only_when_set():
    assert "A类" in render_html(document(category_mark="A类"))
    assert 'class="category"' not in render_html(document())


def test_a_draft_carries_the_draft_mark():
    assert "征求意见稿" in render_html(document(draft=True))
    assert "征求意见稿" not in render_html(document())


def test_the_title_is_escaped():
    html = render_html(document(title="<script>alert(1)</script>"))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
