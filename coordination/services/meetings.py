"""Meetings (例会, 临时会议): scheduling, notice, attendance, holding, cancelling."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError, InvalidState
from coordination.models import Attendance, Meeting, MemberUnit

from .common import audit, check, liaison_users, lock, required_text, take_number, validated
from .notifications import notification_send


@transaction.atomic
def meeting_schedule(
    *,
    actor,
    kind: str,
    starts_at: datetime.datetime,
    place: str,
    chair,
    topic_deadline: datetime.datetime,
    invited_units: Iterable[MemberUnit] | None = None,
    ends_at: datetime.datetime | None = None,
) -> Meeting:
    """Plan a meeting, numbered within its year, inviting all active units unless told otherwise."""
    check("meeting.schedule", actor)
    if not permissions.is_convenor(chair):
        raise InvalidState(_("会议须由总召集人或召集人主持。"))
    if topic_deadline >= starts_at:
        raise InvalidState(_("议题征集截止时间须早于会议开始时间。"))
    if ends_at and ends_at <= starts_at:
        raise InvalidState(_("会议结束时间须晚于开始时间。"))
    units = list(invited_units) if invited_units is not None else list(MemberUnit.objects.filter(is_active=True))
    if not units:
        raise InvalidState(_("请至少邀请一个成员单位。"))
    inactive = [u.short_name for u in units if not u.is_active]
    if inactive:
        raise InvalidState(_("%(units)s 已不是成员单位，不能邀请。") % {"units": "、".join(inactive)})
    year = timezone.localtime(starts_at).year
    meeting = Meeting(
        kind=kind,
        year=year,
        number=take_number("meeting", year),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        chair=chair,
        topic_deadline=topic_deadline,
        created_by=actor,
    )
    validated(meeting).save()
    Attendance.objects.bulk_create(Attendance(meeting=meeting, unit=unit) for unit in units)
    audit.record(
        meeting,
        "coordination.meeting.schedule",
        actor=actor,
        changes={"starts_at": starts_at.isoformat(), "place": place, "units": len(units)},
    )
    return meeting


@transaction.atomic
def meeting_notify(*, actor, meeting: Meeting) -> Meeting:
    """Tell every invited unit's liaison about the meeting (workbench and e-mail)."""
    meeting = lock(meeting)
    check("meeting.notify", actor, meeting)
    meeting.status, meeting.notified_at = Meeting.Status.NOTIFIED, timezone.now()
    meeting.save(update_fields=["status", "notified_at"])
    when = timezone.localtime(meeting.starts_at)
    notification_send(
        recipients=liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
        title=_("会议通知：%(title)s") % {"title": meeting.title},
        body=_("会议定于%(when)s在%(place)s召开，请于%(deadline)s前提交议题并登记参会人员。")
        % {
            "when": f"{when:%Y年%m月%d日 %H:%M}",
            "place": meeting.place,
            "deadline": f"{timezone.localtime(meeting.topic_deadline):%m月%d日 %H:%M}",
        },
        url=meeting.get_absolute_url(),
    )
    audit.record(meeting, "coordination.meeting.notify", actor=actor, changes={"status": meeting.status})
    return meeting


@transaction.atomic
def meeting_register_attendee(*, actor, meeting: Meeting, unit: MemberUnit, attendee: str) -> Attendance:
    """A liaison says who will attend for their unit."""
    meeting = lock(meeting)
    check("meeting.register_attendee", actor, meeting, unit=unit)
    attendance = Attendance.objects.select_for_update().filter(meeting=meeting, unit=unit).first()
    if attendance is None:
        raise InvalidState(_("本单位未被邀请参加此次会议。"))
    attendance.planned_attendee = required_text(attendee, _("请填写参会人员姓名和职务。"))
    attendance.save(update_fields=["planned_attendee"])
    audit.record(
        attendance,
        "coordination.meeting.register_attendee",
        actor=actor,
        changes={"attendee": attendance.planned_attendee},
    )
    return attendance


@transaction.atomic
def meeting_hold(*, actor, meeting: Meeting, attendance: dict[int, tuple[str, str]]) -> Meeting:
    """Record that the meeting took place, with each invited unit's attendance.

    `attendance` maps unit ids to (status, person's name); every invited unit must be accounted for.
    """
    meeting = lock(meeting)
    check("meeting.hold", actor, meeting)
    rows = {a.unit_id: a for a in meeting.attendances.select_for_update()}
    missing = set(rows) - set(attendance)
    if missing:
        names = "、".join(str(rows[pk].unit) for pk in sorted(missing, key=lambda pk: rows[pk].unit.order))
        raise DomainError(_("请登记以下单位的出席情况：%(units)s") % {"units": names})
    for unit_id, (status, name) in attendance.items():
        row = rows.get(unit_id)
        if row is None:
            raise DomainError(_("有单位不在此次会议的邀请名单中。"))
        if status not in (Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.LEAVE):
            raise DomainError(_("出席情况只能是出席、缺席或请假。"))
        if status == Attendance.Status.PRESENT and not name.strip():
            raise DomainError(_("%(unit)s 出席，请填写出席人员姓名。") % {"unit": row.unit})
        row.status, row.attendee = status, name.strip()
    Attendance.objects.bulk_update(rows.values(), ["status", "attendee"])
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    present = sum(1 for row in rows.values() if row.status == Attendance.Status.PRESENT)
    audit.record(
        meeting, "coordination.meeting.hold", actor=actor, changes={"status": meeting.status, "present": present}
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Call a meeting off, saying why; units already notified are told."""
    meeting = lock(meeting)
    check("meeting.cancel", actor, meeting)
    reason = required_text(reason, _("请填写取消原因。"))
    was_notified = meeting.status == Meeting.Status.NOTIFIED
    meeting.status, meeting.cancel_reason = Meeting.Status.CANCELLED, reason
    meeting.save(update_fields=["status", "cancel_reason"])
    if was_notified:
        notification_send(
            recipients=liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
            title=_("会议取消：%(title)s") % {"title": meeting.title},
            body=reason,
            url=meeting.get_absolute_url(),
        )
    audit.record(meeting, "coordination.meeting.cancel", actor=actor, changes={"status": meeting.status}, note=reason)
    return meeting
