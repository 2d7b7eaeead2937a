"""A year of meetings, each at another stage of the cycle.

- the regular meeting (例会) in spring: minutes issued, its agreed items supervised since;
- an ad-hoc meeting in summer: minutes issued;
- an ad-hoc meeting last week: minutes in their consent round, one unit objecting;
- an ad-hoc meeting called off (取消) after its notice went out;
- the next meeting, notified: the office's topic accepted, liaisons' topics waiting for the
  office's decision, one deferred;
- the next regular meeting, being prepared: seen by the office only until its notice goes out.

Dates are counted from today, so every stage stays true whenever the demo is loaded. Agreed items
are named here; `supervision` moves the items they become into their states.
"""

import datetime

from django.utils import timezone

from .. import services
from ..models import Meeting, Minutes
from .common import Progress, User, at, by_name, liaison

ATTENDEE = "{}分管负责同志"


def _today() -> datetime.date:
    return timezone.localdate()


def _schedule(office, convenor, *, kind, day, place, units=None, topic_days=7) -> Meeting:
    return services.meeting_schedule(
        actor=office,
        kind=kind,
        starts_at=at(day, 9, 30),
        place=place,
        chair=convenor,
        topic_deadline=at(day - datetime.timedelta(days=topic_days), 18),
        invited_units=units,
        # Meetings of the past are recorded afterwards, which the schedule asks a reason for.
        past_reason="补录已召开的会议" if day < _today() else "",
    )


def _office_topic(office, meeting, title, background, decision) -> None:
    topic = services.topic_propose(
        actor=office, meeting=meeting, unit=None, title=title, background=background, decision_requested=decision
    )
    services.topic_accept(actor=office, topic=topic)


# Who sits in without being a member unit: the sub-districts that carry out assistance.
OBSERVERS = "虢镇街道办事处 周建国（副主任）\n千渭街道办事处 孙丽（社会事务办主任）"


def _hold(office, meeting, *, on_leave=()) -> None:
    services.meeting_notify(actor=office, meeting=meeting)
    attendance = {
        a.unit_id: ("leave", "") if a.unit in on_leave else ("present", ATTENDEE.format(a.unit.short_name))
        for a in meeting.attendances.select_related("unit")
    }
    services.meeting_hold(actor=office, meeting=meeting, attendance=attendance, observers=OBSERVERS)


def _minutes(office, meeting, body, agreed_items) -> Minutes:
    return services.minutes_draft(
        actor=office, meeting=meeting, title=f"{meeting.title}纪要", body=body, agreed_items=agreed_items
    )


def _issue(office, minutes: Minutes) -> None:
    """The consent round: every attending unit agrees; then the minutes are issued."""
    services.consent_round_open(actor=office, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3))
    for answer in minutes.consent_rounds.get().answers.select_related("unit"):
        services.consent_answer(actor=liaison(answer.unit), minutes=minutes, unit=answer.unit, agree=True)
    services.consent_round_close(actor=office, minutes=minutes)
    services.minutes_issue(actor=office, minutes=minutes, reported_on=_today())


def _item(title, lead, co, days, result) -> dict:
    return {
        "title": title,
        "lead_unit": lead,
        "co_units": co,
        "deadline": _today() + datetime.timedelta(days=days),
        "expected_result": result,
    }


def regular_meeting(office, convenor) -> Meeting:
    mz, yb, cz, rs, cl, xc = by_name("区民政局", "区医保局", "区财政局", "区人社局", "区残联", "区委宣传部")
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.REGULAR,
        day=_today() - datetime.timedelta(days=250),
        place="区政府三楼第一会议室",
    )
    _office_topic(
        office,
        meeting,
        "通报上年度社会救助工作和本年度工作要点",
        "上年度各项救助资金按时发放，低保动态管理和临时救助“先行救助”有序推进。",
        "审议本年度联席会议工作要点。",
    )
    _office_topic(
        office,
        meeting,
        "研究困难群众医疗救助“一站式”结算扩面",
        "区医保局提出将一站式结算扩展到全部定点村卫生室，需要财政和卫健部门配合。",
        "明确牵头和配合单位及完成时限。",
    )
    _hold(office, meeting, on_leave=[cl])
    minutes = _minutes(
        office,
        meeting,
        "会议由区政府分管副区长主持，听取了区民政局关于上年度社会救助工作的情况通报，研究了本年度重点工作。\n"
        "会议要求各单位对照议定事项按时限抓好落实，办公室按季度通报进展。",
        [
            _item("将医疗救助一站式结算扩展到全部定点村卫生室", yb, [cz, mz], -20, "村卫生室全部实现一站式结算"),
            _item("建立低保边缘家庭就业帮扶台账", rs, [mz], -90, "台账按月更新并报办公室"),
            _item("开展社会救助政策宣传月活动", xc, [mz, cl], 5, "宣传月活动总结"),
        ],
    )
    _issue(office, minutes)
    return meeting


