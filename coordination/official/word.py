"""The Word file (.docx) of a 公文, for the offices that finish, countersign and archive in WPS/Word.

It prints what the PDF prints, on the same page: A4, GB/T 9704 margins (mirrored for two-sided
printing), a document grid of 22 lines of 28 characters at 3号 仿宋, the issuer in red, the red rule,
page numbers `— N —` outside, and the 版记 as a table anchored to the bottom of the page the PDF's
layout chose for it. Fonts are named as Chinese offices have them installed (仿宋_GB2312 …).
"""

import io

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import fit
from .model import OfficialDocument, Table
from .render import TABLE_PT, ColophonPlacement, placement_for, signature_padding

FANG, HEI, KAI, TITLE, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
RED = RGBColor(0xE6, 0x00, 0x12)
LINE_PITCH_TWIPS = 579  # 28.95 pt
CHAR_SPACING = -5  # twentieths of a point: 16 pt less 0.25 pt a character, 28 in the 156 mm line (as the PDF)


# The schema's order of paragraph and run properties: Word refuses a file with them out of order.
_SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath",
}


def _place(parent, element) -> None:
    """Put `element` into `parent` (a pPr or rPr) where the schema's sequence wants it, replacing
    one of the same name."""
    sequence = [f"w:{name}" for name in _SEQUENCES[parent.tag.rsplit("}", 1)[1]].split()]
    old = parent.find(element.tag)
    if old is not None:
        parent.remove(old)
    tag = element.tag.replace(f"{{{element.nsmap['w']}}}", "w:")
    parent.insert_element_before(element, *sequence[sequence.index(tag) + 1 :])


def _element(tag: str, **attrs) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _indent(paragraph, size: float = 16, **chars) -> None:
    """Indents in characters (firstLine=2 → 首行缩进2字符), as Word's own dialog sets them, with the
    same in twips for programs that read only those."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, value in chars.items():
        ind.set(qn(f"w:{name}Chars"), str(round(value * 100)))
        ind.set(qn(f"w:{name}"), str(round(value * size * 20)))


def _off_grid(paragraph) -> None:
    """Text that is not body text (issuer, title, tables, 版记) keeps its own size, not the grid's."""
    _place(paragraph._p.get_or_add_pPr(), _element("w:snapToGrid", val=0))


def _border(paragraph, side: str, style: str = "single", size: int = 8, color: str = "E60012", space: int = 4) -> None:
    borders = _element("w:pBdr")
    borders.append(_element(f"w:{side}", val=style, sz=size, space=space, color=color))
    _place(paragraph._p.get_or_add_pPr(), borders)


def _paragraph(document, text: str = "", *, font: str = FANG, size: float = 16, align=None, **options):
    paragraph = document.add_paragraph()
    if text:
        _font(paragraph.add_run(text), font, size, bold=options.get("bold", False), color=options.get("color"))
    if align is not None:
        paragraph.alignment = align
    if "before" in options:
        paragraph.paragraph_format.space_before = Pt(options["before"])
    return paragraph


def _set_up_page(document, layout: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30 if layout == "letter" else 37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    grid = section._sectPr.find(qn("w:docGrid"))
    for name, value in (("type", "lines"), ("linePitch", LINE_PITCH_TWIPS)):
        grid.set(qn(f"w:{name}"), str(value))
    document.settings.element.find(qn("w:zoom")).addnext(_element("w:mirrorMargins"))
    document.settings.odd_and_even_pages_header_footer = True
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):  # the grid's characters are measured against the default size
        element = defaults.find(qn(tag))
        if element is None:
            element = _element(tag)
            defaults.append(element)
        element.set(qn("w:val"), "32")
    style = document.styles["Normal"]
    style.font.name, style.font.size = FANG, Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANG)
    _place(style.element.get_or_add_rPr(), _element("w:spacing", val=CHAR_SPACING))
    style.paragraph_format.line_spacing = Pt(28.95)
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.widow_control = True
    _page_numbers(section, first=layout != "letter")


