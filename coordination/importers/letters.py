"""Reading a reply letter (复函) to a deputy's suggestion or a member's proposal into its parts.

Real letters arrive pasted from web pages or Word: full-width and half-width punctuation mixed,
spaces inside numbers, 〔〕/[]/【】 around years, labels spelled with spaces ("负 责 人："), and
page debris around them. A part that is not in the letter is reported missing (None), never guessed.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from xml.etree import ElementTree

from django.utils.translation import gettext as _

DEBRIS = re.compile(
    r"^(首页|当前位置|分享到|【?字体|打印本页|关闭窗口|发布时间|来源[:：]|浏览次数|上一篇|下一篇|扫一扫|【打印】|【关闭】)"
)
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CATEGORY = re.compile(r"类\s*别\s*[:：]\s*(?P<v>[ABC])\s*类?|^(?P<w>[ABC])\s*类$", re.M)
SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<v>\S+)")
DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{2,12})\s*[〔\[【(（]\s*(?P<year>\d{4})\s*[〕\]】)）]\s*(?P<n>\d+)\s*号"
)
TITLE = re.compile(
    r"^对(?P<session>.+?)\s*第\s*(?P<number>[A-Za-z]?\s*\d+)\s*号\s*(?P<word>建议|提案)的?(?:答复|复函)",
    re.M,
)
ADDRESSEE = re.compile(r"^(?:尊敬的)?(?P<name>[\u4e00-\u9fff·]{2,8}?)(?P<role>代表|委员)(?:同志)?\s*[:：]\s*$", re.M)
QUOTED_TITLE = re.compile(r"《(?P<v>[^》]+)》")
SECTION = re.compile(r"^[一二三四五六七八九十]+、.+$", re.M)
DATE = re.compile(
    r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$",
    re.M,
)
CONTACT = re.compile(r"联\s*系\s*人\s*[:：]\s*(?P<v>[\u4e00-\u9fff]{2,4})")
PHONE = re.compile(r"(?:电\s*话|联系电话)\s*[:：]\s*(?P<v>[\d\-－ ]{5,20}\d)")
RESPONSIBLE = re.compile(r"负\s*责\s*人\s*[:：]\s*(?P<v>[\u4e00-\u9fff]{2,4})")
HANDLER = re.compile(r"承\s*办\s*人\s*[:：]\s*(?P<v>[\u4e00-\u9fff]{2,4})")
COPIES = re.compile(r"抄\s*送\s*[:：]\s*(?P<v>.+?)[。.]?\s*$", re.M)
DISCLOSURE = {"主动公开": "proactive", "依申请公开": "on_request", "不予公开": "not_disclosed"}


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    return int("".join(str(CN_DIGITS[c]) for c in text))


@dataclass
class ParsedReply:
    category: str | None = None
    issuing_body: str | None = None
    signer: str | None = None
    doc_number: str | None = None
    session: str | None = None
    proposal_number: str | None = None
    kind: str | None = None
    addressee: str | None = None
    proposer_name: str | None = None
    proposer_role: str | None = None
    suggestion_title: str | None = None
    body: str | None = None
    sections: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    responsible_person: str | None = None
    handler: str | None = None
    copies_to: list[str] | None = None
    disclosure: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["sections"] = self.sections or None
        return data

    def missing_fields(self) -> list[str]:
        return [name for name, value in self.as_dict().items() if value in (None, [], "")]


def clean(text: str) -> str:
    """NFKC (full-width digits, letters and colons become half-width) and no page debris."""
    lines = []
    for line in unicodedata.normalize("NFKC", text).replace("\r", "").split("\n"):
        line = line.strip()
        if not DEBRIS.match(line):
            lines.append(line)
    return "\n".join(lines).strip()


def parse_reply(text: str) -> ParsedReply:
    text = clean(text)
    found = ParsedReply()
    if match := CATEGORY.search(text):
        found.category = match.group("v") or match.group("w")
    if match := SIGNER.search(text):
        found.signer = match.group("v")
    if match := DOC_NUMBER.search(text):
        found.doc_number = f"{match.group('prefix')}〔{match.group('year')}〕{match.group('n')}号"
        before = [
            line
            for line in text[: match.start()].splitlines()
            if line and not SIGNER.search(line) and not CATEGORY.search(line)
        ]
        if before and re.fullmatch(r"[\u4e00-\u9fff（）()]{4,40}", before[-1]):
            found.issuing_body = before[-1]
    title = TITLE.search(text)
    if title:
        found.session = re.sub(r"\s+", "", title.group("session"))
        found.proposal_number = re.sub(r"\s+", "", title.group("number")).lower()
        found.kind = "npc" if title.group("word") == "建议" else "cppcc"
    if match := ADDRESSEE.search(text):
        found.proposer_name, found.proposer_role = match.group("name"), match.group("role")
        found.addressee = f"{found.proposer_name}{found.proposer_role}"
        if found.kind is None:
            found.kind = "npc" if found.proposer_role == "代表" else "cppcc"
        start = match.end()
    else:
        start = title.end() if title else 0
    if match := QUOTED_TITLE.search(text, start):
        found.suggestion_title = match.group("v")
    dates = list(DATE.finditer(text))
    date = dates[-1] if dates else None  # the letter's own date is its last one
    if date:
        found.date = datetime.date(_cn_int(date.group("y")), _cn_int(date.group("m")), _cn_int(date.group("d")))
    body_end = date.start() if date else len(text)
    body_lines = [line for line in text[start:body_end].splitlines() if line]
    if body_lines and found.issuing_body and body_lines[-1] == found.issuing_body:
        body_lines.pop()
    found.body = "\n".join(body_lines) or None
    found.sections = SECTION.findall("\n".join(body_lines))
    tail = text[body_end:]
    for name, pattern in (("contact_person", CONTACT), ("responsible_person", RESPONSIBLE), ("handler", HANDLER)):
        if match := pattern.search(tail):
            setattr(found, name, match.group("v"))
    if match := PHONE.search(tail):
        found.contact_phone = re.sub(r"[\s－]", lambda m: "-" if m.group() == "－" else "", match.group("v"))
    if match := COPIES.search(tail):
        found.copies_to = [p.strip() for p in re.split(r"[,，、;；]", match.group("v")) if p.strip()]
    for words, value in DISCLOSURE.items():
        if re.search(rf"[(（]\s*此件{words}\s*[)）]", tail) or re.search(rf"公开方式\s*[:：]\s*{words}", text):
            found.disclosure = value
    return found


def extract_text(content: bytes, filename: str) -> str:
    """The text of an uploaded letter: .txt (UTF-8 or GB18030) or .docx (paragraphs of word/document.xml)."""
    name = filename.lower()
    if name.endswith(".txt"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValueError(_("无法识别“%(name)s”的编码，请另存为 UTF-8 文本。") % {"name": filename})
    if name.endswith(".docx"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                xml = archive.read("word/document.xml")
        except (zipfile.BadZipFile, KeyError) as error:
            raise ValueError(_("“%(name)s”不是有效的 Word (.docx) 文件。") % {"name": filename}) from error
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ElementTree.fromstring(xml)
        return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p"))
    raise ValueError(_("只能导入 .txt 或 .docx 文件：“%(name)s”。") % {"name": filename})
