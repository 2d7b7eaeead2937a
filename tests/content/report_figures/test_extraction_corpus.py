"""The figure extraction measured on a corpus of work-summary passages, each with its expected figures.

Each `corpus/NN-name.txt` has a `NN-name.json` beside it, written by hand from the text:
`figures`: [what, value, unit] (value in 户/人/人次 or 万元; what "" where the text does not say which
figure is which), `flagged`: [text, reason] for each number that must be flagged, not charted.
The `h*` passages were written after the extractor, as a check on passages it was not tuned on;
their figures are printed apart.
"""

import io
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from content.report_figures import extract_figures
from coordination.importers.files import extract_text

CORPUS = Path(__file__).parent / "corpus"
PASSAGES = sorted(CORPUS.glob("*.txt"))

# Thresholds. A wrong figure on a public chart is worse than a missing one (the editor can still add
# a missing one by hand but may not notice a wrong one), so precision is held higher than recall.
VALUE_PRECISION, VALUE_RECALL = 0.95, 0.90
WHAT_PRECISION, WHAT_RECALL = 0.85, 0.80


@dataclass
class Tally:
    predicted: int = 0
    expected: int = 0
    matched: int = 0
    what_predicted: int = 0
    what_expected: int = 0
    what_matched: int = 0

    def add(self, predicted: list, expected: list) -> list[str]:
        """Count one passage; return what went wrong in it, for the test's output."""
        problems = []
        self.predicted += len(predicted)
        self.expected += len(expected)
        self.what_predicted += sum(1 for f in predicted if f.what)
        self.what_expected += sum(1 for what, _v, _u in expected if what)
        wanted = Counter((Decimal(v), u) for _w, v, u in expected)
        whats = {}
        for what, value, unit in expected:
            whats.setdefault((Decimal(value), unit), []).append(what)
        for figure in predicted:
            key = (figure.value, figure.unit)
            if wanted[key] > 0:
                wanted[key] -= 1
                self.matched += 1
                if figure.what and figure.what in whats[key]:
                    self.what_matched += 1
                    whats[key].remove(figure.what)
                elif figure.what or any(whats[key]):
                    problems.append(f"what of {figure.original}: {figure.what!r}, expected one of {whats[key]}")
            else:
                problems.append(f"unexpected figure {figure.original} = {figure.value}{figure.unit} ({figure.what})")
        problems.extend(f"missed {value}{unit}" for (value, unit), n in wanted.items() for _ in range(n))
        return problems

    def ratios(self) -> dict[str, float]:
        return {
            "value precision": self.matched / self.predicted,
            "value recall": self.matched / self.expected,
            "what precision": self.what_matched / self.what_predicted,
            "what recall": self.what_matched / self.what_expected,
        }


def expected_of(passage: Path) -> dict:
    return json.loads(passage.with_suffix(".json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_every_passage_has_its_expectation():
    assert len(PASSAGES) >= 30
    for passage in PASSAGES:
        assert set(expected_of(passage)) == {"figures", "flagged"}, passage.name


def measure(passages: list[Path]) -> tuple[Tally, list[str]]:
    tally, report = Tally(), []
    for passage in passages:
        extraction = extract_figures(passage.read_text(encoding="utf-8"))
        problems = tally.add(extraction.figures, expected_of(passage)["figures"])
        report.extend(f"{passage.name}: {problem}" for problem in problems)
    return tally, report


def test_figures_are_found_with_their_unit_and_subject(capsys):
    tally, report = measure(PASSAGES)
    ratios = tally.ratios()
    with capsys.disabled():
        for name, part in (("all", tally), ("h* only", measure([p for p in PASSAGES if p.name.startswith("h")])[0])):
            print(f"\nfigures ({name}): {part.expected} expected, {part.predicted} proposed, {part.matched} right")
            print("  " + ", ".join(f"{key} {value:.3f}" for key, value in part.ratios().items()))
        print("\n".join(f"  {line}" for line in report))
    assert ratios["value precision"] >= VALUE_PRECISION
    assert ratios["value recall"] >= VALUE_RECALL
    assert ratios["what precision"] >= WHAT_PRECISION
    assert ratios["what recall"] >= WHAT_RECALL


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p.stem)
def test_every_doubtful_number_is_flagged_and_not_charted(passage):
    extraction = extract_figures(passage.read_text(encoding="utf-8"))
    flags = {(flag.text, flag.reason) for flag in extraction.flags}
    for text, reason in expected_of(passage)["flagged"]:
        assert (text, reason) in flags, f"{text} not flagged as {reason}; flags: {sorted(flags)}"
        assert not any(figure.original == text for figure in extraction.figures)


def as_word_file(text: str) -> bytes:
    """The passage as an editor's .docx: tab-separated lines become a Word table, the rest paragraphs."""
    document = docx.Document()
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        rows = []
        while number < len(lines) and "\t" in lines[number]:
            rows.append(lines[number].split("\t"))
            number += 1
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
            continue
        document.add_paragraph(lines[number])
        number += 1
    content = io.BytesIO()
    document.save(content)
    return content.getvalue()


@pytest.mark.parametrize("name", ["01-half-year-summary", "12-table-tabs", "28-long-narrative", "h04-table-yuan-wan"])
def test_a_passage_uploaded_as_word_gives_the_same_figures(name):
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    from_word = extract_text(as_word_file(text), f"{name}.docx", tables=True)
    assert extract_figures(from_word) == extract_figures(text)
