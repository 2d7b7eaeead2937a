"""Requests for government information (依申请公开) in every state the office meets.

Each is filed through the public form's service and handled through the office's, then its
dates are moved back to the story's (the services stamp today): new requests, one waiting for its
correction and one whose correction is overdue, one corrected, one extended, one overdue, answers
of each main kind, and one carried over from last year and answered in January.
"""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from .. import services
from ..models import DisclosureNotice, DisclosureRequest, DocumentNumberSequence
from ..numbering import serial_take
from ..services.disclosure_requests import LETTER_SERIES, NUMBER_SERIES
from ..workdays import add_workdays
from .common import Progress

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (name, kind, organisation kind, what is asked, received days ago)
APPLICANTS = {
    "new": ("刘桂芳", "natural", "", "本区2026年城乡低保保障标准调整的文件", 2),
    "new_company": (
        "宝鸡市秦川康养服务有限公司",
        "organisation",
        "business",
        "养老服务机构运营补贴的申报条件和审核结果",
        6,
    ),
    "correction": ("陈建国", "natural", "", "我村低保评议的相关材料", 10),
    "correction_late": ("马小红", "natural", "", "有关救助的所有文件", 40),
    "corrected": ("张卫东", "natural", "", "临时救助审批流程的规定", 20),
    "extended": ("陕西正衡律师事务所", "organisation", "legal", "2023年至2025年特困人员供养资金的使用情况", 30),
    "overdue": ("李秀英", "natural", "", "残疾人两项补贴的发放标准", 35),
    "granted": ("王建平", "natural", "", "社会救助工作联席会议成员单位名单和职责", 60),
    "partial": ("西北农林社会政策研究所", "organisation", "research", "本区低保对象的年龄和致贫原因统计", 55),
    "withheld": ("赵律师事务所", "organisation", "legal", "区民政局内部讨论低保标准的会议记录", 50),
    "referral": ("孙丽", "natural", "", "城乡居民医疗救助的报销明细", 45),
    "petition": ("周志强", "natural", "", "投诉村干部在低保评议中优亲厚友", 42),
}


def _file(key: str, name: str, kind: str, org: str, description: str, days: int) -> DisclosureRequest:
    request, _secret = services.disclosure_request_submit(
        applicant_kind=kind,
        organisation_kind=org,
        applicant_name=name,
        contact_phone="13800000000",
        contact_address="陈仓区虢镇",
        description=description,
        delivery=DisclosureRequest.Delivery.PAPER,
        receipt=DisclosureRequest.Receipt.POST,
        identity_document=ContentFile(PNG, name="identity.png"),
    )
    return _received(request, timezone.localdate() - datetime.timedelta(days=days))


def _received(request: DisclosureRequest, day: datetime.date) -> DisclosureRequest:
    """Move the receipt to `day`: the clock starts then, as if the request had arrived that day."""
    deadline = add_workdays(day, 20)
    DisclosureRequest.objects.filter(pk=request.pk).update(received_on=day, clock_started_on=day, deadline=deadline)
    request.refresh_from_db()
    return request


def _move(request: DisclosureRequest, **dates) -> None:
    DisclosureRequest.objects.filter(pk=request.pk).update(**dates)
    request.refresh_from_db()


def _answer(office, request, days_ago: int, **answer) -> None:
    services.disclosure_request_answer(actor=office, request=request, **answer)
    _move(request, answered_on=timezone.localdate() - datetime.timedelta(days=days_ago))


def _file_last_year(name, kind, org, description, received: datetime.date) -> DisclosureRequest:
    """A request of last year. Filed today, it took this year's last serial: number it in last
    year's series and give the serial back, so this year's series keeps no gap."""
    request = _file("last-year", name, kind, org, description, 0)
    pattern = settings.PORTAL_DISCLOSURE_NUMBER_PATTERN
    _move(request, number=pattern.format(year=received.year, serial=serial_take(NUMBER_SERIES, received.year)))
    this_year = timezone.localdate().year
    DocumentNumberSequence.objects.filter(series=NUMBER_SERIES, year=this_year).update(last=F("last") - 1)
    return _received(request, received)