def summer_meeting(office, convenor) -> Meeting:
    mz, jt, cz, zj, cl = by_name("区民政局", "区教体局", "区财政局", "区住建局", "区残联")
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.AD_HOC,
        day=_today() - datetime.timedelta(days=120),
        place="区民政局二楼会议室",
        units=[mz, jt, cz, zj, cl],
    )
    _office_topic(
        office,
        meeting,
        "汛期受灾群众过渡期生活救助",
        "7月强降雨后部分农户房屋受损，需要统筹过渡期生活救助和住房安全排查。",
        "明确排查范围、救助标准和时限。",
    )
    _hold(office, meeting)
    minutes = _minutes(
        office,
        meeting,
        "会议研究了汛期受灾群众的过渡期生活救助和住房安全排查，并对下半年重点工作作出安排。",
        [
            _item("完成低保家庭经济状况年度复核", mz, [cz], 60, "复核台账和问题清单"),
            _item("落实困难家庭学生秋季学期资助", jt, [cz], 20, "资助资金发放到位"),
            _item("残疾人两项补贴标准动态调整", cl, [cz, mz], 25, "调整方案报区政府"),
            _item("受灾困难群众住房安全排查", zj, [mz], -10, "排查台账和整改清单"),
            _item("设立镇街临时救助备用金", cz, [mz], 30, "各镇街备用金到位"),
        ],
    )
    _issue(office, minutes)
    return meeting


def meeting_in_consent(office, convenor) -> Meeting:
    """Held last week; its minutes wait for the units' consent and 区教体局 objects."""
    mz, yb, jt, cz, rs = by_name("区民政局", "区医保局", "区教体局", "区财政局", "区人社局")
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.AD_HOC,
        day=_today() - datetime.timedelta(days=6),
        place="区民政局二楼会议室",
        units=[mz, yb, jt, cz, rs],
        topic_days=2,
    )
    _office_topic(
        office,
        meeting,
        "冬春季困难群众救助帮扶专项行动",
        "入冬后取暖、医疗支出增加，需提前部署临时救助和走访排查。",
        "确定专项行动的分工和时间表。",
    )
    _hold(office, meeting)
    minutes = _minutes(
        office,
        meeting,
        "会议研究部署冬春季困难群众救助帮扶专项行动，要求在春节前完成对低保、特困和低保边缘家庭的全覆盖走访。",
        [
            _item("完成低保、特困和低保边缘家庭全覆盖走访", mz, [rs, yb], 60, "走访台账和问题清单"),
            _item("落实困难家庭学生冬季补助", jt, [cz], 30, "补助发放到位"),
        ],
    )
    services.consent_round_open(actor=office, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=5))
    for unit in (mz, cz):
        services.consent_answer(actor=liaison(unit), minutes=minutes, unit=unit, agree=True)
    services.consent_answer(
        actor=liaison(jt),
        minutes=minutes,
        unit=jt,
        agree=False,
        comment="建议将第2项时限调整为寒假前，并明确补助标准由区财政局会同我局测算。",
    )
    return meeting


def cancelled_meeting(office, convenor) -> Meeting:
    mz, yj, yb = by_name("区民政局", "区应急局", "区医保局")
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.AD_HOC,
        day=_today() + datetime.timedelta(days=10),
        place="区应急局指挥中心",
        units=[mz, yj, yb],
        topic_days=3,
    )
    services.meeting_notify(actor=office, meeting=meeting)
    services.meeting_cancel(
        actor=office, meeting=meeting, reason="议题并入下次全体会议一并研究，本次专题会议不再召开。"
    )
    return meeting


def next_meeting(office, convenor) -> Meeting:
    """The next meeting, notified: liaisons have proposed topics, which wait for the office."""
    yb, cl, zj = by_name("区医保局", "区残联", "区住建局")
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.AD_HOC,
        day=_today() + datetime.timedelta(days=21),
        place="区政府三楼第一会议室",
        topic_days=7,
    )
    _office_topic(
        office,
        meeting,
        "通报本年度议定事项落实情况",
        "办公室汇总了本年度两次会议议定事项的办理进度，个别事项已逾期。",
        "听取通报，研究逾期事项的督办措施。",
    )
    services.meeting_notify(actor=office, meeting=meeting)  # liaisons see a meeting once it is notified
    proposals = [
        (yb, "困难群众大病保险倾斜政策调整", "部分低保对象住院自付费用仍然偏高。", "研究提高大病保险报销比例。"),
        (
            cl,
            "重度残疾人集中托养试点",
            "全区重度残疾人家庭照护负担重，申请在两个镇开展托养试点。",
            "同意试点并明确经费来源。",
        ),
        (zj, "农村低收入人口危房改造资金整合", "危房改造资金分散在多个渠道，申请统筹使用。", "研究资金整合方案。"),
    ]
    for unit, title, background, decision in proposals:
        topic = services.topic_propose(
            actor=liaison(unit),
            meeting=meeting,
            unit=unit,
            title=title,
            background=background,
            decision_requested=decision,
        )
    services.topic_defer(actor=office, topic=topic, reason="资金整合方案需区财政局先行测算，留待下次例会研究。")
    return meeting


def meeting_in_preparation(office, convenor) -> Meeting:
    """The year's second regular meeting, being prepared: only the office sees it until it is notified."""
    meeting = _schedule(
        office,
        convenor,
        kind=Meeting.Kind.REGULAR,
        day=_today() + datetime.timedelta(days=56),
        place="区政府三楼第一会议室",
        topic_days=14,
    )
    _office_topic(
        office,
        meeting,
        "研究下年度社会救助工作要点",
        "办公室根据本年度议定事项办理情况和各单位报送材料，起草了下年度工作要点初稿。",
        "审议下年度工作要点。",
    )
    return meeting


def load_meetings(office: User, convenor: User, progress: Progress) -> None:
    if Meeting.objects.exists():
        progress("meetings: already there")
        return
    stages = (
        regular_meeting,
        summer_meeting,
        meeting_in_consent,
        cancelled_meeting,
        next_meeting,
        meeting_in_preparation,
    )
    for stage in stages:
        meeting = stage(office, convenor)
        progress(f"meeting: {meeting.title} ({meeting.get_status_display()})")
