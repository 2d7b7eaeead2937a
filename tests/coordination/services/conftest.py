"""The meeting cycle, built step by step through the services, as the office and the liaisons do it.

The clock is frozen for every fixture of the cycle, so deadlines are fixed points (Beijing time):
scheduled on 2 March 2026 09:00, topics until 13 March 17:00, the meeting on 20 March 09:30,
held and recorded at 12:00 that day, the units' consent until 27 March 17:00.

Four units are invited (区民政局, 区教体局, 区财政局, 区医保局); 区医保局 sends apologies, so
three are recorded present; 区医保局 supports an agreed item, so it is asked for consent all the
same. 区委宣传部 has a liaison but is not invited.
"""

import contextlib
import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import ModelLogEntry

from coordination import permissions, services
from coordination.models import (
    ActionItem,
    AgendaTopic,
    AgreedItem,
    Attendance,
    ConsentAnswer,
    ConsentRound,
    DocumentNumberSequence,
    Liaison,
    Meeting,
    Minutes,
    MinutesRevision,
    Notification,
    Proposal,
    TopicAttachment,
)
from tests.factories import UserFactory

INVITED = ("区民政局", "区教体局", "区财政局", "区医保局")
NOT_INVITED = "区委宣传部"


def at(*args) -> datetime.datetime:
    """An aware datetime in the portal's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.datetime(*args))


class Clock:
    """The test's clock (time-machine): time stands still where the test puts it, for every reader
    of the time (`timezone.now`, `timezone.localdate`, `date.today`, database defaults set in Python)."""

    def __init__(self, traveller: time_machine.Traveller):
        self._traveller = traveller

    @property
    def now(self) -> datetime.datetime:
        return timezone.now()

    @now.setter
    def now(self, value: datetime.datetime) -> None:
        self._traveller.move_to(value)

    def set(self, *args) -> None:
        self.now = at(*args)

    def advance(self, **delta) -> None:
        self._traveller.shift(datetime.timedelta(**delta))


@pytest.fixture
def clock():
    with time_machine.travel(at(2026, 3, 2, 9, 0), tick=False) as traveller:
        yield Clock(traveller)


@pytest.fixture
def unit(units):
    """The founding units by short name: `unit["区民政局"]`."""
    return {u.short_name: u for u in units}


@pytest.fixture
def liaison(unit, make_liaison):
    """The liaison of each invited unit, and of one unit that is not invited, by unit name."""
    return {name: make_liaison(unit[name], f"liaison-{unit[name].order:02}") for name in (*INVITED, NOT_INVITED)}


@pytest.fixture
def chair(convenor_user):
    """A convenor (召集人), who chairs the meetings."""
    return convenor_user


@pytest.fixture
def make_meeting(clock, office_user, chair, unit, liaison):
    """Schedule a meeting inviting the four units; by default the one on 20 March 2026."""

    def make(starts_at=None, topic_deadline=None):
        starts_at = starts_at or at(2026, 3, 20, 9, 30)
        return services.meeting_schedule(
            actor=office_user,
            kind=Meeting.Kind.REGULAR,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            place="区政府三楼会议室",
            chair=chair,
            topic_deadline=topic_deadline or starts_at - datetime.timedelta(days=6, hours=16, minutes=30),
            invited_units=[unit[name] for name in INVITED],
        )

    return make


@pytest.fixture
def scheduled_meeting(make_meeting):
    return make_meeting()


@pytest.fixture
def notified_meeting(scheduled_meeting, office_user):
    return services.meeting_notify(actor=office_user, meeting=scheduled_meeting)


@pytest.fixture
def meeting_day(notified_meeting, clock):
    """The notified meeting, at noon on its day (20 March 2026): it has begun, so it may be recorded held."""
    clock.set(2026, 3, 20, 12, 0)
    return notified_meeting


def attendance_sheet(unit) -> dict[int, tuple[str, str]]:
    """Three units present with who came, 区医保局 on leave."""
    return {
        unit["区民政局"].pk: (Attendance.Status.PRESENT, "张伟（局长）"),
        unit["区教体局"].pk: (Attendance.Status.PRESENT, "王芳（副局长）"),
        unit["区财政局"].pk: (Attendance.Status.PRESENT, "李强（副局长）"),
        unit["区医保局"].pk: (Attendance.Status.LEAVE, ""),
    }


@pytest.fixture
def sheet(unit):
    return attendance_sheet(unit)


@pytest.fixture
def held_meeting(notified_meeting, office_user, clock, unit):
    clock.set(2026, 3, 20, 12, 0)
    return services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=attendance_sheet(unit))


@pytest.fixture
def agreed_items(unit):
    """Two agreed items: 区民政局 leads with 区财政局 and 区医保局; 区教体局 leads alone."""
    return [
        {
            "title": "建立低保边缘家庭动态监测台账",
            "lead_unit": unit["区民政局"],
            "co_units": [unit["区财政局"], unit["区医保局"]],
            "deadline": datetime.date(2026, 6, 30),
            "expected_result": "台账按月更新",
        },
        {
            "title": "落实困难家庭学生教育资助",
            "lead_unit": unit["区教体局"],
            "deadline": datetime.date(2026, 9, 1),
        },
    ]


@pytest.fixture
def draft_minutes(held_meeting, office_user, agreed_items):
    return services.minutes_draft(
        actor=office_user,
        meeting=held_meeting,
        title="2026年第1次社会救助工作联席会议纪要",
        body="3月20日，区社会救助工作联席会议召开2026年第1次例会。",
        agreed_items=agreed_items,
    )


@pytest.fixture
def consent_deadline():
    return at(2026, 3, 27, 17, 0)


@pytest.fixture
def open_round(draft_minutes, office_user, consent_deadline):
    return services.consent_round_open(actor=office_user, minutes=draft_minutes, deadline=consent_deadline)


@pytest.fixture
def agree_all(unit, liaison):
    """Every unit asked agrees, each through its own liaison: those present and 区医保局, on leave
    but a co-unit of an agreed item."""

    def agree(minutes):
        for answer in ConsentAnswer.objects.filter(round__minutes=minutes, round__closed_at__isnull=True):
            name = answer.unit.short_name
            services.consent_answer(actor=liaison[name], minutes=minutes, unit=unit[name], agree=True)

    return agree


@pytest.fixture
def closed_minutes(open_round, office_user, agree_all):
    agree_all(open_round.minutes)
    services.consent_round_close(actor=office_user, minutes=open_round.minutes)
    return Minutes.objects.get(pk=open_round.minutes_id)


@pytest.fixture
def make_closed_minutes(make_meeting, office_user, clock, unit, agreed_items, agree_all):
    """Run a further meeting of 2026 through to minutes agreed by all, ready to issue."""

    def make(starts_at):
        meeting = services.meeting_notify(actor=office_user, meeting=make_meeting(starts_at=starts_at))
        clock.now = starts_at + datetime.timedelta(hours=3)  # a meeting is recorded held once it has begun
        meeting = services.meeting_hold(actor=office_user, meeting=meeting, attendance=attendance_sheet(unit))
        minutes = services.minutes_draft(
            actor=office_user,
            meeting=meeting,
            title=f"{meeting.title}纪要",
            body="会议议定如下。",
            agreed_items=agreed_items,
        )
        services.consent_round_open(actor=office_user, minutes=minutes, deadline=clock.now + datetime.timedelta(days=7))
        agree_all(minutes)
        services.consent_round_close(actor=office_user, minutes=minutes)
        return Minutes.objects.get(pk=minutes.pk)

    return make


@pytest.fixture
def queued_pdfs(monkeypatch):
    """Ids of the minutes whose PDF rendering was queued; nothing is rendered."""
    queued = []
    monkeypatch.setattr(
        "coordination.tasks.render_minutes_pdf.apply_async", lambda args, **options: queued.extend(args)
    )
    return queued


# --- what the services wrote ------------------------------------------------------------

WATCHED = (
    Meeting,
    Attendance,
    AgendaTopic,
    TopicAttachment,
    Minutes,
    AgreedItem,
    AgreedItem.co_units.through,
    MinutesRevision,
    ConsentRound,
    ConsentAnswer,
    ActionItem,
    ActionItem.co_units.through,
    DocumentNumberSequence,
    Notification,
    ModelLogEntry,
)


def _rows() -> dict[str, list[dict]]:
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED}


@pytest.fixture
def nothing_saved():
    """`with nothing_saved():` asserts that the block left every table of the meeting cycle as it was.

    Audit entries and notifications are among them: a refused move leaves no trace either.
    """

    @contextlib.contextmanager
    def check():
        before = _rows()
        yield
        assert _rows() == before

    return check


@pytest.fixture
def audit_entries():
    """The audit entries of one action on one object, oldest first."""

    def entries(instance, action: str) -> list[ModelLogEntry]:
        return list(ModelLogEntry.objects.for_instance(instance).filter(action=action).order_by("pk"))

    return entries


@pytest.fixture
def notified():
    """Who received a notification whose title starts with `title`: liaisons by their unit, others by username."""

    def recipients(title: str) -> set[str]:
        users = get_user_model().objects.filter(notifications__title__startswith=title).distinct()
        terms = {t.user_id: t.unit.short_name for t in Liaison.objects.active().select_related("unit")}
        return {terms.get(user.pk, user.get_username()) for user in users}

    return recipients


# --- shared by several test files: who is not the office, revising minutes, proposals ---


@pytest.fixture
def non_office(convenor_user, liaison):
    """The users who may not do the office's work: the convenor and a liaison."""
    return {"convenor": convenor_user, "liaison": liaison["区民政局"]}


