"""Turning an uploaded file into text, refusing what is not a letter before reading it.

A .docx is a zip: its members' declared sizes are checked before anything is inflated, so a small
file that would inflate to hundreds of megabytes is refused cheaply. Every refusal is an
`ImportRefused` with a message for the office; nothing else escapes.
"""

import io
import logging
import zipfile

import docx
from django.utils.translation import gettext as _

from coordination.errors import ImportRefused

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_INFLATED_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1000

logger = logging.getLogger(__name__)


def decode_text(content: bytes, filename: str) -> str:
    """Text saved as UTF-8 (with or without BOM) or GB18030, the two encodings offices use."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(_("无法识别“%(name)s”的编码，请另存为 UTF-8 文本。") % {"name": filename})


def _check_archive(content: bytes, filename: str) -> None:
    invalid = ImportRefused(_("“%(name)s”不是有效的 Word (.docx) 文件。") % {"name": filename})
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise invalid
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise invalid from error
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
        raise ImportRefused(
            _("“%(name)s”解压后超过 %(mb)s MB，不予读取。") % {"name": filename, "mb": MAX_INFLATED_BYTES // 2**20}
        )
    if "word/document.xml" not in {m.filename for m in members}:
        raise invalid


def _docx_text(content: bytes, filename: str, tables: bool) -> str:
    _check_archive(content, filename)
    try:
        document = docx.Document(io.BytesIO(content))
        if tables:  # in document order, each table row a line of tab-separated cells
            lines = []
            for part in document.iter_inner_content():
                if isinstance(part, docx.table.Table):
                    lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in part.rows)
                else:
                    lines.append(part.text)
        else:
            lines = [p.text for p in document.paragraphs]
    except Exception as error:  # python-docx and lxml raise many kinds on a broken package
        raise ImportRefused(_("“%(name)s”不是有效的 Word (.docx) 文件。") % {"name": filename}) from error
    return "\n".join(lines)


def extract_text(content: bytes, filename: str, *, tables: bool = False) -> str:
    """The text of an uploaded letter: .txt (UTF-8 or GB18030) or .docx (its paragraphs, and with
    `tables` its tables' rows too)."""
    try:
        return _extract(content, filename, tables)
    except ImportRefused as refusal:
        logger.warning("import refused %r (%d bytes): %s", filename, len(content), refusal.message)
        raise


def _extract(content: bytes, filename: str, tables: bool) -> str:
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportRefused(_("“%(name)s”超过 10 MB，不予读取。") % {"name": filename})
    name = filename.lower()
    if name.endswith(".txt"):
        return decode_text(content, filename)
    if name.endswith(".docx"):
        return _docx_text(content, filename, tables)
    raise ImportRefused(_("只能导入 .txt 或 .docx 文件：“%(name)s”。") % {"name": filename})
