"""Meetings: schedule, notify, register attendees, hold, cancel."""

import datetime

import pytest
from django.utils import timezone

from coordination import permissions, services
from coordination.errors import DomainError, DuplicateMeeting, InvalidState, NotPermitted
from coordination.models import Attendance, Meeting, MemberUnit, Notification
from tests.factories import UserFactory

INVITED = {"区民政局", "区教体局", "区财政局", "区医保局"}


def at(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def schedule(clock, office_user, chair, unit, liaison):
    """Call meeting_schedule with a valid request, changed by keyword."""

    def call(**changes):
        kwargs = {
            "actor": office_user,
            "kind": Meeting.Kind.AD_HOC,
            "starts_at": at(2026, 4, 10, 15, 0),
            "place": "区民政局二楼会议室",
            "chair": chair,
            "topic_deadline": at(2026, 4, 7, 17, 0),
            "invited_units": [unit[name] for name in INVITED],
        }
        return services.meeting_schedule(**(kwargs | changes))

    return call


# --- schedule ---------------------------------------------------------------------------


def test_scheduling_plans_a_meeting_numbered_in_its_year_with_its_invited_units(schedule, office_user, chair):
    meeting = schedule()

    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.status, meeting.year, meeting.number) == (Meeting.Status.PLANNED, 2026, 1)
    assert meeting.title == "2026年第1次临时会议"
    assert (meeting.chair, meeting.created_by) == (chair, office_user)
    assert {(a.unit.short_name, a.status) for a in meeting.attendances.all()} == {
        (name, Attendance.Status.UNKNOWN) for name in INVITED
    }


def test_scheduling_is_audited(schedule, office_user, audit_entries):
    meeting = schedule()

    [entry] = audit_entries(meeting, "coordination.meeting.schedule")
    assert entry.user == office_user
    assert entry.data["changes"] == {
        "starts_at": "2026-04-10T15:00:00+08:00",
        "place": "区民政局二楼会议室",
        "units": 4,
    }


def test_scheduling_notifies_no_one_yet(schedule):
    schedule()

    assert not Notification.objects.filter(title__startswith="会议通知").exists()


def test_scheduling_invites_every_active_unit_by_default(schedule, unit):
    MemberUnit.objects.filter(pk=unit["人行陈仓支行"].pk).update(is_active=False)

    meeting = schedule(invited_units=None)

    invited = set(meeting.attendances.values_list("unit__short_name", flat=True))
    assert len(invited) == 26
    assert "人行陈仓支行" not in invited


def test_the_second_meeting_of_a_year_gets_number_2(schedule):
    schedule()

    second = schedule(starts_at=at(2026, 5, 10, 9, 0))

    assert (second.year, second.number, second.title) == (2026, 2, "2026年第2次临时会议")


def test_the_year_of_a_meeting_is_the_beijing_year_of_its_start(schedule):
    new_year_morning = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC)  # 2027-01-01 01:00 in Beijing

    meeting = schedule(starts_at=new_year_morning, topic_deadline=at(2026, 12, 25, 17, 0))

    assert (meeting.year, meeting.number) == (2027, 1)


@pytest.mark.parametrize("who", ["office", "liaison"])
def test_the_chair_must_be_a_convenor(schedule, office_user, liaison, nothing_saved, who):
    not_a_convenor = office_user if who == "office" else liaison["区民政局"]

    with nothing_saved(), pytest.raises(InvalidState, match="会议须由总召集人或召集人主持"):
        schedule(chair=not_a_convenor)


def test_a_convenor_who_left_cannot_chair(schedule, chair, nothing_saved):
    chair.is_active = False
    chair.save()

    with nothing_saved(), pytest.raises(InvalidState, match="会议须由总召集人或召集人主持"):
        schedule(chair=chair)