def _carried_over(office) -> None:
    """Received last December, answered in January: the annual report's 上年结转."""
    today = timezone.localdate()
    request = _file_last_year(
        "高志远", "natural", "", "上一年度城乡低保资金的分配结果", datetime.date(today.year - 1, 12, 22)
    )
    _answer(
        office,
        request,
        max((today - datetime.date(today.year, 1, 12)).days, 0),
        outcome="granted",
        answer_text="上一年度低保资金分配结果见附件。",
        attachments=[ContentFile(PDF, name="分配结果.pdf")],
    )


# Last year's requests, answered within last year: what its published annual report counts.
# (name, kind, organisation kind, what is asked, received (month, day), answered after days, answer)
LAST_YEAR = [
    ("韩秀兰", "natural", "", "本镇临时救助的申请条件", (2, 17), 9, {"outcome": "granted"}),
    ("杨振华", "natural", "", "特困人员供养标准的调整文件", (3, 4), 12, {"outcome": "granted"}),
    (
        "宝鸡市惠民养老服务中心",
        "organisation",
        "public_interest",
        "养老机构接收特困人员的补助标准",
        (3, 26),
        15,
        {"outcome": "granted"},
    ),
    ("刘卫国", "natural", "", "我家低保被取消的审核意见", (4, 8), 18, {"outcome": "partial", "reason": "third_party"}),
    (
        "陕西秦风律师事务所",
        "organisation",
        "legal",
        "近三年低保复核的抽查结果",
        (5, 12),
        33,
        {"outcome": "partial", "reason": "process_info"},
    ),
    (
        "黄丽娟",
        "natural",
        "",
        "联席会议研究救助政策的会议纪要讨论稿",
        (6, 3),
        14,
        {"outcome": "withheld", "reason": "process_info"},
    ),
    (
        "宝鸡文理学院社会工作研究中心",
        "organisation",
        "research",
        "全区救助对象按年龄段的分布情况",
        (7, 21),
        19,
        {"outcome": "unavailable", "reason": "needs_making"},
    ),
    (
        "吴建军",
        "natural",
        "",
        "城乡医疗救助的定点医院目录",
        (8, 5),
        8,
        {"outcome": "unavailable", "reason": "not_held", "referral_body": "陈仓区医疗保障局"},
    ),
    (
        "郑玉梅",
        "natural",
        "",
        "低保标准调整的文件（已于上月申请并获答复）",
        (9, 15),
        6,
        {"outcome": "not_processed", "reason": "repeated"},
    ),
    (
        "宝鸡市陈仓区德惠商贸有限公司",
        "organisation",
        "business",
        "公益性岗位补贴的发放名单",
        (10, 20),
        16,
        {"outcome": "withheld", "reason": "third_party"},
    ),
    ("冯志刚", "natural", "", "本村救助评议的所有材料", (11, 3), 26, {"outcome": "other", "reason": "no_correction"}),
]
ANSWERS = {
    "granted": "所申请的信息见附件。",
    "partial": "可以公开的部分见附件；其余部分依法不予公开，理由见答复书。",
    "withheld": "所申请的信息依法不予公开，理由见答复书。",
    "unavailable": "本机关未制作或保存所申请的信息。",
    "not_processed": "您此前已就同一内容提出申请并获答复，本次不再重复处理。",
}


def _last_year(office) -> None:
    year = timezone.localdate().year - 1
    for name, kind, org, description, (month, day), days, answer in LAST_YEAR:
        received = datetime.date(year, month, day)
        request = _file_last_year(name, kind, org, description, received)
        if days > 28:  # beyond 20 working days: extended first
            services.disclosure_request_extend(
                actor=office, request=request, workdays=10, reason="需要调取多个年度的档案"
            )
            _move(request, extended_on=received + datetime.timedelta(days=20))
        if answer["outcome"] == "other":  # asked to correct, never did: closed as 逾期不补正
            asked = received + datetime.timedelta(days=3)
            services.disclosure_request_ask_correction(
                actor=office, request=request, text="请写明需要的材料名称和年份。"
            )
            _move(request, correction_requested_on=asked, correction_due=add_workdays(asked, 15))
            services.disclosure_request_close_uncorrected(actor=office, request=request)
        else:
            files = [ContentFile(PDF, name="答复材料.pdf")] if answer["outcome"] in ("granted", "partial") else []
            services.disclosure_request_answer(
                actor=office, request=request, answer_text=ANSWERS[answer["outcome"]], attachments=files, **answer
            )
        _move(request, answered_on=received + datetime.timedelta(days=days))
        if request.letter_number:
            _letter_of_year(request, year)


