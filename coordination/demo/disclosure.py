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
from ..models import DisclosureRequest, DocumentNumberSequence
from ..numbering import serial_take
from ..services.disclosure_requests import NUMBER_SERIES
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


def _carried_over(office) -> None:
    """Received last December, answered in January: the annual report's 上年结转."""
    today = timezone.localdate()
    request = _file("carried", "高志远", "natural", "", "上一年度城乡低保资金的分配结果", 0)
    received = datetime.date(today.year - 1, 12, 22)
    # Filed today, it took this year's last serial: number it in last year's series and give the
    # serial back, so this year's series keeps no gap.
    pattern = settings.PORTAL_DISCLOSURE_NUMBER_PATTERN
    _move(request, number=pattern.format(year=received.year, serial=serial_take(NUMBER_SERIES, received.year)))
    DocumentNumberSequence.objects.filter(series=NUMBER_SERIES, year=today.year).update(last=F("last") - 1)
    _received(request, received)
    _answer(
        office,
        request,
        max((today - datetime.date(today.year, 1, 12)).days, 0),
        outcome="granted",
        answer_text="上一年度低保资金分配结果见附件。",
        attachments=[ContentFile(PDF, name="分配结果.pdf")],
    )


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
    _carried_over(office)
    progress(f"disclosure requests: {DisclosureRequest.objects.count()} in every state")
