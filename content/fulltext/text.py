"""Text normalisation and character bigrams, the same for indexing and for queries.

Chinese has no spaces between words, so the index stores every pair of neighbouring characters
(bigram). A query of n ≥ 2 characters becomes its n-1 bigrams, which must appear one after the
other: that is exactly "the text contains the query", whatever the words are.
"""

import re
import unicodedata

# Brackets around years are written 〔〕, [], ［］, 【】, () or （） in real documents: index them alike
# (NFKC has already made the full-width ones half-width, and ﹝﹞ into 〔〕).
BRACKETS = str.maketrans(
    {"[": "〔", "]": "〕", "【": "〔", "】": "〕", "〖": "〔", "〗": "〕", "(": "〔", ")": "〕", "〘": "〔", "〙": "〕"}
)
# Where a space inside a query is part of a document number, not between two terms: in and
# around a bracketed year (宝陈政办发 〔 2022 〕 45号), before 号 and after 第 (第 138 号).
YEAR = re.compile(r"〔\s*(\d{4})\s*〕")
NUMBER_GAP = re.compile(r"\s+(?=〔\d{4}〕)|(?<=\d{4}〕)\s+|(?<=\d)\s+(?=号)|(?<=第)\s+(?=\d)")


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


def query_terms(query: str) -> list[str]:
    """The normalised terms of a query: split at spaces, except spaces inside a document number."""
    unified = YEAR.sub(r"〔\1〕", unicodedata.normalize("NFKC", query).translate(BRACKETS))
    return [term for term in (normalise(piece) for piece in NUMBER_GAP.sub("", unified).split()) if term]


def token(pair: str) -> str:
    """A bigram as a plain ASCII word ("g" + hex code points), which every tokenizer keeps whole."""
    return "g" + "".join(f"{ord(c):x}" for c in pair)


def bigrams(normal: str) -> list[str]:
    return [normal[i : i + 2] for i in range(len(normal) - 1)]


def bigram_tokens(normal: str) -> list[str]:
    return [token(pair) for pair in bigrams(normal)]


def chunks(text: str, size: int, overlap: int) -> list[str]:
    """Cut long text into pieces that overlap, so a phrase across a cut is still in one piece."""
    if len(text) <= size:
        return [text] if text else []
    step = size - overlap
    return [text[start : start + size] for start in range(0, len(text) - overlap, step)]