def _letter_of_year(request: DisclosureRequest, year: int) -> None:
    """Answered today, the letter took this year's last number: number it in `year`'s series instead."""
    pattern = settings.PORTAL_DISCLOSURE_LETTER_PATTERN
    _move(request, letter_number=pattern.format(year=year, serial=serial_take(LETTER_SERIES, year)))
    this_year = timezone.localdate().year
    DocumentNumberSequence.objects.filter(series=LETTER_SERIES, year=this_year).update(last=F("last") - 1)


def load_disclosure(office, progress: Progress) -> None:
    if DisclosureRequest.objects.exists():
        progress("disclosure requests: already there")
        return
    today = timezone.localdate()
    made = {key: _file(key, *values) for key, values in APPLICANTS.items()}

    services.disclosure_request_ask_correction(
        actor=office, request=made["correction"], text="请写明所在镇村和需要的评议年度。"
    )
    _move(
        made["correction"],
        correction_requested_on=today - datetime.timedelta(days=8),
        correction_due=add_workdays(today - datetime.timedelta(days=8), 15),
    )
    late = services.disclosure_request_ask_correction(
        actor=office, request=made["correction_late"], text="“所有文件”范围不明确，请写明需要的文件名称或内容。"
    )
    asked = today - datetime.timedelta(days=38)
    _move(late, correction_requested_on=asked, correction_due=add_workdays(asked, 15))
    services.disclosure_request_ask_correction(actor=office, request=made["corrected"], text="请写明是哪一年的规定。")
    services.disclosure_request_supply_correction(request=made["corrected"], text="2024年以来现行有效的规定。")
    asked, arrived = today - datetime.timedelta(days=18), today - datetime.timedelta(days=12)
    _move(
        made["corrected"],
        correction_requested_on=asked,
        correction_due=add_workdays(asked, 15),
        correction_received_on=arrived,
        clock_started_on=arrived,
        deadline=add_workdays(arrived, 20),
    )
    services.disclosure_request_extend(
        actor=office, request=made["extended"], workdays=15, reason="所需信息涉及三个年度的档案，需调取整理"
    )
    _answer(
        office,
        made["granted"],
        45,
        outcome="granted",
        answer_text="成员单位名单和职责见附件。",
        attachments=[ContentFile(PDF, name="成员单位及职责.pdf")],
    )
    _answer(
        office,
        made["partial"],
        40,
        outcome="partial",
        reason="third_party",
        answer_text="统计表已公开；能识别到个人的明细涉及个人隐私，不予公开。",
        attachments=[ContentFile(PDF, name="低保对象统计.pdf")],
    )
    _answer(
        office,
        made["withheld"],
        30,
        outcome="withheld",
        reason="process_info",
        answer_text="所申请的会议记录属于内部研究讨论的过程性信息。",
    )
    _answer(
        office,
        made["referral"],
        25,
        outcome="unavailable",
        reason="not_held",
        referral_body="陈仓区医疗保障局",
        answer_text="医疗救助的报销由医保部门办理，本机关未制作或保存该信息。",
    )
    _answer(
        office,
        made["petition"],
        28,
        outcome="not_processed",
        reason="petition",
        answer_text="您反映的问题已转区信访局和所在镇办理。",
    )
    _last_year(office)
    _carried_over(office)
    _date_notices()
    progress(f"disclosure requests: {DisclosureRequest.objects.count()} in every state")


NOTICE_DATES = {
    DisclosureNotice.Kind.EXTENSION: "extended_on",
    DisclosureNotice.Kind.CORRECTION: "correction_requested_on",
    DisclosureNotice.Kind.ANSWER: "answered_on",
}


def _date_notices() -> None:
    """The notices were written today; each takes the day of what it tells (the dates moved above)."""
    for notice in DisclosureNotice.objects.select_related("request"):
        day = getattr(notice.request, NOTICE_DATES[notice.kind])
        if day:
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            DisclosureNotice.objects.filter(pk=notice.pk).update(created_at=at)
