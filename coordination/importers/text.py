"""Small readers shared by the importers: Chinese numerals, dates and document numbers as written.

Each one answers a value or None; an impossible value (a 13th month, 30 February) is None, never an
exception, so a parser can report the field as invalid instead of crashing on it.
"""

import datetime
import re
import unicodedata

import cn2an

YEAR_DIGITS = str.maketrans("〇○零ＯO一二三四五六七八九", "00000123456789")
HAN_NUMERALS = "〇○零一二三四五六七八九十百"


def nfkc(text: str) -> str:
    """Full-width digits, letters, colons and brackets as half-width; for matching, never for output."""
    return unicodedata.normalize("NFKC", text)


def cn_number(text: str) -> int | None:
    """A counting numeral as written in a document: 7, 十一, 二十七 (not 二二, not 十十)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "strict"))
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def cn_year(text: str) -> int | None:
    """A year written digit by digit: 2023, 二〇二三, 二○二三."""
    digits = nfkc(text).strip().translate(YEAR_DIGITS)
    return int(digits) if re.fullmatch(r"\d{4}", digits) else None


def make_date(year: str, month: str, day: str) -> datetime.date | None:
    """The date written with these parts, or None when it does not exist (2026年13月1日, 2022-02-30)."""
    parts = cn_year(year), cn_number(nfkc(month)), cn_number(nfkc(day))
    if None in parts:
        return None
    try:
        return datetime.date(*parts)
    except (ValueError, OverflowError):
        return None


def normalise_doc_number(text: str) -> str:
    """宝陈政办发[2022] 45 号 → 宝陈政办发〔2022〕45号."""
    text = re.sub(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]", r"〔\1〕", nfkc(text))
    return re.sub(r"\s+", "", text)
