"""The figures of a work summary (工作总结): households, persons and amounts, read from its text.

A pure function of the text (no Django), so it is measured on a corpus of summaries
(tests/content/report_figures). It proposes, the editor decides: a number that could be read two
ways is flagged with the reason, never charted, and a figure whose subject cannot be told has an
empty `what` for the editor to fill in rather than a guessed one.

Money is given in 万元, whatever the text used (元, 万元, 亿元); `original` keeps what it said.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import cn2an

HOUSEHOLDS, PERSONS, PERSON_TIMES, TEN_THOUSAND_YUAN = "户", "人", "人次", "万元"


class Reason:
    """Why a number was not proposed."""

    GARBLED = "garbled"  # 1,2,34户, l23户, 1２3户, 3.5户
    APPROXIMATE = "approximate"  # 约, 近, 余, 多, 左右, 以上
    RANGE = "range"  # 3-5万元
    PERCENTAGE = "percentage"  # 12.5%, 3个百分点
    DATE = "date"  # 2026年6月
    DOC_NUMBER = "doc_number"  # 〔2026〕3号
    RATE = "rate"  # 每人每月780元, 人均
    CHANGE = "change"  # 比上年增加320户
    NO_UNIT = "no_unit"  # 资金120万


@dataclass(frozen=True)
class Figure:
    what: str  # the noun phrase before the figure; "" when it cannot be told
    value: Decimal  # in `unit`
    unit: str  # HOUSEHOLDS, PERSONS, PERSON_TIMES or TEN_THOUSAND_YUAN
    original: str  # the figure as written, e.g. "3,256,800元"
    sentence: str


@dataclass(frozen=True)
class Flag:
    text: str
    reason: str
    sentence: str


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
DIGIT = "0-9０-９"
CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL = f"[{CN_DIGITS}十百千万亿]+"
# Letters OCR takes for digits (l→1, O→0) are part of a token, so that the token is flagged.
DIGIT_TOKEN = f"(?<![A-Za-z])[{DIGIT}lIOo](?:[{DIGIT}lIOo.．,，。]|[ ](?=[{DIGIT}]{{3}}(?![{DIGIT}])))*"
HAS_DIGIT = re.compile(f"[{DIGIT}]")
MIXED_NUMERAL = f"[{DIGIT}]+(?:[十百千][{DIGIT}]+)+[十百千]?"  # 2千3百: flagged, never read
NUMBER = f"(?:{MIXED_NUMERAL}|{DIGIT_TOKEN}|{CN_NUMERAL})"
DASH = "-–—~～至到"

FIGURE = re.compile(
    rf"(?P<num>{NUMBER})(?P<range>\s*[{DASH}]\s*{NUMBER})?\s?"
    r"(?P<mult>[千万亿])?(?P<approx>余|多)?(?P<mult2>[万亿])?\s?"
    r"(?P<unit>人次|户(?![籍口型主])|人(?![员民口])|名(?![单称额次])|元(?!旦))"
)
PERCENT = re.compile(
    rf"(?:百分之{NUMBER}|{NUMBER}(?:\s*[{DASH}]\s*{NUMBER})?\s*(?:%|％|‰|个百分点|成(?=[，。；、]|$)))"
)
YEAR = rf"(?:[{DIGIT}]{{4}}|[{CN_DIGITS}]{{4}})\s*年(?:[上下]半年|度)?"
MONTH = rf"[{DIGIT}]{{1,2}}\s*(?:[{DASH}]\s*[{DIGIT}]{{1,2}}\s*)?月(?:份|底|末|初)?"
DAY = rf"[{DIGIT}]{{1,2}}\s*日"
DATE = re.compile(rf"{YEAR}(?:{MONTH})?(?:{DAY})?|{MONTH}(?:{DAY})?")
DOC_NUMBER = re.compile(rf"[〔\[【（(]\s*[{DIGIT}]{{4}}\s*[〕\]】）)]\s*第?\s*[{DIGIT}]+\s*号|第\s*[{DIGIT}]+\s*号")
UNCLEAR = re.compile(rf"{DIGIT_TOKEN}\s?[万亿](?![元户人名千万亿])")

APPROX_BEFORE = ("约", "近", "逾", "超过", "超", "大约", "不足", "不到", "不少于", "不低于")
VAGUE_MAGNITUDE = ("上", "数", "几", "成")  # 上万人, 数千户, 成百上千
APPROX_AFTER = ("左右", "以上", "以下", "上下", "之多")
CHANGE_ENDING = re.compile(r"(?:增加|减少|增长|下降|提高|降低|净增|净减|多出|少了)了?$")
RATE_WORDS = ("每人", "每户", "每月", "每年", "每名", "人均", "户均", "标准", "平均")
LEADING = (
    "其中", "全区", "全县", "全市", "全镇", "全年", "今年", "目前", "截至", "截止", "以来", "现有", "共有", "共计",
    "合计", "累计", "总计", "另有", "上半年", "下半年", "年内", "本年", "当年", "此外", "同时", "发放", "支出",
    "拨付", "投入", "下达", "筹集", "安排", "兑现",
    "落实", "争取", "实施", "开展", "完成", "惠及", "覆盖", "涉及", "达到", "为", "向", "对", "给予", "共", "有",
    "已", "并", "另", "还", "底", "末", "止", "和", "及", "与", "的", "我区", "本区", "，",
)  # fmt: skip
TRAILING = (
    "共计", "合计", "累计", "总计", "共有", "达到", "惠及", "覆盖", "涉及", "共", "达", "为", "计", "有", "是", "的",
)  # fmt: skip
# Verbs inside a phrase: the noun phrase is what follows the last one (上半年累计发放低保金 → 低保金).
INNER_VERB = re.compile(r"^.*(?:累计|共计|合计|总计|共有|发放|支出|拨付|投入|下达|筹集|募集|兑现|纳入|发现)(?=.)")
LIST_NUMBER = re.compile(rf"^\s*(?:[（(][{DIGIT}一二三四五六七八九十]+[)）]|[{DIGIT}一二三四五六七八九十]+[、.．])\s*")
CLAUSE_END = "，,：:、（）()；;|\t　"  # not quotes: “一站式”结算 is one phrase
MAX_WHAT = 16
SENTENCE = re.compile(r"(?:[^。！？；\n]|(?<=\d)。(?=\d))+[。！？；]?")
CELL_SPLIT = re.compile(r"\t|[ 　]{2,}|\s*\|\s*")


def extract_figures(text: str) -> Extraction:
    """The figures in `text`, and every number that looked like one but could not be charted."""
    result = Extraction()
    columns = None  # the units of the table being read, from its header row
    for line in text.splitlines():
        cells = [c.strip() for c in CELL_SPLIT.split(line.strip()) if c.strip()]
        header = _header_units(cells)
        if header:
            columns = header
        elif columns and len(cells) == len(columns) and _number(cells[0]) is None:
            _read_row(cells, columns, line.strip(), result)
        else:
            columns = None
            for match in SENTENCE.finditer(line):
                _read_sentence(match.group().strip(), result)
    return result


def _read_sentence(sentence: str, result: Extraction) -> None:
    masked: list[tuple[int, int]] = []
    for pattern, reason in ((DOC_NUMBER, Reason.DOC_NUMBER), (DATE, Reason.DATE), (PERCENT, Reason.PERCENTAGE)):
        for match in pattern.finditer(sentence):
            if not _overlaps(match.span(), masked):
                masked.append(match.span())
                result.flags.append(Flag(match.group(), reason, sentence))
    for match in UNCLEAR.finditer(sentence):
        if not _overlaps(match.span(), masked):
            masked.append(match.span())
            result.flags.append(Flag(match.group(), Reason.NO_UNIT, sentence))
    previous: tuple[int, Figure] | None = None
    for match in FIGURE.finditer(sentence):
        if _overlaps(match.span(), masked):
            continue
        figure_or_reason = _figure(sentence, match, masked, previous)
        if figure_or_reason is None:
            continue
        if isinstance(figure_or_reason, Figure):
            result.figures.append(figure_or_reason)
            previous = (match.end(), figure_or_reason)
        else:
            result.flags.append(Flag(match.group().strip(), figure_or_reason, sentence))
            masked.append(match.span())


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _not_a_figure(sentence: str, match: re.Match) -> bool:
    """一户一档, 千家万户, 第十二名: a phrase or an ordinal, not a figure; OCR letters with no digit."""
    number, start = match["num"], match.start()
    if start and sentence[start - 1] == "第":
        return True
    if re.fullmatch(CN_NUMERAL, number):
        return len(number) < 2 or not re.search(f"[{CN_DIGITS}十]", number)
    return not HAS_DIGIT.search(number)


def _figure(sentence: str, match: re.Match, masked, previous) -> Figure | str | None:
    start, end = match.span()
    before = sentence[max(0, start - 4) : start].strip()
    after = sentence[end : end + 2]
    if re.fullmatch(CN_NUMERAL, match["num"]) and before.endswith(VAGUE_MAGNITUDE):
        return Reason.APPROXIMATE
    if _not_a_figure(sentence, match):
        return None
    if match["approx"] or before.endswith(APPROX_BEFORE) or after.startswith(APPROX_AFTER):
        return Reason.APPROXIMATE
    if match["range"]:
        return Reason.RANGE
    multiplier = _multiplier(match["mult"], match["mult2"])
    number = _number(match["num"])
    if number is None or multiplier is None:
        return Reason.GARBLED
    boundary = _clause_start(sentence, start, masked, previous)
    phrase = sentence[boundary:start]
    clause = sentence[_clause_start(sentence, start, [], None) : start]  # 人均…512元和358元: both rates
    if any(word in clause for word in RATE_WORDS) or after.startswith(("/", "每")):
        return Reason.RATE
    if CHANGE_ENDING.search(phrase.strip()):
        return Reason.CHANGE
    unit, value = _in_unit(match["unit"], number * multiplier)
    if unit != TEN_THOUSAND_YUAN and value != value.to_integral_value():
        return Reason.GARBLED  # 3.5户: a count is whole
    what = _what(sentence, boundary, start, unit, previous)
    return Figure(what=what, value=value, unit=unit, original=match.group().strip(), sentence=sentence)


def _multiplier(*parts: str | None) -> Decimal | None:
    factors = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
    given = [p for p in parts if p]
    if len(given) > 1:
        return None
    return factors[given[0]] if given else Decimal(1)


def _number(token: str) -> Decimal | None:
    """The number a token says, or None when it could be read more than one way."""
    if re.fullmatch(CN_NUMERAL, token):
        try:
            return Decimal(str(cn2an.cn2an(token, "normal")))
        except (ValueError, KeyError, IndexError, InvalidOperation):
            return None
    full = re.search("[０-９]", token) is not None
    if full and re.search("[0-9]", token):
        return None  # full-width and ASCII digits in one number: typed or scanned wrongly
    if full and "," in token or not full and "，" in token:
        return None  # a comma of the other width: 3，250 may be a list as well as a number
    plain = token.translate(FULL_WIDTH)
    if re.search(r"[^0-9.,]", plain):
        return None  # OCR letters, 。 or a space inside the number
    if "," in plain and not re.fullmatch(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", plain):
        return None  # 1,2,34
    plain = plain.replace(",", "")
    if plain.count(".") > 1 or plain.startswith(".") or plain.endswith("."):
        return None
    if len(plain) > 1 and plain.startswith("0") and not plain.startswith("0."):
        return None
    return Decimal(plain)


def _in_unit(written: str, value: Decimal) -> tuple[str, Decimal]:
    if written == "元":
        return TEN_THOUSAND_YUAN, value / Decimal(10_000)
    if written == "名":
        return PERSONS, value
    return written, value


def _clause_start(sentence: str, start: int, masked, previous) -> int:
    boundary = max((i + 1 for i in range(start) if sentence[i] in CLAUSE_END), default=0)
    boundary = max([boundary, *(end for _s, end in masked if end <= start)])
    if previous:
        boundary = max(boundary, previous[0])
    return boundary


def _strip(phrase: str) -> str:
    """The phrase without the words around a figure that are not what it counts (共有, 累计, 达到)."""
    phrase = _strip_fillers(LIST_NUMBER.sub("", phrase.strip()))
    phrase = _strip_fillers(INNER_VERB.sub("", phrase))
    return "" if phrase in LEADING else phrase


def _strip_fillers(phrase: str) -> str:
    while phrase:
        leading = next((w for w in LEADING if phrase.startswith(w) and len(phrase) > len(w)), None)
        trailing = next((w for w in TRAILING if phrase.endswith(w)), None)
        if leading:
            phrase = phrase[len(leading) :].strip()
        elif trailing:
            phrase = phrase[: -len(trailing)].strip()
        else:
            break
    return phrase


def _what(sentence: str, boundary: int, start: int, unit: str, previous) -> str:
    """The noun phrase the figure counts; the previous figure's when only joining words stand between."""
    if "分别" in sentence[:start]:
        return ""  # 城市和农村分别为1200户和2050户: which is which is not for us to guess
    what = _strip(sentence[boundary:start])
    if not what and previous:
        prior_end, prior = previous
        between = sentence[prior_end:start]
        bare = not between.strip(" 　、，,（()和及与")
        same_kind = (prior.unit == TEN_THOUSAND_YUAN) == (unit == TEN_THOUSAND_YUAN)
        return prior.what if bare or (same_kind and not _strip(between)) else ""
    if not what and boundary and sentence[boundary - 1] in "：:":
        head = sentence[: boundary - 1]
        what = LIST_NUMBER.sub("", head[max((i + 1 for i, c in enumerate(head) if c in CLAUSE_END), default=0) :])
    return what if len(what) <= MAX_WHAT else ""