@pytest.fixture
def people(units, make_liaison, office_user):
    leader = UserFactory(username="leader")
    permissions.grant_sign_off(leader, units[5])
    return {
        "lead": make_liaison(units[5], "mz"),
        "co": make_liaison(units[7], "cz"),
        "other": make_liaison(units[3], "jt"),
        "leader": leader,
        "office": office_user,
    }


@pytest.fixture
def proposal(units, people):
    return services.proposal_register(
        actor=people["office"],
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number=" 5 6 ",
        title="关于为独居老人安装应急呼叫设备的建议",
        content="建议在社区推广一键呼叫。",
        received_on=datetime.date(2026, 10, 9),
        proposers=[{"name": "赵敏", "phone": "13912345678"}],
        lead_unit=units[5],
        co_units=[units[7]],
    )


@pytest.fixture
def revise(office_user, unit):
    """Save a revision of the minutes as the office, with one agreed item unless told otherwise."""

    def call(minutes, base_version, **changes):
        kwargs = {
            "actor": office_user,
            "minutes": minutes,
            "base_version": base_version,
            "title": "2026年第1次社会救助工作联席会议纪要",
            "body": f"正文第{base_version + 1}稿。",
            "agreed_items": [
                {
                    "title": f"第{base_version + 1}稿的议定事项",
                    "lead_unit": unit["区财政局"],
                    "co_units": [unit["区民政局"]],
                    "deadline": datetime.date(2026, 7, 31),
                }
            ],
        }
        return services.minutes_revise(**(kwargs | changes))

    return call
