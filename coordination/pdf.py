"""Official documents (公文) as PDF, laid out after GB/T 9704-2012, rendered by WeasyPrint.

The same template gives the HTML print preview, so what the office checks on screen is what
prints. Fonts come from the system (Debian's fonts-noto-cjk); nothing is fetched from a network.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string


@dataclass
class OfficialDocument:
    """What goes on the page of a 公文; `body_html` must already be safe HTML."""

    header_text: str
    title: str
    body_html: str
    doc_number: str = ""
    addressee: str = ""
    signature_lines: list[str] = field(default_factory=list)
    date_text: str = ""
    copies_to: str = ""
    printed_by: str = ""
    printed_date_text: str = ""
    category_mark: str = ""
    watermark_draft: bool = False
    attachments: list[str] = field(default_factory=list)
    closing_html: str = ""  # e.g. a letter's disclosure line "（此件主动公开）", after the signature


def render_html(document: OfficialDocument) -> str:
    return render_to_string("pdf/official_document.html", {"doc": document})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only by the processes that render

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(document: OfficialDocument) -> bytes:
    return html_to_pdf(render_html(document))
