"""Text normalisation and character bigrams, the same for indexing and for queries.

Chinese has no spaces between words, so the index stores every pair of neighbouring characters
(bigram). A query of n ≥ 2 characters becomes its n-1 bigrams, which must appear one after the
other: that is exactly "the text contains the query", whatever the words are.
"""

import re
import unicodedata

# Brackets around years are written 〔〕, [], ［］ or 【】 in real documents: index them alike.
BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "〖": "〔", "〗": "〕"})
SPACE = re.compile(r"\s+")


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index it came from in `text`.

    NFKC turns full-width digits and letters into half-width ones; case is folded; brackets are
    unified; white space is dropped, so "第 138 号" and "第138号" are the same text.
    """
    out, origin = [], []
    for index, char in enumerate(text):
        for normal in unicodedata.normalize("NFKC", char).lower().translate(BRACKETS):
            if not normal.isspace():
                out.append(normal)
                origin.append(index)
    return "".join(out), origin


def normalise(text: str) -> str:
    return normalise_with_map(text)[0]


def token(pair: str) -> str:
    """A bigram as a plain ASCII word ("g" + hex code points), which every tokenizer keeps whole."""
    return "g" + "".join(f"{ord(c):x}" for c in pair)


def bigram_tokens(normal: str) -> list[str]:
    return [token(normal[i : i + 2]) for i in range(len(normal) - 1)]


def chunks(text: str, size: int, overlap: int) -> list[str]:
    """Cut long text into pieces that overlap, so a phrase across a cut is still in one piece."""
    if len(text) <= size:
        return [text] if text else []
    step = size - overlap
    return [text[start : start + size] for start in range(0, len(text) - overlap, step)]
