"""The PDF of a 公文 (WeasyPrint) and its HTML print preview, from one template.

WeasyPrint lays the document out once; where it has a 版记 (colophon), a second layout moves it
to the bottom of the last even page, as GB/T 9704 7.4 asks: on the body's last page when that page
is even, else on the next (even) page — after a blank page when the body filled an even page to the
bottom. Fonts come from the system (Fandol, see the Makefile; Noto CJK as fallback).
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from . import fit
from .model import OfficialDocument, Table

PX_PER_PT = 4 / 3  # WeasyPrint's layout works in CSS pixels
COLOPHON_GAP_PT = 28.95  # one blank line above the 版记 (its margin in the template)
TABLE_PT = 12  # 小四: a table of 27 units and their items


@dataclass(frozen=True)
class ColophonPlacement:
    push_pt: float = 0  # extra space above the colophon, so its last rule meets the text block's bottom
    new_page: bool = False  # start it on the next even page
    bare: bool = False  # that page, and the blank one before it, carry no page number (GB/T 9704 7.5)


def _context(document: OfficialDocument, placement: ColophonPlacement) -> dict:
    name_pad, date_pad = signature_padding(document)
    return {
        "doc": document,
        "placement": placement,
        "issuer_pt": fit.issuer_size(document.issuer),
        "title_lines": fit.title_lines(document.title),
        "body": body_items(document),
        "annexes": [
            {"label": label, "annex": annex, "body": body_items(annex)} for label, annex in document.labelled_annexes()
        ],
        "name_pad": name_pad,
        "date_pad": date_pad,
    }


def body_items(document) -> list[dict]:
    """The body's parts (of a document or an annex) as `official/body.html` prints them."""
    return [{"part": part, "is_table": isinstance(part, Table), "key_pt": _key_pt(part)} for part in document.body]


def _key_pt(part) -> float:
    if not isinstance(part, Table):
        return 0
    return fit.key_column_width([row[part.key] for row in part.rows] + [part.columns[part.key]], TABLE_PT)


def signature_padding(document: OfficialDocument) -> tuple[float, float]:
    """Right indents in ems of the issuer's name and the date (GB/T 9704 7.3.5.2, no seal): the name
    two characters from the right, the date below it starting two characters further right; a
    date longer than the name keeps two characters and the name moves left."""
    name = max((fit.width(line) for line in document.signature_lines), default=0)
    date = fit.width(document.date_text)
    if name - date >= 2:
        return 2, name - date
    return date + 2 - name + 2, 2


def render_html(document: OfficialDocument, placement: ColophonPlacement | None = None) -> str:
    """The document as HTML: what WeasyPrint prints, and the office's print preview."""
    return render_to_string("official/document.html", _context(document, placement or ColophonPlacement()))


def _layout(html: str):
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only by the processes that render

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render()


def _colophon_box(page):
    for box in page._page_box.descendants():
        if box.element is not None and box.element_tag == "div" and "colophon" in box.element.get("class", ""):
            return box
    return None


def colophon_placement(layout) -> ColophonPlacement:
    """Where the colophon must go, read from a first layout that left it in the flow."""
    for number, page in enumerate(layout.pages, start=1):
        box = _colophon_box(page)
        if box is None:
            continue
        page_box = page._page_box
        top = page_box.content_box_y()
        bottom = top + page_box.height
        height = box.border_height()
        if number % 2 == 0:
            free = bottom - (box.border_box_y() + height)
            return ColophonPlacement(push_pt=max(0, free) / PX_PER_PT)
        alone = box.border_box_y() - box.margin_top <= top + 1  # the body filled the page before
        push = (page_box.height - height) / PX_PER_PT - COLOPHON_GAP_PT  # on a page of its own
        return ColophonPlacement(push_pt=max(0, push), new_page=True, bare=alone)
    return ColophonPlacement()


def placement_for(document: OfficialDocument) -> ColophonPlacement:
    """Where the PDF puts the colophon, for the Word file to put it on the same page; remembered
    per content (one layout pass) so repeated downloads do not lay the document out again."""
    if not document.has_colophon:
        return ColophonPlacement()
    key = f"official:colophon:{document.fingerprint()}"
    cached = cache.get(key)
    if cached is None:
        cached = dataclasses.astuple(colophon_placement(_layout(render_html(document))))
        cache.set(key, cached, timeout=7 * 24 * 3600)
    return ColophonPlacement(*cached)


def render_pdf(document: OfficialDocument) -> bytes:
    html = render_html(document)
    layout = _layout(html)
    if document.has_colophon:
        layout = _layout(render_html(document, colophon_placement(layout)))
    return layout.write_pdf()


def html_to_pdf(html: str) -> bytes:
    """Any other printable page (the sign-in sheet) through the same engine."""
    return _layout(html).write_pdf()
