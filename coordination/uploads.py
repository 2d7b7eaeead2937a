"""What a unit may attach: checked by the file's content, not by its name."""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import DomainError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls / .wps


def _zip_kind(upload) -> str | None:
    """Office Open XML and OFD files are zip archives; tell them apart by what they contain."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def sniff(upload) -> str | None:
    """The kind of file by its first bytes (and, for zips, by their contents)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(OLE_SIGNATURE):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    return None


def validate_upload(upload) -> str:
    """Return the file's kind, or refuse it with a message that says what is accepted."""
    limit = settings.PORTAL_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise DomainError(
            _("文件“%(name)s”有 %(size).1f MB，超过 %(limit)d MB 的上限，请压缩或拆分后再上传。")
            % {"name": upload.name, "size": upload.size / 2**20, "limit": limit // 2**20}
        )
    kind = sniff(upload)
    if kind is None:
        raise DomainError(
            _("文件“%(name)s”不是可接受的类型。请上传 PDF、Word、Excel、OFD 或图片（PNG、JPEG）。")
            % {"name": upload.name}
        )
    return kind
