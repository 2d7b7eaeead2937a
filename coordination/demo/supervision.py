"""Supervised work in every state: progress from many units, urging, extensions, a returned item.

The agreed items of the issued minutes (see `meetings`) and the standing measures (imported from
the founding notice, see `measures`) are moved through the services as units and the office
would move them. What each item should show is written as a small story per item below; the
demo's test checks that together they give every light of `coordination.grading`.
"""

import datetime
import io

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .. import services
from ..models import ActionItem, Notification, Urge
from .common import Progress, User, backdate, by_name, days_ago, liaison
from .measures import DOC_NUMBER

UNREAD_PER_USER = 3


def _docx(name: str, *lines: str) -> SimpleUploadedFile:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _xlsx(name: str, rows: list[tuple]) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _report(item, unit_name, text, *, percent=None, days=0, completion=False, files=()):
    (unit,) = by_name(unit_name)
    report = services.action_item_report_progress(
        actor=liaison(unit), item=item, unit=unit, text=text, percent=percent, completion=completion, files=files
    )
    backdate(report, created_at=days_ago(days))
    return report


def _urge(office, item, unit_name, text, *, days, acknowledged_days=None) -> Urge:
    (unit,) = by_name(unit_name)
    urge = services.action_item_urge(actor=office, item=item, unit=unit, text=text)
    backdate(urge, sent_at=days_ago(days))
    if acknowledged_days is not None:
        services.urge_acknowledge(actor=liaison(unit), urge=urge)
        backdate(urge, acknowledged_at=days_ago(acknowledged_days, hour=15))
    return urge


def _extension(office, item, reason, *, days_later, decision=None, note=""):
    request = services.extension_request(
        actor=liaison(item.lead_unit),
        item=item,
        reason=reason,
        new_deadline=item.deadline + datetime.timedelta(days=days_later),
    )
    if decision is not None:
        services.extension_decide(actor=office, request=request, approve=decision, note=note)
    return request


def agreed_items(office: User) -> None:
    items = {i.title: i for i in ActionItem.objects.filter(source=ActionItem.Source.AGREED_ITEM)}

    # Red: overdue at 60 %; urged and not yet acknowledged; more time asked, not yet decided.
    item = items["将医疗救助一站式结算扩展到全部定点村卫生室"]
    _report(item, "区医保局", "已有 126 个村卫生室开通一站式结算，剩余 84 个正在调试接口。", percent=60, days=45)
    _report(item, "区财政局", "接口改造经费 18 万元已下达。", days=40)
    _urge(office, item, "区医保局", "该事项已超过完成时限，请于三个工作日内报送进展和剩余村卫生室的完成计划。", days=3)
    _extension(office, item, "剩余村卫生室网络条件差，需与运营商协调专线，申请延期。", days_later=60)

    # Closed: completion reported with the ledger, accepted by the office.
    item = items["建立低保边缘家庭就业帮扶台账"]
    _report(item, "区人社局", "台账已建立，覆盖 1,243 户低保边缘家庭。", percent=70, days=120)
    ledger = _xlsx(
        "低保边缘家庭就业帮扶台账.xlsx", [("镇街", "户数", "已就业人数"), ("虢镇街道", 312, 187), ("千河镇", 205, 121)]
    )
    _report(item, "区人社局", "台账按月更新机制已运行三个月，报办结。", days=95, completion=True, files=[ledger])
    services.action_item_close(actor=office, item=item)
    backdate(item, closed_at=days_ago(93))

    # Yellow: five days left, work well along.
    item = items["开展社会救助政策宣传月活动"]
    _report(item, "区委宣传部", "宣传月方案已印发，12 个镇街已开展集中宣传。", percent=70, days=8)
    _report(item, "区残联", "已在残疾人服务中心设置政策咨询台。", days=6)

    # Green: on schedule, with files from the lead and a report from a co-unit.
    item = items["完成低保家庭经济状况年度复核"]
    plan = _docx("年度复核工作方案.docx", "低保家庭经济状况年度复核工作方案", "一、复核范围：全区在册低保家庭。")
    _report(item, "区民政局", "复核工作方案已印发，完成复核 2,860 户，占 52%。", percent=50, days=12, files=[plan])
    _report(item, "区财政局", "复核工作经费已拨付。", days=10)

    # Completion reported, waiting for the office.
    item = items["落实困难家庭学生秋季学期资助"]
    roster = _xlsx(
        "秋季学期资助名单.xlsx", [("学段", "人数", "金额（万元）"), ("义务教育", 1620, 81.0), ("高中", 410, 41.0)]
    )
    _report(item, "区教体局", "秋季学期资助资金已全部发放到学生账户，报办结。", days=2, completion=True, files=[roster])

    # Returned: the office sent the reported completion back, saying why.
    item = items["残疾人两项补贴标准动态调整"]
    _report(item, "区残联", "调整方案已起草，报办结。", days=9, completion=True)
    services.action_item_return(
        actor=office, item=item, reason="方案尚未经区政府常务会审议，请审议通过后附批复文件再报办结。"
    )

    # Red: overdue; the urging was acknowledged; the extension was refused.
    item = items["受灾困难群众住房安全排查"]
    _report(item, "区住建局", "已排查受损房屋 418 户，鉴定 C 级 36 户、D 级 9 户。", percent=45, days=30)
    _urge(office, item, "区住建局", "请加快排查进度，优先完成 D 级危房群众的安置。", days=8, acknowledged_days=7)
    _extension(
        office,
        item,
        "鉴定机构人手不足。",
        days_later=45,
        decision=False,
        note="汛后排查事关安全，不同意延期，请增派力量。",
    )

    # Green after an approved extension: the original deadline stays on record.
    item = items["设立镇街临时救助备用金"]
    _extension(office, item, "需待年度预算调整后拨付。", days_later=45, decision=True, note="同意，请在新时限前完成。")
    _report(item, "区财政局", "已有 9 个镇街的备用金到位。", percent=60, days=4)


