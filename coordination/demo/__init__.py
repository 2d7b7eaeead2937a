"""Demo data of the coordination domain: units, accounts, replies and meetings, idempotently.

Every step checks what exists before it writes, so `load_demo` can run any number of times.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from .. import permissions, services
from ..auth import DEMO_PASSWORD
from ..founding_units import FOUNDING_UNITS
from ..models import Liaison, Meeting, MemberUnit, Minutes, Proposal, Reply
from .texts import REPLIES

User = get_user_model()

DEMO_START = datetime.date(2026, 1, 5)
# 代字 of the units' reply numbers (陈民建函〔2026〕4号); other units fall back to a derived one.
REPLY_PREFIXES = {"区民政局": "陈民", "区教体局": "陈教体", "区医保局": "陈医保"}

Progress = Callable[[str], None]


def load_units(progress: Progress) -> list[MemberUnit]:
    units = []
    for order, (short_name, full_name, kind) in enumerate(FOUNDING_UNITS, start=1):
        unit, created = MemberUnit.objects.update_or_create(
            short_name=short_name, defaults={"order": order, "full_name": full_name, "kind": kind}
        )
        units.append(unit)
        progress(f"[{order:2}/{len(FOUNDING_UNITS)}] {'+' if created else '='} {short_name}")
    return units


def demo_account(username: str, *, name: str, role: str | None = None, staff: bool = False, email: str = "") -> User:
    user, _created = User.objects.get_or_create(username=username)
    # Chinese names are written family name first and whole: keep them in first_name.
    user.first_name, user.last_name = name, ""
    # Liaisons get reminders by e-mail, so each has an address; the console backend prints them.
    user.email = email or (f"{username}@example.invalid" if staff else "")
    user.is_staff = staff
    user.set_password(DEMO_PASSWORD)
    user.save()
    if role:
        user.groups.add(permissions.role_group(role))
    return user


def load_accounts(units: list[MemberUnit], progress: Progress) -> dict[str, User]:
    permissions.ensure_role_groups()  # the roles' permissions, even on a database flushed by tests
    office = demo_account("office", name="周秀兰", role=permissions.Role.OFFICE, staff=True)
    convenor = demo_account("convenor", name="李建国", role=permissions.Role.CONVENOR)
    progress("accounts: office (联席会议办公室), convenor (召集人)")
    for unit in units:
        if unit.short_name in REPLY_PREFIXES and not unit.reply_prefix:
            unit.reply_prefix = REPLY_PREFIXES[unit.short_name]
            unit.save(update_fields=["reply_prefix"])
    for unit in units:
        username = f"liaison{unit.order:02}"
        user = demo_account(
            username,
            name=f"{unit.short_name.removeprefix('区')}联络员",
            role=None,
            email=f"{username}@example.gov.cn",
        )
        if not Liaison.objects.active().filter(unit=unit).exists():
            services.liaison_appoint(actor=office, unit=unit, user=user, start_date=DEMO_START, position="科员")
        progress(f"liaison {username} → {unit.short_name}")
    leader = demo_account("leader06", name="张志强", role=None)
    permissions.grant_sign_off(leader, next(u for u in units if u.short_name == "区民政局"))
    progress("account: leader06 signs off 区民政局's replies")
    return {"office": office, "convenor": convenor, "leader": leader}


def load_replies(progress: Progress) -> None:
    """Replies sent before the portal existed, recorded as the office would import them."""
    office = permissions.office_users().first()
    for data in REPLIES:
        unit = MemberUnit.objects.get(short_name=data["unit"])
        if not Reply.objects.filter(unit=unit, doc_number=data["doc_number"]).exists():
            role = "代表" if data["kind"] == Proposal.Kind.NPC else "委员"
            reply = services.reply_import(
                actor=office,
                unit=unit,
                fields={
                    "kind": data["kind"],
                    "session": data["session"],
                    "proposal_number": data["number"],
                    "suggestion_title": data["title"],
                    "proposer_name": data["proposer"],
                    "addressee": f"{data['proposer']}{role}",
                    "category": data["category"],
                    "doc_number": data["doc_number"],
                    "signer": data["signer"],
                    "date": data["reply_date"],
                    "body": data["body"],
                    "contact_person": data["contact_person"],
                    "contact_phone": data["contact_phone"],
                    "copies_to": data["copies_to"].split("，"),
                    "disclosure": Reply.Disclosure.PROACTIVE,
                },
            )
            services.reply_disclosure_confirm(actor=office, reply=reply)  # the office has read them
        progress(f"reply: {unit.short_name} {data['session']} 第{data['number']}号")


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _by_name(*names: str) -> list[MemberUnit]:
    units = {u.short_name: u for u in MemberUnit.objects.filter(short_name__in=names)}
    return [units[name] for name in names]


def _liaison(unit: MemberUnit) -> User:
    return Liaison.objects.active().get(unit=unit).user


def load_meetings(office: User, convenor: User, progress: Progress) -> None:
    """A realistic year: the regular meeting with issued minutes, an ad-hoc meeting in its consent round."""
    if Meeting.objects.exists():
        progress("meetings: already there")
        return
    today = timezone.localdate()
    mz, yb, jt, cz, rs, cl = _by_name("区民政局", "区医保局", "区教体局", "区财政局", "区人社局", "区残联")

    # Both meetings lie in the past (they are held below): recorded afterwards, with the reason.
    regular_day = min(datetime.date(today.year, 3, 12), today - datetime.timedelta(days=30))
    regular = services.meeting_schedule(
        actor=office,
        kind=Meeting.Kind.REGULAR,
        starts_at=_at(regular_day, 9, 30),
        place="区政府三楼第一会议室",
        chair=convenor,
        topic_deadline=_at(regular_day - datetime.timedelta(days=7), 18),
        past_reason="演示数据：补录已召开的会议",
    )
    services.topic_propose(
        actor=office,
        meeting=regular,
        unit=None,
        title="通报上年度社会救助工作和本年度工作要点",
        background="上年度各项救助资金按时发放，低保动态管理和临时救助“先行救助”有序推进。",
        decision_requested="审议本年度联席会议工作要点。",
    )
    services.topic_propose(
        actor=office,
        meeting=regular,
        unit=None,
        title="研究困难群众医疗救助“一站式”结算扩面",
        background="区医保局提出将一站式结算扩展到全部定点村卫生室，需要财政和卫健部门配合。",
        decision_requested="明确牵头和配合单位及完成时限。",
    )
    for topic in regular.topics.all():
        services.topic_accept(actor=office, topic=topic)
    services.meeting_notify(actor=office, meeting=regular)
    attendance = {
        a.unit_id: ("present", f"{a.unit.short_name}分管负责同志") for a in regular.attendances.select_related("unit")
    }
    attendance[cl.pk] = ("leave", "")
    services.meeting_hold(actor=office, meeting=regular, attendance=attendance)
    minutes = services.minutes_draft(
        actor=office,
        meeting=regular,
        title=f"{regular.title}纪要",
        body="会议由区政府分管副区长主持，听取了区民政局关于上年度社会救助工作的情况通报，研究了本年度重点工作。\n"
        "会议认为，各成员单位协同配合，全区困难群众基本生活得到有效保障；要求各单位对照议定事项，按时限抓好落实，"
        "办公室按季度通报进展。",
        agreed_items=[
            {
                "title": "将医疗救助一站式结算扩展到全部定点村卫生室",
                "lead_unit": yb,
                "co_units": [cz, mz],
                "deadline": datetime.date(today.year, 9, 30),
                "expected_result": "村卫生室全部实现一站式结算",
            },
            {
                "title": "建立低保边缘家庭就业帮扶台账",
                "lead_unit": rs,
                "co_units": [mz],
                "deadline": datetime.date(today.year, 6, 30),
                "expected_result": "台账按月更新并报办公室",
            },
        ],
    )
    services.consent_round_open(actor=office, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3))
    for answer in minutes.consent_rounds.get().answers.select_related("unit"):
        services.consent_answer(actor=_liaison(answer.unit), minutes=minutes, unit=answer.unit, agree=True)
    services.consent_round_close(actor=office, minutes=minutes)
    services.minutes_issue(actor=office, minutes=minutes, reported_on=today)
    progress(f"meeting: {regular.title}, minutes {Minutes.objects.get(pk=minutes.pk).doc_number}")

    ad_hoc_day = today - datetime.timedelta(days=6)
    ad_hoc = services.meeting_schedule(
        actor=office,
        kind=Meeting.Kind.AD_HOC,
        starts_at=_at(ad_hoc_day, 15),
        place="区民政局二楼会议室",
        chair=convenor,
        topic_deadline=_at(ad_hoc_day - datetime.timedelta(days=2), 12),
        invited_units=[mz, yb, jt, cz, rs],
        past_reason="演示数据：补录已召开的会议",
    )
    topic = services.topic_propose(
        actor=office,
        meeting=ad_hoc,
        unit=None,
        title="冬春季困难群众救助帮扶专项行动",
        background="入冬后取暖、医疗支出增加，需提前部署临时救助和走访排查。",
        decision_requested="确定专项行动的分工和时间表。",
    )
    services.topic_accept(actor=office, topic=topic)
    services.meeting_notify(actor=office, meeting=ad_hoc)
    services.meeting_hold(
        actor=office,
        meeting=ad_hoc,
        attendance={
            a.unit_id: ("present", f"{a.unit.short_name}分管负责同志")
            for a in ad_hoc.attendances.select_related("unit")
        },
    )
    ad_hoc_minutes = services.minutes_draft(
        actor=office,
        meeting=ad_hoc,
        title=f"{ad_hoc.title}纪要",
        body="会议研究部署冬春季困难群众救助帮扶专项行动，要求在春节前完成对低保、特困和低保边缘家庭的全覆盖走访。",
        agreed_items=[
            {
                "title": "完成低保、特困和低保边缘家庭全覆盖走访",
                "lead_unit": mz,
                "co_units": [rs, yb],
                "deadline": today + datetime.timedelta(days=60),
                "expected_result": "走访台账和问题清单",
            },
            {
                "title": "落实困难家庭学生冬季补助",
                "lead_unit": jt,
                "co_units": [cz],
                "deadline": today + datetime.timedelta(days=30),
                "expected_result": "补助发放到位",
            },
        ],
    )
    services.consent_round_open(
        actor=office, minutes=ad_hoc_minutes, deadline=timezone.now() + datetime.timedelta(days=5)
    )
    services.consent_answer(actor=_liaison(mz), minutes=ad_hoc_minutes, unit=mz, agree=True)
    services.consent_answer(actor=_liaison(cz), minutes=ad_hoc_minutes, unit=cz, agree=True)
    services.consent_answer(
        actor=_liaison(jt),
        minutes=ad_hoc_minutes,
        unit=jt,
        agree=False,
        comment="建议将第2项时限调整为寒假前，并明确补助标准由区财政局会同我局测算。",
    )
    progress(f"meeting: {ad_hoc.title}, minutes in consent round 1")
