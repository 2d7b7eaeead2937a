"""What a unit may attach: decided by the file's content, never by its name.

A file's name is whatever the uploader typed: `report.html` may start with `%PDF-`, and a page
served from the portal's origin could run script there. So the kind comes from magic bytes
(`filetype`), Office files must be real Office containers, and the stored extension follows the
detected kind (`coordination.storage`). Web pages, SVG, scripts and archives are refused.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import DomainError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word / Excel (compound file)
ZIP_SIGNATURE = b"PK\x03\x04"
HEAD_BYTES = 8192
MAX_ZIP_MEMBERS = 5000


@dataclass(frozen=True)
class Kind:
    extension: str
    mime: str

    @property
    def shown_inline(self) -> bool:
        """PDFs and pictures open in the browser; everything else is downloaded."""
        return self.extension in {"pdf", "png", "jpg"}


KINDS = {
    kind.extension: kind
    for kind in (
        Kind("pdf", "application/pdf"),
        Kind("png", "image/png"),
        Kind("jpg", "image/jpeg"),
        Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        Kind("doc", "application/msword"),
        Kind("xls", "application/vnd.ms-excel"),
        Kind("ofd", "application/ofd"),
    )
}
# The part that makes a zip an Office Open XML (or OFD) document, besides [Content_Types].xml.
OFFICE_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
# Stream names of legacy Office files, as the compound file's directory stores them (UTF-16).
OLE_STREAMS = [("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls")]


def _read(file, size: int | None = None) -> bytes:
    file.seek(0)
    data = file.read(size) if size is not None else file.read()
    file.seek(0)
    return data


def _zip_members(file) -> list[zipfile.ZipInfo] | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return None
    finally:
        file.seek(0)


def _zip_kind(file) -> Kind | None:
    """Office Open XML files and OFD are zips; tell them from any other archive by their parts."""
    members = _zip_members(file)
    if members is None:
        return None
    names = {member.filename for member in members}
    if "OFD.xml" in names:
        return KINDS["ofd"]
    if "[Content_Types].xml" not in names:
        return None
    return next((KINDS[kind] for part, kind in OFFICE_MAIN_PARTS.items() if part in names), None)


def _ole_kind(file) -> Kind | None:
    """A compound file is a Word or Excel file only if it holds their main stream."""
    data = _read(file)
    return next((KINDS[kind] for stream, kind in OLE_STREAMS if stream.encode("utf-16-le") in data), None)


def detect(file) -> Kind | None:
    """The accepted kind this file's content is, or None."""
    head = _read(file, HEAD_BYTES)
    if head.startswith(ZIP_SIGNATURE):
        return _zip_kind(file)
    if head.startswith(OLE_SIGNATURE):
        return _ole_kind(file)
    guess = filetype.guess(head)
    return KINDS.get(guess.extension) if guess else None


def _looks_like_markup_or_script(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<", b"#!")) or b"<script" in start or b"<svg" in start


def _refusal(upload) -> DomainError:
    head = _read(upload, HEAD_BYTES)
    if head.startswith(ZIP_SIGNATURE):
        message = _("文件“%(name)s”是压缩包，不能上传。Word、Excel、PowerPoint 文件请直接上传，不要压缩。")
    elif _looks_like_markup_or_script(head):
        message = _("文件“%(name)s”是网页、SVG 图形或脚本，出于安全考虑不能上传。请另存为 PDF 后再上传。")
    else:
        message = _("文件“%(name)s”不是可接受的类型。请上传 PDF、Word、Excel、PowerPoint、OFD 或图片（PNG、JPEG）。")
    return DomainError(message % {"name": upload.name})


def _check_inflated_size(upload) -> None:
    """A small zip can unpack to gigabytes; refuse what would be too large to open."""
    members = _zip_members(upload) or []
    limit = settings.PORTAL_UPLOAD_MAX_INFLATED_BYTES
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > limit:
        raise DomainError(
            _("文件“%(name)s”解压后超过 %(limit)d MB，不能上传。") % {"name": upload.name, "limit": limit // 2**20}
        )


def validate_upload(upload) -> str:
    """Return the file's kind (its stored extension), or refuse it with a message that says why."""
    limit = settings.PORTAL_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise DomainError(
            _("文件“%(name)s”有 %(size).1f MB，超过 %(limit)d MB 的上限，请缩小或拆分后再上传。")
            % {"name": upload.name, "size": upload.size / 2**20, "limit": limit // 2**20}
        )
    kind = detect(upload)
    if kind is None:
        raise _refusal(upload)
    if _read(upload, len(ZIP_SIGNATURE)) == ZIP_SIGNATURE:
        _check_inflated_size(upload)
    return kind.extension