def _page_number(paragraph, align) -> None:
    paragraph.alignment = align
    _off_grid(paragraph)
    _font(paragraph.add_run("— "), SONG, 14)
    for part in (_element("w:fldChar", fldCharType="begin"), "PAGE", _element("w:fldChar", fldCharType="end")):
        run = paragraph.add_run()
        _font(run, SONG, 14)
        if isinstance(part, str):
            instruction = _element("w:instrText")
            instruction.text = part
            run._r.append(instruction)
        else:
            run._r.append(part)
    _font(paragraph.add_run(" —"), SONG, 14)


def _page_numbers(section, *, first: bool) -> None:
    """Odd pages right, even pages left, one character in from the edge of the text block."""
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _indent(section.footer.paragraphs[0], 14, right=1)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _indent(section.even_page_footer.paragraphs[0], 14, left=1)
    if not first:  # 信函格式: no number on the first page
        section.different_first_page_header_footer = True


def _masthead(document, doc: OfficialDocument) -> None:
    if doc.category_mark:
        _paragraph(document, doc.category_mark, font=HEI, align=WD_ALIGN_PARAGRAPH.RIGHT)
    before = 0 if doc.layout == "letter" else Pt(99.2).pt  # 35 mm below the top of the text block
    issuer = _paragraph(
        document,
        doc.issuer,
        font=TITLE,
        size=fit.issuer_size(doc.issuer),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=RED,
        before=before,
    )
    issuer.paragraph_format.line_spacing = 1.2
    _off_grid(issuer)
    if doc.layout == "letter":
        _border(issuer, "bottom", style="thickThinSmallGap", size=24, space=11)
        if doc.doc_number:
            _paragraph(document, doc.doc_number, align=WD_ALIGN_PARAGRAPH.RIGHT, before=11)
        return
    number = _paragraph(document, doc.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER, before=57.9)
    _border(number, "bottom", size=8, space=11)


def _body(document, doc: OfficialDocument) -> None:
    title = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=57.9 if doc.layout != "letter" else 28.95)
    for index, line in enumerate(fit.title_lines(doc.title)):
        run = title.add_run(line)
        _font(run, TITLE, fit.TITLE_PT)
        if index:
            run._r.addprevious(_element("w:br"))
    title.paragraph_format.line_spacing = Pt(35)
    _off_grid(title)
    title.paragraph_format.space_after = Pt(28.95)
    if doc.addressee:
        _paragraph(document, doc.addressee)
    _parts(document, doc.body)
    for index, name in enumerate(doc.attachments):
        number = f"{index + 1}. " if len(doc.attachments) > 1 else ""
        paragraph = _paragraph(
            document, ("附件：" if index == 0 else "") + number + name, before=28.95 if index == 0 else 0
        )
        _indent(paragraph, left=2 if index == 0 else 5)
    for index, roster in enumerate(doc.rosters):
        paragraph = _paragraph(document, before=28.95 if index == 0 else 0)
        _font(paragraph.add_run(f"{roster.label}："), HEI, 16)
        _font(paragraph.add_run("、".join(roster.names)), FANG, 16)
        _indent(paragraph, left=5, hanging=3)


