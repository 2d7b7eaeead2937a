"""The portal's 公文 (official documents) after GB/T 9704-2012: one description of a document
(`OfficialDocument`), two renderings of it — the PDF with its HTML print preview (`render`) and
the Word file offices finish in WPS (`word`)."""

from .model import Annex, Block, OfficialDocument, Roster, Table, blocks_from_text
from .render import render_html, render_pdf
from .word import render_docx

__all__ = [
    "Annex",
    "Block",
    "OfficialDocument",
    "Roster",
    "Table",
    "blocks_from_text",
    "render_docx",
    "render_html",
    "render_pdf",
]