def _read_row(cells: list[str], columns: list, row: str, result: Extraction) -> None:
    """A row under a header that names units (户数, 人数, 金额（万元）): each cell a figure of its row."""
    what = LIST_NUMBER.sub("", cells[0])
    for cell, column in zip(cells[1:], columns[1:], strict=True):
        _read_cell(cell, column, what, row, result)


def _header_units(cells: list[str]) -> list | None:
    if len(cells) < 2 or any(HAS_DIGIT.search(cell) for cell in cells):
        return None
    columns = [_column_unit(cell) for cell in cells]
    return columns if columns[0] is None and any(isinstance(c, tuple) for c in columns[1:]) else None


def _column_unit(cell: str) -> tuple[str, Decimal] | str | None:
    if any(mark in cell for mark in ("%", "％", "比", "率")):
        return Reason.PERCENTAGE
    for word, unit in (
        ("亿元", ("元", Decimal(100_000_000))),
        ("万元", ("元", Decimal(10_000))),
        ("元", ("元", Decimal(1))),
        ("人次", (PERSON_TIMES, Decimal(1))),
        ("户", (HOUSEHOLDS, Decimal(1))),
        ("人", (PERSONS, Decimal(1))),
    ):
        if word in cell:
            return unit
    return None


def _read_cell(cell: str, column, what: str, row: str, result: Extraction) -> None:
    if cell in ("-", "—", "/", "") or column is None:
        return
    if isinstance(column, str):
        result.flags.append(Flag(cell, column, row))
        return
    number = _number(cell)
    if number is None:
        result.flags.append(Flag(cell, Reason.GARBLED, row))
        return
    unit, value = _in_unit(column[0], number * column[1])
    result.figures.append(Figure(what=what, value=value, unit=unit, original=cell, sentence=row))