def _parts(document, parts) -> None:
    for part in parts:
        if isinstance(part, Table):
            _table(document, part)
            continue
        font = {"h1": HEI, "h2": KAI}.get(part.kind, FANG)
        paragraph = _paragraph(document, part.text, font=font, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        _indent(paragraph, firstLine=2)


def _annexes(document, doc: OfficialDocument) -> None:
    """Each 附件 on a new page: its label in 黑体, its title centred as a title, its body."""
    for label, annex in doc.labelled_annexes():
        _paragraph(document, label, font=HEI).paragraph_format.page_break_before = True
        title = _paragraph(document, annex.title, font=TITLE, size=fit.TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.space_before = title.paragraph_format.space_after = Pt(28.95)
        _off_grid(title)
        _parts(document, annex.body)


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = [table.columns, *table.rows]
    for index, row in enumerate(cells):
        row_cells = grid.rows[0].cells if index == 0 else grid.add_row().cells
        for column, text in enumerate(row):
            paragraph = row_cells[column].paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.15
            _off_grid(paragraph)
            _font(paragraph.add_run(text), HEI if index == 0 else FANG, TABLE_PT)
            if column == table.key or index == 0:  # headers and the key column on one line
                row_cells[column]._tc.get_or_add_tcPr().append(_element("w:noWrap"))
    key = fit.key_column_width([row[table.key] for row in cells], TABLE_PT)
    other = (fit.TEXT_WIDTH_PT - key) / (len(table.columns) - 1)
    for index, column in enumerate(grid.columns):
        column.width = Pt(key if index == table.key else other)
        for cell in column.cells:
            cell.width = column.width


def _signature(document, doc: OfficialDocument) -> None:
    name_pad, date_pad = signature_padding(doc)
    lines = [(line, name_pad, WD_ALIGN_PARAGRAPH.RIGHT) for line in doc.signature_lines]
    if doc.date_text:
        lines.append((doc.date_text, date_pad, WD_ALIGN_PARAGRAPH.RIGHT))
    lines += [(note, None, None) for note in doc.notes]
    previous = document.paragraphs[-1] if document.paragraphs else None
    if previous is not None:
        previous.paragraph_format.keep_with_next = True  # the signature never stands alone on a page
    for index, (text, pad, align) in enumerate(lines):
        paragraph = _paragraph(document, text, align=align, before=28.95 if index == 0 else 0)
        if pad is None:
            _indent(paragraph, firstLine=2)
        else:
            _indent(paragraph, right=pad)
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1


def _colophon(document, doc: OfficialDocument, placement: ColophonPlacement) -> None:
    """The 版记: a borderless table floating at the bottom of the text block, rules above, between
    and below (thick, thin, thick), on the page the PDF's layout chose."""
    if placement.bare:
        section = document.add_section(WD_SECTION.EVEN_PAGE)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            for paragraph in footer.paragraphs:
                paragraph.clear()
    elif placement.new_page:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    rows = []
    if doc.copies_to:
        rows.append((f"抄送：{doc.copies_to}。", ""))
    if doc.printed_by:
        rows.append((doc.printed_by, f"{doc.printed_date_text}印发"))
    table = document.add_table(rows=len(rows), cols=2)
    for column, share in zip(table.columns, (0.62, 0.38), strict=True):
        column.width = Pt(fit.TEXT_WIDTH_PT * share)
        for cell in column.cells:
            cell.width = column.width
    for row, (left, right) in zip(table.rows, rows, strict=True):
        if not right:
            row.cells[0].merge(row.cells[1])
        for cell, text, side in ((row.cells[0], left, "left"), (row.cells[1], right, "right")):
            if text:
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if side == "left" else WD_ALIGN_PARAGRAPH.RIGHT
                _off_grid(paragraph)
                _font(paragraph.add_run(text), FANG, 14)
                _indent(paragraph, 14, **{side: 1})
    properties = table._tbl.tblPr
    # In the schema's order: the float, the width, then the rules.
    anchored = _element("w:tblpPr", vertAnchor="margin", horzAnchor="margin", tblpYSpec="bottom", tblpXSpec="center")
    properties.insert(0, anchored)
    width = properties.find(qn("w:tblW"))
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    borders = _element("w:tblBorders")
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
        borders.append(_element(f"w:{side}", val="single" if size else "nil", sz=size, space=0, color="000000"))
    width.addnext(borders)
    document.add_paragraph()  # the paragraph a floating table is anchored to


def render_docx(doc: OfficialDocument, placement: ColophonPlacement | None = None) -> bytes:
    """The .docx of `doc`; its 版记 on the page where the PDF puts it (`placement`, found by laying
    the PDF out when not given)."""
    document = docx.Document()
    _set_up_page(document, doc.layout)
    if doc.draft:
        header = document.sections[0].header.paragraphs[0]
        _font(header.add_run("征求意见稿"), HEI, 14, color=RED)
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _masthead(document, doc)
    _body(document, doc)
    _signature(document, doc)
    _annexes(document, doc)
    if doc.has_colophon:
        _colophon(document, doc, placement or placement_for(doc))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
