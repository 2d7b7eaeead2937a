"""Fitting text to the GB/T 9704 text block: headers on one line, titles broken evenly."""

import math
import unicodedata

TEXT_WIDTH_PT = 156 / 25.4 * 72  # the text block is 156 mm wide
TITLE_PT = 22  # 2号
ISSUER_MAX_PT = 36
_NO_LINE_START = set("，。、；：？！）》〕】」』”’·…—")
_NO_LINE_END = set("（《〔【「『“‘")
_COUNTED = set("次号届条款项类期")  # 第…次, 第56号: a number stays with its counter word


def width(text: str) -> float:
    """The width of `text` in ems: CJK and full-width characters 1, the rest ½."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def issuer_size(text: str) -> float:
    """The point size at which the issuer mark fills at most the text block's width on one line."""
    return round(min(ISSUER_MAX_PT, TEXT_WIDTH_PT / (width(text) + 0.5)), 1)


def title_lines(text: str, size: float = TITLE_PT) -> list[str]:
    """The title in lines of nearly equal length (梯形/菱形 as GB/T 9704 asks), none holding a
    lone character, no line beginning with closing punctuation or ending with opening."""
    per_line = math.floor(TEXT_WIDTH_PT / size)
    if width(text) <= per_line:
        return [text]
    count = math.ceil(width(text) / per_line)
    lines, rest = [], text
    for remaining in range(count, 1, -1):
        target = width(rest) / remaining
        lines.append(rest[: _break(rest, target, per_line)])
        rest = rest[len(lines[-1]) :]
    return [*lines, rest]


def _break(text: str, target: float, per_line: int) -> int:
    """Where to end a line near `target` ems: the best admissible position that fits."""
    best, best_score = None, math.inf
    for end in range(2, len(text) - 1):
        used = width(text[:end])
        if used > per_line:
            break
        score = abs(used - target)
        if text[end] in _NO_LINE_START or text[end - 1] in _NO_LINE_END:
            score += 100
        if text[end - 1] == "第" or text[end] in _COUNTED or (text[end - 1] + text[end]).isdigit():
            score += 50
        if text[end - 1] == "的" or text[end : end + 2] == "关于":
            score -= 0.6  # a natural pause
        if score < best_score:
            best, best_score = end, score
    return best or max(2, len(text) // 2)


def key_column_width(cells, size: float) -> float:
    """The width in pt a table's key column needs to keep its longest cell on one line."""
    return max((width(cell) for cell in cells), default=2) * size + 10