@pytest.mark.parametrize(
    "deadline", [at(2026, 4, 10, 15, 0), at(2026, 4, 10, 16, 0)], ids=["at-the-start", "after-the-start"]
)
def test_the_topic_deadline_must_be_before_the_meeting(schedule, nothing_saved, deadline):
    with nothing_saved(), pytest.raises(InvalidState, match="议题征集截止时间须早于会议开始时间"):
        schedule(topic_deadline=deadline)


def test_the_meeting_must_end_after_it_starts(schedule, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议结束时间须晚于开始时间"):
        schedule(ends_at=at(2026, 4, 10, 15, 0))


def test_a_meeting_invites_at_least_one_unit(schedule, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="请至少邀请一个成员单位"):
        schedule(invited_units=[])


def test_a_meeting_needs_a_place_and_a_refused_one_uses_no_number(schedule, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="不能为空"):
        schedule(place="")

    assert schedule().number == 1


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_schedules_meetings(schedule, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以安排会议"):
        schedule(actor=non_office[who])


# --- notify -----------------------------------------------------------------------------


def test_notifying_moves_the_meeting_to_notified_and_records_when(scheduled_meeting, office_user, clock):
    services.meeting_notify(actor=office_user, meeting=scheduled_meeting)

    scheduled_meeting.refresh_from_db()
    assert scheduled_meeting.status == Meeting.Status.NOTIFIED
    assert scheduled_meeting.notified_at == clock.now


def test_notifying_is_audited(scheduled_meeting, office_user, audit_entries):
    services.meeting_notify(actor=office_user, meeting=scheduled_meeting)

    [entry] = audit_entries(scheduled_meeting, "coordination.meeting.notify")
    assert entry.user == office_user
    assert entry.data["changes"] == {"status": "notified"}


def test_the_notice_goes_to_the_liaisons_of_the_invited_units_only(scheduled_meeting, office_user, notified):
    services.meeting_notify(actor=office_user, meeting=scheduled_meeting)

    assert notified("会议通知：2026年第1次例会") == INVITED


def test_the_notice_says_when_where_and_the_topic_deadline(scheduled_meeting, office_user, liaison):
    services.meeting_notify(actor=office_user, meeting=scheduled_meeting)

    notice = Notification.objects.get(recipient=liaison["区财政局"], title__startswith="会议通知")
    assert (
        notice.body
        == "会议定于2026年03月20日 09:30在区政府三楼会议室召开，请于03月13日 17:00前提交议题并登记参会人员。"
    )
    assert notice.url == f"/workbench/meetings/{scheduled_meeting.pk}/"


def test_a_meeting_is_notified_only_once(notified_meeting, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="只有筹备中的会议可以发出通知"):
        services.meeting_notify(actor=office_user, meeting=notified_meeting)


def test_a_cancelled_meeting_cannot_be_notified(scheduled_meeting, office_user, nothing_saved):
    services.meeting_cancel(actor=office_user, meeting=scheduled_meeting, reason="改期")

    with nothing_saved(), pytest.raises(InvalidState, match="只有筹备中的会议可以发出通知"):
        services.meeting_notify(actor=office_user, meeting=scheduled_meeting)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_notifies(scheduled_meeting, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以发出会议通知"):
        services.meeting_notify(actor=non_office[who], meeting=scheduled_meeting)


# --- register attendees -----------------------------------------------------------------


def test_a_liaison_registers_who_will_attend_for_their_unit(notified_meeting, unit, liaison):
    services.meeting_register_attendee(
        actor=liaison["区民政局"], meeting=notified_meeting, unit=unit["区民政局"], attendee="  张伟（局长） "
    )

    attendance = Attendance.objects.get(meeting=notified_meeting, unit=unit["区民政局"])
    assert attendance.planned_attendee == "张伟（局长）"
    assert attendance.status == Attendance.Status.UNKNOWN


def test_attendees_may_be_registered_before_the_notice(scheduled_meeting, unit, liaison):
    services.meeting_register_attendee(
        actor=liaison["区民政局"], meeting=scheduled_meeting, unit=unit["区民政局"], attendee="张伟（局长）"
    )

    assert Attendance.objects.get(meeting=scheduled_meeting, unit=unit["区民政局"]).planned_attendee == "张伟（局长）"


def test_registering_an_attendee_is_audited(notified_meeting, unit, liaison, audit_entries):
    attendance = services.meeting_register_attendee(
        actor=liaison["区民政局"], meeting=notified_meeting, unit=unit["区民政局"], attendee="张伟（局长）"
    )

    [entry] = audit_entries(attendance, "coordination.meeting.register_attendee")
    assert entry.user == liaison["区民政局"]
    assert entry.data["changes"] == {"attendee": "张伟（局长）"}


def test_the_office_may_register_for_any_unit(notified_meeting, unit, office_user):
    services.meeting_register_attendee(
        actor=office_user, meeting=notified_meeting, unit=unit["区医保局"], attendee="赵敏（副局长）"
    )

    assert Attendance.objects.get(meeting=notified_meeting, unit=unit["区医保局"]).planned_attendee == "赵敏（副局长）"


def test_a_liaison_cannot_register_for_another_unit(notified_meeting, unit, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="区财政局 不是您的单位"):
        services.meeting_register_attendee(
            actor=liaison["区民政局"], meeting=notified_meeting, unit=unit["区财政局"], attendee="李强"
        )


def test_the_convenor_cannot_register_attendees(notified_meeting, unit, convenor_user, nothing_saved):
    with nothing_saved(), pytest.raises(NotPermitted, match="您只能代表本单位办理"):
        services.meeting_register_attendee(
            actor=convenor_user, meeting=notified_meeting, unit=unit["区民政局"], attendee="张伟"
        )


def test_a_unit_that_was_not_invited_cannot_register(notified_meeting, unit, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="本单位未被邀请参加此次会议"):
        services.meeting_register_attendee(
            actor=liaison["区委宣传部"], meeting=notified_meeting, unit=unit["区委宣传部"], attendee="陈晨"
        )


def test_an_attendee_needs_a_name(notified_meeting, unit, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="请填写参会人员姓名和职务"):
        services.meeting_register_attendee(
            actor=liaison["区民政局"], meeting=notified_meeting, unit=unit["区民政局"], attendee="   "
        )


def test_no_attendee_is_registered_once_the_meeting_is_held(held_meeting, unit, liaison, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议已召开或已取消，不能再登记参会人员"):
        services.meeting_register_attendee(
            actor=liaison["区民政局"], meeting=held_meeting, unit=unit["区民政局"], attendee="张伟"
        )


def test_no_attendee_is_registered_once_held_even_through_a_copy_loaded_before(
    notified_meeting, office_user, unit, liaison, sheet, nothing_saved, meeting_day
):
    # The liaison's page loaded the meeting; the office records it held before the liaison submits.
    loaded_before = Meeting.objects.get(pk=notified_meeting.pk)
    services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)

    with nothing_saved(), pytest.raises(InvalidState, match="会议已召开或已取消，不能再登记参会人员"):
        services.meeting_register_attendee(
            actor=liaison["区民政局"], meeting=loaded_before, unit=unit["区民政局"], attendee="张伟"
        )


def test_no_attendee_is_registered_for_a_cancelled_meeting(notified_meeting, office_user, unit, liaison, nothing_saved):
    cancelled = services.meeting_cancel(actor=office_user, meeting=notified_meeting, reason="改期")

    with nothing_saved(), pytest.raises(InvalidState, match="会议已召开或已取消"):
        services.meeting_register_attendee(
            actor=liaison["区民政局"], meeting=cancelled, unit=unit["区民政局"], attendee="张伟"
        )


# --- hold -------------------------------------------------------------------------------


def test_holding_records_each_units_attendance_and_moves_the_meeting_to_held(
    notified_meeting, office_user, unit, sheet, meeting_day
):
    services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)

    notified_meeting.refresh_from_db()
    assert notified_meeting.status == Meeting.Status.HELD
    assert {(a.unit.short_name, a.status, a.attendee) for a in notified_meeting.attendances.all()} == {
        ("区民政局", Attendance.Status.PRESENT, "张伟（局长）"),
        ("区教体局", Attendance.Status.PRESENT, "王芳（副局长）"),
        ("区财政局", Attendance.Status.PRESENT, "李强（副局长）"),
        ("区医保局", Attendance.Status.LEAVE, ""),
    }


def test_holding_is_audited_with_the_number_present(notified_meeting, office_user, sheet, audit_entries, meeting_day):
    services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)

    [entry] = audit_entries(notified_meeting, "coordination.meeting.hold")
    assert entry.user == office_user
    assert entry.data["changes"] == {"status": "held", "present": 3}


def test_holding_needs_the_attendance_of_every_invited_unit(
    notified_meeting, office_user, unit, sheet, nothing_saved, meeting_day
):
    del sheet[unit["区医保局"].pk], sheet[unit["区教体局"].pk]

    with nothing_saved(), pytest.raises(DomainError, match="请登记以下单位的出席情况：区教体局、区医保局"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)


def test_a_unit_recorded_present_needs_the_name_of_who_came(
    notified_meeting, office_user, unit, sheet, nothing_saved, meeting_day
):
    sheet[unit["区财政局"].pk] = (Attendance.Status.PRESENT, "  ")

    with nothing_saved(), pytest.raises(DomainError, match="区财政局 出席，请填写出席人员姓名"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)


def test_holding_refuses_a_unit_that_was_not_invited(
    notified_meeting, office_user, unit, sheet, nothing_saved, meeting_day
):
    sheet[unit["区委宣传部"].pk] = (Attendance.Status.PRESENT, "陈晨")

    with nothing_saved(), pytest.raises(DomainError, match="有单位不在此次会议的邀请名单中"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)


def test_holding_refuses_an_attendance_that_is_not_present_absent_or_leave(
    notified_meeting, office_user, unit, sheet, nothing_saved, meeting_day
):
    sheet[unit["区医保局"].pk] = ("late", "")

    with nothing_saved(), pytest.raises(DomainError, match="出席情况只能是出席、缺席或请假"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)


def test_a_meeting_must_be_notified_before_it_is_held(scheduled_meeting, office_user, sheet, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议须先发出通知，才能登记召开"):
        services.meeting_hold(actor=office_user, meeting=scheduled_meeting, attendance=sheet)


def test_a_meeting_is_held_only_once(held_meeting, office_user, sheet, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议须先发出通知，才能登记召开"):
        services.meeting_hold(actor=office_user, meeting=held_meeting, attendance=sheet)


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_records_a_meeting_held(notified_meeting, non_office, sheet, nothing_saved, who, meeting_day):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以登记会议召开情况"):
        services.meeting_hold(actor=non_office[who], meeting=notified_meeting, attendance=sheet)


# --- cancel -----------------------------------------------------------------------------


def test_cancelling_a_notified_meeting_records_the_reason_and_tells_the_invited_liaisons(
    notified_meeting, office_user, notified
):
    services.meeting_cancel(actor=office_user, meeting=notified_meeting, reason=" 主持人另有公务，会议改期 ")

    notified_meeting.refresh_from_db()
    assert notified_meeting.status == Meeting.Status.CANCELLED
    assert notified_meeting.cancel_reason == "主持人另有公务，会议改期"
    assert notified("会议取消：2026年第1次例会") == INVITED


def test_cancelling_a_meeting_not_yet_notified_tells_no_one(scheduled_meeting, office_user):
    services.meeting_cancel(actor=office_user, meeting=scheduled_meeting, reason="改期")

    assert Meeting.objects.get(pk=scheduled_meeting.pk).status == Meeting.Status.CANCELLED
    assert not Notification.objects.filter(title__startswith="会议取消").exists()


def test_cancelling_is_audited_with_the_reason(scheduled_meeting, office_user, audit_entries):
    services.meeting_cancel(actor=office_user, meeting=scheduled_meeting, reason="改期")

    [entry] = audit_entries(scheduled_meeting, "coordination.meeting.cancel")
    assert entry.user == office_user
    assert entry.data == {"changes": {"status": "cancelled"}, "note": "改期"}


def test_cancelling_needs_a_reason(notified_meeting, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="请填写取消原因"):
        services.meeting_cancel(actor=office_user, meeting=notified_meeting, reason="  ")


def test_a_held_meeting_cannot_be_cancelled(held_meeting, office_user, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="已召开或已取消的会议不能取消"):
        services.meeting_cancel(actor=office_user, meeting=held_meeting, reason="误操作")


def test_a_cancelled_meeting_cannot_be_cancelled_again(scheduled_meeting, office_user, nothing_saved):
    services.meeting_cancel(actor=office_user, meeting=scheduled_meeting, reason="改期")

    with nothing_saved(), pytest.raises(InvalidState, match="已召开或已取消的会议不能取消"):
        services.meeting_cancel(actor=office_user, meeting=scheduled_meeting, reason="再次取消")


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_cancels_a_meeting(notified_meeting, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以取消会议"):
        services.meeting_cancel(actor=non_office[who], meeting=notified_meeting, reason="改期")


def test_an_office_user_who_left_cannot_schedule(schedule, nothing_saved):
    former = UserFactory(username="former-office", is_active=False)
    former.groups.add(permissions.role_group(permissions.Role.OFFICE))

    with nothing_saved(), pytest.raises(NotPermitted):
        schedule(actor=former)


# --- dates: the past, the same day --------------------------------------------------------


def test_a_meeting_in_the_past_needs_a_reason(schedule, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="会议开始时间已过；如需补录已召开的会议，请填写补录理由"):
        schedule(starts_at=at(2026, 2, 27, 9, 0), topic_deadline=at(2026, 2, 20, 17, 0))


def test_a_meeting_in_the_past_is_recorded_with_its_reason(schedule, audit_entries):
    meeting = schedule(starts_at=at(2026, 2, 27, 9, 0), topic_deadline=at(2026, 2, 20, 17, 0), past_reason="补录")

    assert Meeting.objects.get(pk=meeting.pk).past_reason == "补录"
    [entry] = audit_entries(meeting, "coordination.meeting.schedule")
    assert entry.data["note"] == "补录"


def test_a_future_meeting_keeps_no_past_reason(schedule):
    assert schedule(past_reason="不需要").past_reason == ""


def test_a_second_meeting_of_the_same_kind_on_the_same_day_asks_for_confirmation(schedule, nothing_saved):
    first = schedule()

    with nothing_saved(), pytest.raises(DuplicateMeeting, match="2026年04月10日已安排了2026年第1次临时会议") as refused:
        schedule(starts_at=at(2026, 4, 10, 9, 0), topic_deadline=at(2026, 4, 7, 9, 0))
    assert refused.value.others == [first]


def test_the_office_may_confirm_a_second_meeting_on_the_same_day(schedule):
    schedule()

    second = schedule(starts_at=at(2026, 4, 10, 9, 0), topic_deadline=at(2026, 4, 7, 9, 0), confirm_duplicate=True)

    assert second.number == 2


def test_a_meeting_of_another_kind_or_a_cancelled_one_that_day_is_no_duplicate(schedule, office_user):
    services.meeting_cancel(actor=office_user, meeting=schedule(), reason="改期")
    schedule(kind=Meeting.Kind.REGULAR)

    assert schedule().number == 3


# --- reschedule -------------------------------------------------------------------------


@pytest.fixture
def reschedule(office_user, chair):
    """Reschedule as the office; a new start moves the end with it unless told otherwise."""

    def call(meeting, **changes):
        starts_at = changes.get("starts_at", meeting.starts_at)
        kwargs = {
            "actor": office_user,
            "meeting": meeting,
            "starts_at": starts_at,
            "ends_at": meeting.ends_at + (starts_at - meeting.starts_at),
            "place": meeting.place,
            "chair": chair,
            "topic_deadline": meeting.topic_deadline,
        }
        return services.meeting_reschedule(**(kwargs | changes))

    return call


def test_rescheduling_keeps_the_number_and_raises_the_calendar_sequence(scheduled_meeting, make_meeting, reschedule):
    make_meeting(starts_at=at(2026, 4, 20, 9, 30))  # number 2 taken after it
    before = Meeting.objects.get(pk=scheduled_meeting.pk)

    moved = reschedule(scheduled_meeting, starts_at=at(2026, 3, 27, 9, 30), ends_at=at(2026, 3, 27, 11, 30))

    moved = Meeting.objects.get(pk=moved.pk)
    assert (moved.year, moved.number, moved.starts_at) == (2026, 1, at(2026, 3, 27, 9, 30))
    assert moved.sequence == before.sequence + 1


def test_rescheduling_is_audited_old_to_new(scheduled_meeting, reschedule, office_user, audit_entries):
    reschedule(scheduled_meeting, starts_at=at(2026, 3, 27, 9, 30), place="区民政局二楼会议室")

    [entry] = audit_entries(scheduled_meeting, "coordination.meeting.reschedule")
    assert entry.user == office_user
    assert entry.data["changes"] == {
        "starts_at": ["2026-03-20T09:30:00+08:00", "2026-03-27T09:30:00+08:00"],
        "ends_at": ["2026-03-20T11:30:00+08:00", "2026-03-27T11:30:00+08:00"],
        "place": ["区政府三楼会议室", "区民政局二楼会议室"],
    }


def test_rescheduling_a_notified_meeting_tells_the_invited_units_old_and_new(
    notified_meeting, reschedule, notified, liaison
):
    reschedule(notified_meeting, starts_at=at(2026, 3, 27, 9, 30), place="区民政局二楼会议室")

    assert notified("会议变更：2026年第1次例会") == INVITED
    notice = Notification.objects.get(recipient=liaison["区财政局"], title__startswith="会议变更")
    assert notice.body == "会议改定于2026年03月27日 09:30在区民政局二楼会议室召开（原定2026年03月20日 09:30）。"
    assert notice.url == notified_meeting.get_absolute_url()


def test_rescheduling_a_meeting_in_preparation_tells_no_one(scheduled_meeting, reschedule):
    reschedule(scheduled_meeting, place="区民政局二楼会议室")

    assert not Notification.objects.filter(title__startswith="会议变更").exists()


def test_rescheduling_into_another_year_is_refused(scheduled_meeting, reschedule, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="不能改到其他年度"):
        reschedule(scheduled_meeting, starts_at=at(2027, 1, 8, 9, 30))


def test_rescheduling_that_changes_nothing_is_refused(scheduled_meeting, reschedule, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="会议时间、地点和主持人都没有变化"):
        reschedule(scheduled_meeting)


def test_rescheduling_to_the_past_needs_a_reason(scheduled_meeting, reschedule, nothing_saved):
    with nothing_saved(), pytest.raises(DomainError, match="请填写补录理由"):
        reschedule(scheduled_meeting, starts_at=at(2026, 3, 1, 9, 30), topic_deadline=at(2026, 2, 27, 9, 0))


def test_rescheduling_onto_a_day_with_a_meeting_of_the_same_kind_asks_for_confirmation(
    scheduled_meeting, make_meeting, reschedule, nothing_saved
):
    make_meeting(starts_at=at(2026, 3, 27, 15, 0))

    with nothing_saved(), pytest.raises(DuplicateMeeting):
        reschedule(scheduled_meeting, starts_at=at(2026, 3, 27, 9, 30), ends_at=None)
    moved = reschedule(scheduled_meeting, starts_at=at(2026, 3, 27, 9, 30), ends_at=None, confirm_duplicate=True)
    assert moved.number == 1


def test_a_held_meeting_cannot_be_rescheduled(held_meeting, reschedule, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议已召开或已取消，不能再改期"):
        reschedule(held_meeting, place="另一会议室")


@pytest.mark.parametrize("who", ["convenor", "liaison"])
def test_only_the_office_reschedules(scheduled_meeting, reschedule, non_office, nothing_saved, who):
    with nothing_saved(), pytest.raises(NotPermitted, match="只有联席会议办公室可以修改会议安排"):
        reschedule(scheduled_meeting, actor=non_office[who], place="另一会议室")


# --- attendance at the meeting, and not held before it starts -----------------------------


def test_a_meeting_is_not_recorded_held_before_it_starts(notified_meeting, office_user, clock, sheet, nothing_saved):
    clock.set(2026, 3, 20, 9, 0)

    with nothing_saved(), pytest.raises(InvalidState, match="会议定于2026-03-20 09:30开始，开始之前不能登记为已召开"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)


def test_sign_in_is_refused_before_the_meeting_day(notified_meeting, office_user, unit, nothing_saved):
    with nothing_saved(), pytest.raises(InvalidState, match="会议当天（2026-03-20）起才能登记签到"):
        services.meeting_record_attendance(
            actor=office_user, meeting=notified_meeting, attendance={unit["区民政局"].pk: ("present", "张伟")}
        )


def test_units_are_signed_in_as_they_arrive_on_the_meeting_day(notified_meeting, office_user, clock, unit):
    clock.set(2026, 3, 20, 9, 10)

    services.meeting_record_attendance(
        actor=office_user,
        meeting=notified_meeting,
        attendance={unit["区民政局"].pk: ("present", "张伟"), unit["区医保局"].pk: ("leave", "")},
    )

    rows = {a.unit.short_name: a for a in notified_meeting.attendances.all()}
    assert (rows["区民政局"].status, rows["区民政局"].attendee) == (Attendance.Status.PRESENT, "张伟")
    assert (rows["区民政局"].recorded_at, rows["区民政局"].recorded_by) == (clock.now, office_user)
    assert rows["区医保局"].status == Attendance.Status.LEAVE
    assert (rows["区教体局"].status, rows["区教体局"].recorded_at) == (Attendance.Status.UNKNOWN, None)
    assert Meeting.objects.get(pk=notified_meeting.pk).status == Meeting.Status.NOTIFIED


def test_the_meeting_is_held_on_the_sign_in_already_recorded(notified_meeting, office_user, clock, unit, sheet):
    clock.set(2026, 3, 20, 9, 10)
    services.meeting_record_attendance(actor=office_user, meeting=notified_meeting, attendance=sheet)
    clock.set(2026, 3, 20, 11, 30)

    services.meeting_hold(actor=office_user, meeting=notified_meeting)

    assert Meeting.objects.get(pk=notified_meeting.pk).status == Meeting.Status.HELD
    assert notified_meeting.attendances.get(unit=unit["区教体局"]).attendee == "王芳（副局长）"


def test_holding_still_needs_every_unit_signed_in(notified_meeting, office_user, clock, unit, nothing_saved):
    clock.set(2026, 3, 20, 9, 10)
    services.meeting_record_attendance(
        actor=office_user, meeting=notified_meeting, attendance={unit["区民政局"].pk: ("present", "张伟")}
    )
    clock.set(2026, 3, 20, 11, 30)

    with nothing_saved(), pytest.raises(DomainError, match="请登记以下单位的出席情况：区教体局、区财政局、区医保局"):
        services.meeting_hold(actor=office_user, meeting=notified_meeting)
