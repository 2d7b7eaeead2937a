import io

import docx
import pytest


def docx_of(text: str) -> bytes:
    """A Word file made by python-docx holding `text`, one paragraph per line."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def make_docx():
    return docx_of