STANDING_PROGRESS = [
    # (measure number, unit, text, percent, days ago, with a file)
    (1, "区民政局", "分层分类救助目录已编制，报联席会议审定。", 40, 60, True),
    (1, "区医保局", "医疗救助对象与低保对象信息已按月比对。", None, 50, False),
    (4, "区民政局", "低保边缘家庭认定办法已印发，认定 1,243 户。", 65, 35, True),
    (4, "区财政局", "低保提标资金已纳入下半年预算。", None, 30, False),
    (6, "区医保局", "困难群众参保资助 8,912 人，资助资金 213 万元。", 75, 20, False),
    (6, "区卫健局", "医疗机构“先诊疗后付费”已覆盖全部二级医院。", None, 18, False),
    (7, "区教体局", "春季学期资助困难学生 2,031 人。", 50, 90, False),
    (9, "区人社局", "开发公益性岗位 126 个，零就业家庭动态清零。", 80, 25, True),
    (12, "区残联", "残疾人两项补贴按月发放，无欠发。", None, 15, False),
    (16, "区税务局", "为 3 家慈善组织办理捐赠税前扣除资格。", None, 40, False),
    (27, "区审计局", "社会救助资金专项审计已进场。", 30, 14, False),
    (27, "区财政局", "配合审计提供资金拨付凭证。", None, 12, False),
]


def standing_measures() -> None:
    """Progress on several standing measures, reported by their lead and co-units."""
    for number, unit_name, text, percent, days, with_file in STANDING_PROGRESS:
        item = ActionItem.objects.get(
            source=ActionItem.Source.STANDING_MEASURE, source_reference=f"{DOC_NUMBER} 附件2 第{number}条"
        )
        files = [_docx(f"{unit_name}落实情况.docx", item.title, text)] if with_file else []
        _report(item, unit_name, text, percent=percent, days=days, files=files)


def read_older_notifications() -> None:
    """Everyone has read all but their newest few notifications."""
    now = timezone.now()
    for recipient in Notification.objects.values_list("recipient", flat=True).distinct():
        older = Notification.objects.filter(recipient=recipient).values_list("pk", flat=True)[UNREAD_PER_USER:]
        Notification.objects.filter(pk__in=list(older)).update(read_at=now)


def load_supervision(office: User, progress: Progress) -> None:
    if Urge.objects.exists():
        progress("supervision: already there")
        return
    agreed_items(office)
    progress("supervision: agreed items red, yellow, green, completion reported, returned, closed")
    standing_measures()
    progress(f"supervision: progress on {len({row[0] for row in STANDING_PROGRESS})} standing measures")
    read_older_notifications()
