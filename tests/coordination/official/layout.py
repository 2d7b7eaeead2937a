"""What a PDF prints where, read back with poppler's `pdftotext -bbox-layout` (poppler-utils)."""

import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass

MM = 72 / 25.4
_NS = {"x": "http://www.w3.org/1999/xhtml"}
PAGE_NUMBER = re.compile(r"^— \d+ —$")


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def text_lines(self) -> list[Line]:
        """The lines inside the text block (the page number, in the bottom margin, left out)."""
        return [line for line in self.lines if not PAGE_NUMBER.match(line.text)]

    @property
    def page_number(self) -> Line | None:
        return next((line for line in self.lines if PAGE_NUMBER.match(line.text)), None)


def pages(pdf: bytes) -> list[Page]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        xhtml = subprocess.run(["pdftotext", "-bbox-layout", file.name, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(xhtml)
    result = []
    for number, page in enumerate(root.iter(f"{{{_NS['x']}}}page"), start=1):
        lines = []
        for line in page.iter(f"{{{_NS['x']}}}line"):
            text = " ".join(word.text or "" for word in line.iter(f"{{{_NS['x']}}}word"))
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(Line(text, *box))
        result.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return result


def fonts(pdf: bytes) -> set[str]:
    """The embedded fonts' family names (subset prefixes removed), from poppler's pdffonts."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        listing = subprocess.run(["pdffonts", file.name], capture_output=True, check=True, text=True).stdout
    names = set()
    for row in listing.splitlines()[2:]:
        columns = row.split()
        if columns and "yes" in columns:  # emb
            names.add(columns[0].split("+", 1)[-1])
    return names


def page_of(all_pages: list[Page], text: str) -> int:
    """The number of the page whose lines hold `text` (whitespace ignored)."""
    wanted = re.sub(r"\s", "", text)
    for page in all_pages:
        if any(wanted in re.sub(r"\s", "", line.text) for line in page.lines):
            return page.number
    raise AssertionError(f"{text!r} is on no page")
