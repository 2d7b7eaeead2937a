"""What each line of a reply letter is: page debris, a header part, a body line, or a tail label.

Lines are recognised on their NFKC form (full-width digits, letters, colons and brackets as
half-width) while the parser keeps the line as written, so the body's official punctuation
(`，：（）`) survives. Labels may be letter-spaced (`负 责 人：`), so every label pattern allows
spaces between its characters.
"""

import re

from .text import HAN_NUMERALS, make_date, nfkc

HAN = r"\u4e00-\u9fff"
GAP = r"[ \t]*"


def label(word: str) -> str:
    """A label that may be written with spaces between its characters: 负 责 人."""
    return GAP.join(word)


WEB_DEBRIS = re.compile(
    r"分享到|字号|字体|打印本页|打印此页|【打印】|【关闭】|关闭窗口|浏览次数|阅读次数|访问次数|点击数|"
    r"当前位置|您的位置|您现在的位置|上一篇|下一篇|扫一扫|返回顶部|收藏本页|发布时间|信息来源|"
    r"^来源[:：]|责任编辑|版权所有|网站标识码|ICP备|技术支持|^首页|网站首页|^[|｜>»\s]+$|相关链接|^索引号|^发布机构|^名称[:：]|"
    r"^发布日期|^[-—–_*=\s]{3,}$"
)
# Page furniture a printed or PDF letter leaves between its lines: - 1 -, — 2 —, 第 1 页 共 2 页, 1/3.
PAGE_COUNTER = re.compile(
    r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页$|^\d{1,3}\s*/\s*\d{1,3}$"
)
NAVIGATION = re.compile(r"^[^:：。，,]{1,12}(?:\s*[|｜>»]\s*[^:：。，,]{1,12}){2,}$")
MARKDOWN = re.compile(r"\*\*|__|^#{1,6}\s*|^>\s*|^[-*+]\s+(?=\S)|^\*|\*$|\\(?=[*_#>\[\]])")
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()]*\))?[^()\s]*\)")

OPEN, CLOSE = r"[(\[【〔]", r"[)\]】〕]"
CATEGORY = re.compile(
    rf"^{OPEN}?{GAP}(?:(?:{label('答复')})?{label('类别')}{GAP}[:：]?{GAP})?{OPEN}?{GAP}(?P<v>[ABC]){GAP}(?P<suffix>类)?{GAP}{CLOSE}?{GAP}{CLOSE}?$"
)
# A person's name, 2 to 5 characters, maybe letter-spaced as official documents write short names (王　强).
NAME = rf"(?P<v>[{HAN}·](?:[ \t]?[{HAN}·]){{1,4}}?)"
SIGNER = re.compile(rf"{label('签发人')}{GAP}[:：]{GAP}{NAME}(?=[^{HAN}·]|$)")
DOC_NUMBER = re.compile(
    rf"(?P<prefix>[{HAN}](?:[ \t]+[{HAN}]){{1,13}}|[{HAN}]{{2,14}}){GAP}"  # 陈民函 or letter-spaced 陈 民 函
    rf"[\[(【〔〈]{GAP}(?P<year>\d{{4}}){GAP}[\])】〕〉]{GAP}(?P<n>\d{{1,5}}){GAP}号"
)
DOC_NUMBER_LABEL = re.compile(rf"^{label('文号')}{GAP}[:：]")
SESSION_WORDS = rf"[{HAN}\d]*?(?:会议|大会|人代会|两会)"
# The session as the title names it: 区第十八届人大第二次会议, 市政协十五届三次会议, 2026年县人代会.
SESSION = (
    rf"[^\s第对]{{0,10}}?第?{GAP}[{HAN_NUMERALS}\d]+{GAP}届{SESSION_WORDS}"
    rf"|[^\s第对]{{0,10}}?\d{{4}}年[{HAN}]{{0,10}}?(?:{SESSION_WORDS}|政协|人大)"
)
TITLE = re.compile(
    rf"^(?:(?P<head>.*?)(?:关于对|关于|对))?{GAP}(?P<session>{SESSION})"
    rf"{GAP}第?{GAP}(?P<number>[A-Za-z]{{0,3}}{GAP}-?{GAP}\d{{1,8}}){GAP}号{GAP}(?:代表|委员)?{GAP}(?P<word>建议|提案)"
)
ADDRESSEE = re.compile(
    rf"^(?:尊敬的)?{GAP}(?P<name>[{HAN}·]{{2,6}}?(?:[、,，][{HAN}·]{{2,6}}?)*(?:等[\d{HAN_NUMERALS}]+[位名人])?){GAP}(?P<role>代表|委员)(?:同志)?{GAP}[:：]{GAP}(?P<rest>.*)$"
)
QUOTED_TITLE = re.compile(r"《(?P<v>[^《》]+)》")
ORG = re.compile(
    rf"^(?!对|关于|抄送|此件)[{HAN}()]{{3,30}}?"
    r"(?:局|委员会|委|办公室|政府|部|院|中心|厅|处|会|联|支行|分行|公司|所|站|大队|署|社|团|馆)$"
)
DATE = re.compile(
    rf"(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}}){GAP}年{GAP}(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){GAP}月"
    rf"{GAP}(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,4}}){GAP}日"
    rf"|(?P<iy>\d{{4}})[-./](?P<im>\d{{1,2}})[-./](?P<id>\d{{1,2}})"
)
NAME_AFTER = rf"{GAP}[:：]?{GAP}{NAME}(?=[^{HAN}·]|电话|联系|手机|$)"
PEOPLE = {
    "contact_person": re.compile(rf"{label('联系人')}{NAME_AFTER}"),
    "responsible_person": re.compile(rf"{label('负责人')}{NAME_AFTER}"),
    "handler": re.compile(rf"(?:{label('承办人')}|{label('经办人')}){NAME_AFTER}"),
}
PHONE = re.compile(
    rf"(?:{label('联系电话')}|{label('电话')}|{label('手机')}|{label('联系方式')}){GAP}[:：]?{GAP}"
    r"(?P<v>\d[\d\-— ]{4,20}\d)"
)
COPIES = re.compile(rf"^{label('抄送')}{GAP}[:：]{GAP}(?P<v>.*)$")
DISCLOSURE_WORDS = {"主动公开": "proactive", "依申请公开": "on_request", "不予公开": "not_disclosed"}
DISCLOSURE = re.compile(
    rf"^{OPEN}?\s*(?:此件|本件)?\s*(?:{label('公开')}(?:{label('方式')}|{label('属性')}){GAP}[:：])?{GAP}"
    rf"(?P<v>主动公开|依申请公开|不予公开)\s*{CLOSE}?\s*$"
)
TAIL_LABEL = re.compile(
    rf"^[(\[【]?{GAP}(?:{label('联系人')}|{label('联系电话')}|{label('电话')}|{label('负责人')}|"
    rf"{label('承办人')}|{label('经办人')}|{label('抄送')}|{label('签发人')}){GAP}[:：]"
)
HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十]+[、，,部分])"
)
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
SEAL = re.compile(r"^\s*[(（]?(?:印章|盖章|公章|章)[)）]?\s*$|^\s*$")
SENTENCE_END = '。！？!?；;：:…”"』」.'


