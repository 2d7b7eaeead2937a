"""Personal data in text the public sees: phone numbers are masked, whatever notation they use.

Letters arrive with numbers written every way people type them: `13911112222`, `139 0000 1234`,
`139-4444-5555`, full-width `１３９１１１１２２２２`, `+8613822223333`, `0086 139…`, `(0917)6219876`,
`０９１７－6219876`, `029-8625 0000`, `6219876` after "电话". The text is matched in a half-width
copy (one character for one, so positions carry over) and the numbers are cut from the original.

Document numbers (〔2023〕8号), index numbers (610300-11610304016006562W/2022-00084), amounts and
dates are not phones: a match must not touch a longer run of digits, letters or a slash, and
digits followed by a unit of money are left alone.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−－﹣"})

_SEP = r"[ \-]?"
_MOBILE = rf"1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}"
_LOCAL = rf"[2-9]\d{{2,3}}{_SEP}\d{{4}}"  # 7 or 8 digits, maybe split 3-4 / 4-4
_EXTENSION = r"(?:[ ]?(?:转|-|ext\.?|x)[ ]?\d{1,5})?"
_COUNTRY = r"(?:\+|00)[ ]?86[ \-]?|\(\+?86\)[ ]?"
_AREA = rf"(?:0\d{{2,3}}{_SEP}|\(0\d{{2,3}}\)[ ]?)"
_KEYWORD = r"(?:电话|手机|联系方式|传真|tel|phone)[.:： ]*"

_BEFORE = r"(?<![0-9a-z/])(?<!\d[.\-])"
_AFTER = r"(?![0-9a-z]|\.\d|[ ]?(?:元|万|亿|%))"

PHONE = re.compile(
    _BEFORE
    + rf"(?:(?:{_COUNTRY})?{_MOBILE}"  # mobile, with or without +86
    + rf"|(?:{_COUNTRY})(?:\d{{2,3}}{_SEP}|\(\d{{2,3}}\)[ ]?){_LOCAL}{_EXTENSION}"  # +86 29 8625 0000
    + rf"|{_AREA}{_LOCAL}{_EXTENSION})"  # 0917-6219876, (0917)6219876
    + _AFTER,
    re.IGNORECASE,
)
# A local number without area code is a phone only where the text says so ("电话：6219876").
KEYED_LOCAL = re.compile(rf"{_KEYWORD}(?P<number>{_LOCAL}{_EXTENSION}){_AFTER}", re.IGNORECASE)


def _half_width(text: str) -> str:
    """The text with full-width digits, letters and punctuation made half-width, one for one."""
    out = []
    for char in text:
        normal = unicodedata.normalize("NFKC", char)
        out.append(normal if len(normal) == 1 else char)
    return "".join(out).translate(DASHES).replace("\u3000", " ")


def find_phones(text: str) -> list[tuple[int, int]]:
    """Where phone numbers are in `text`, as (start, end) positions of the original text."""
    half = _half_width(text or "")
    spans = [m.span() for m in PHONE.finditer(half)] + [m.span("number") for m in KEYED_LOCAL.finditer(half)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask_phones(text: str, replacement: str | None = None) -> str:
    """`text` with every phone number replaced by a notice that it was removed."""
    if not text:
        return text
    spans = find_phones(text)
    if not spans:
        return text
    mark = _("（电话已隐去）") if replacement is None else replacement
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], mark]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
