"""The upload check: a file's kind comes from its content, and only safe kinds are kept."""

import re

import pytest

from coordination.errors import DomainError
from coordination.storage import private_storage
from coordination.uploads import validate_upload

from .samples import HTML, JPEG, PDF, PDF_POLYGLOT, PNG, SVG, office, ole, upload, zipped


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("方案.pdf", PDF, "pdf"),
        ("现场.png", PNG, "png"),
        ("现场.jpeg", JPEG, "jpg"),
        ("台账.docx", office("word/document.xml"), "docx"),
        ("台账.xlsx", office("xl/workbook.xml"), "xlsx"),
        ("汇报.pptx", office("ppt/presentation.xml"), "pptx"),
        ("旧版.doc", ole("WordDocument"), "doc"),
        ("旧版.xls", ole("Workbook"), "xls"),
        ("公文.ofd", zipped({"OFD.xml": "<ofd:OFD/>"}), "ofd"),
    ],
)
def test_accepted_kinds_are_named_by_content(name, content, kind):
    assert validate_upload(upload(name, content)) == kind


def test_the_name_does_not_decide_the_kind():
    assert validate_upload(upload("report.html", PDF_POLYGLOT)) == "pdf"
    assert validate_upload(upload("照片.pdf", PNG)) == "png"


@pytest.mark.parametrize(
    ("name", "content"), [("report.html", HTML), ("chart.svg", SVG), ("run.sh", b"#!/bin/sh\nrm -rf /\n")]
)
def test_pages_svg_and_scripts_are_refused(name, content):
    with pytest.raises(DomainError, match="网页、SVG 图形或脚本"):
        validate_upload(upload(name, content))


def test_an_archive_is_refused_even_with_an_office_name():
    with pytest.raises(DomainError, match="压缩包"):
        validate_upload(upload("台账.docx", zipped({"report.html": HTML})))


def test_a_zip_with_content_types_but_no_office_document_is_refused():
    with pytest.raises(DomainError, match="压缩包"):
        validate_upload(upload("台账.docx", zipped({"[Content_Types].xml": "<Types/>", "evil.html": HTML})))


def test_an_office_file_that_unpacks_too_large_is_refused(settings):
    settings.PORTAL_UPLOAD_MAX_INFLATED_BYTES = 2**20
    bomb = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "0" * (2 * 2**20)})
    assert len(bomb) < 2**20 // 10
    with pytest.raises(DomainError, match="解压后超过 1 MB"):
        validate_upload(upload("台账.docx", bomb))


def test_a_legacy_office_file_needs_the_ole_signature_and_a_word_or_excel_stream():
    with pytest.raises(DomainError, match="不是可接受的类型"):
        validate_upload(upload("旧版.doc", b"WordDocument but no OLE header" + b"\x00" * 600))
    with pytest.raises(DomainError, match="不是可接受的类型"):
        validate_upload(upload("setup.doc", ole("SummaryInformation")))  # e.g. an .msi installer


def test_a_stored_name_is_random_with_the_detected_extension(db):
    stored = private_storage().save("progress/x", upload("../../第3次会议纪要.html", PDF_POLYGLOT))
    assert re.fullmatch(r"progress/[0-9a-f]{32}\.pdf", stored)
    private_storage().delete(stored)