def key(line: str) -> str:
    """The form a line is recognised on."""
    return nfkc(line).strip()


def strip_markdown(line: str) -> str:
    line = MARKDOWN_LINK.sub(r"\1", line.strip(" \t\u3000\xa0\u200b\ufeff"))
    return MARKDOWN.sub("", line).strip(" \t\u3000\xa0")


def is_debris(line: str) -> bool:
    k = key(line)
    if PAGE_COUNTER.match(k):
        return True
    return bool(k) and (bool(WEB_DEBRIS.search(k)) or bool(NAVIGATION.match(k))) and "。" not in k


def date_of(text: str):
    """(matched, date) for the first date written in `text`: date is None when it does not exist."""
    match = DATE.search(key(text))
    if not match:
        return None, None
    if match.group("iy"):
        return match, make_date(match.group("iy"), match.group("im"), match.group("id"))
    return match, make_date(match.group("y"), match.group("m"), match.group("d"))


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else, or an issuing body then its date."""
    match, _ = date_of(line)
    if not match:
        return False
    before = re.sub(r"\s+", "", key(line)[: match.start()])
    after = SEAL.sub("", key(line)[match.end() :])
    return not after and (not before or bool(ORG.match(before)))


def is_heading(line: str) -> bool:
    """A numbered heading standing alone; a numbered paragraph (with commas) is not one."""
    return bool(HEADING.match(line)) and len(line) <= 40 and "，" not in line


def spaceless(line: str) -> str:
    return re.sub(r"\s+", "", key(line))


def is_org(line: str) -> bool:
    return bool(ORG.match(re.sub(r"\s+", "", key(line))))


def is_tail_start(line: str) -> bool:
    k = key(line)
    return is_date_line(line) or bool(TAIL_LABEL.match(k)) or bool(DISCLOSURE.match(k))


def doc_number_of(line: str) -> tuple[str | None, str | None]:
    """(the letter's own 文号, an issuing body on the same line) when the line is a number line.

    A number inside a sentence is a document the letter cites, never its own: the line must hold
    nothing but the number, a 签发人 part, a `文号：` label, or the issuing body before it.
    """
    k = key(line)
    match = DOC_NUMBER.search(k)
    if not match:
        return None, None
    rest = SIGNER.sub("", k[: match.start()] + " " + k[match.end() :])
    rest = re.sub(r"\s+", "", DOC_NUMBER_LABEL.sub("", rest.strip()))
    prefix = re.sub(r"\s+", "", match.group("prefix"))
    if rest and not ORG.match(rest):
        return None, None
    return f"{prefix}〔{match.group('year')}〕{int(match.group('n'))}号", rest or None
