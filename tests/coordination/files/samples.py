"""Small files of each kind, built in memory: what units attach, and what an attacker would try."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
# A PDF header followed by a page: a browser sniffing it as HTML would run the script.
PDF_POLYGLOT = b"%PDF-1.4\n<html><body><script>document.title='pwned'</script></body></html>"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zipped(members: dict[str, bytes | str]) -> bytes:
    """The same bytes on every call: each member dated 2026-01-01, so the test ids that show these
    bytes are the same in every pytest-xdist worker (a worker collecting a second later would see
    another timestamp and refuse to run)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def office(main_part: str) -> bytes:
    return zipped({"[Content_Types].xml": "<Types/>", main_part: "<document/>"})


def ole(stream: str) -> bytes:
    """A compound file whose directory names `stream` (the directory stores names in UTF-16)."""
    return OLE + stream.encode("utf-16-le") + b"\x00" * 64


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
