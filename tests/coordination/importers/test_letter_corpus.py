"""The letter parser against a corpus of letters it was not written from (the Proposals issue).

Each letter in `letters/` is written the way real replies come: city, county and district bodies,
建议 and 提案, sessions named many ways, web and markdown debris, spaced labels, cited documents.
`expected.json` lists, per letter, the fields it holds; a field not listed must be reported
missing. Run with `pytest -s` to see the per-field table.
"""

import json
from pathlib import Path

import pytest

from coordination.importers.letters import parse_reply

LETTERS = Path(__file__).parent / "letters"
EXPECTED = json.loads((LETTERS / "expected.json").read_text(encoding="utf-8"))
FIELDS = [
    "category", "issuing_body", "signer", "doc_number", "session", "proposal_number", "kind", "addressee",
    "suggestion_title", "body", "sections", "date", "contact_person", "contact_phone", "responsible_person",
    "handler", "copies_to", "disclosure",
]  # fmt: skip


def score(found: dict[str, dict], expected: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Per field: (precision, recall). A wrong value counts against both; a guessed one against precision."""
    table = {}
    for name in FIELDS:
        hits = wrong = guessed = missed = 0
        for letter, fields in expected.items():
            want, got = fields.get(name), found[letter].get(name)
            if want is not None and got == want:
                hits += 1
            elif want is not None and got is not None:
                wrong += 1
            elif got is not None:
                guessed += 1  # the letter does not hold this field
            elif want is not None:
                missed += 1
        precision = hits / (hits + wrong + guessed) if hits + wrong + guessed else 1.0
        recall = hits / (hits + wrong + missed) if hits + wrong + missed else 1.0
        table[name] = (precision, recall)
    return table


@pytest.fixture(scope="module")
def found():
    return {name: parse_reply((LETTERS / name).read_text(encoding="utf-8")).as_dict() for name in EXPECTED}


def test_the_corpus_is_large_and_varied():
    assert len(EXPECTED) >= 30
    assert {f.get("kind") for f in EXPECTED.values()} == {"npc", "cppcc"}
    assert any("category" not in f for f in EXPECTED.values())


def test_every_field_of_every_letter_is_found_and_nothing_is_guessed(found):
    table = score(found, EXPECTED)
    print(f"\n{len(EXPECTED)} letters, {len(FIELDS)} fields\n{'field':20} precision  recall")
    for name, (precision, recall) in table.items():
        print(f"{name:20} {precision:9.3f} {recall:7.3f}")
    wrong = {
        (letter, name): (found[letter].get(name), fields.get(name))
        for letter, fields in EXPECTED.items()
        for name in FIELDS
        if found[letter].get(name) != fields.get(name)
    }
    assert wrong == {}, "\n".join(f"{k}: got {g!r}, want {w!r}" for k, (g, w) in wrong.items())
    assert all(p == r == 1.0 for p, r in table.values())


def test_the_score_counts_a_guess_against_precision():
    table = score({"a": {"signer": "某某"}}, {"a": {}})
    assert table["signer"] == (0.0, 1.0)
