"""Meetings (例会, 临时会议): scheduling, rescheduling, notice, attendance, holding, cancelling."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError, DuplicateMeeting, InvalidState
from coordination.models import Attendance, Meeting, MemberUnit

from .common import audit, check, clean_text, liaison_users, lock, required_text, take_number, validated
from .notifications import notification_send

RECORDED = (Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.LEAVE)
MAX_OBSERVERS = 30


def _when(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value):%Y年%m月%d日 %H:%M}"


def _audit_value(value) -> str:
    return timezone.localtime(value).isoformat() if isinstance(value, datetime.datetime) else str(value or "")


def _check_plan(
    *,
    kind: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    chair,
    topic_deadline: datetime.datetime,
    past_reason: str,
    confirm_duplicate: bool,
    meeting: Meeting | None = None,
) -> str:
    """Check a meeting's time, chair and day; return the cleaned reason for a time in the past.

    A time already past needs a reason (the office records a meeting held without the portal);
    another meeting of the same kind that day is refused until the office confirms it.
    """
    if not permissions.is_convenor(chair):
        raise InvalidState(_("会议须由总召集人或召集人主持。"))
    if topic_deadline >= starts_at:
        raise InvalidState(_("议题征集截止时间须早于会议开始时间。"))
    if ends_at and ends_at <= starts_at:
        raise InvalidState(_("会议结束时间须晚于开始时间。"))
    moved = meeting is None or starts_at != meeting.starts_at
    past = moved and starts_at < timezone.now()
    past_reason = clean_text(past_reason)
    if past and not past_reason:
        raise DomainError(_("会议开始时间已过；如需补录已召开的会议，请填写补录理由。"))
    day = timezone.localtime(starts_at).date()
    others = []
    if meeting is None or day != timezone.localdate(meeting.starts_at):
        midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        others = list(
            Meeting.objects.filter(
                kind=kind, starts_at__gte=midnight, starts_at__lt=midnight + datetime.timedelta(days=1)
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("starts_at")
        )
    if others and not confirm_duplicate:
        raise DuplicateMeeting(
            others,
            _("%(day)s已安排了%(titles)s。确需再安排同类会议，请勾选“仍然安排”后重新提交。")
            % {"day": f"{day:%Y年%m月%d日}", "titles": "、".join(m.title for m in others)},
        )
    return past_reason if past else ""


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
    past_reason: str = "",
    confirm_duplicate: bool = False,
) -> Meeting:
    """Plan a meeting, numbered within its year, inviting all active units unless told otherwise."""
    check("meeting.schedule", actor)
    past_reason = _check_plan(
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        chair=chair,
        topic_deadline=topic_deadline,
        past_reason=past_reason,
        confirm_duplicate=confirm_duplicate,
    )
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
        past_reason=past_reason,
        created_by=actor,
    )
    validated(meeting).save()
    Attendance.objects.bulk_create(Attendance(meeting=meeting, unit=unit) for unit in units)
    audit.record(
        meeting,
        "coordination.meeting.schedule",
        actor=actor,
        changes={"starts_at": starts_at.isoformat(), "place": place, "units": len(units)},
        note=past_reason,
    )
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    actor,
    meeting: Meeting,
    starts_at: datetime.datetime,
    place: str,
    chair,
    topic_deadline: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    past_reason: str = "",
    confirm_duplicate: bool = False,
) -> Meeting:
    """Change a meeting's time, place or chair, keeping its number; notified units are told old → new."""
    meeting = lock(meeting)
    check("meeting.edit", actor, meeting)
    past_reason = _check_plan(
        kind=meeting.kind,
        starts_at=starts_at,
        ends_at=ends_at,
        chair=chair,
        topic_deadline=topic_deadline,
        past_reason=past_reason,
        confirm_duplicate=confirm_duplicate,
        meeting=meeting,
    )
    if timezone.localtime(starts_at).year != meeting.year:
        raise InvalidState(
            _("%(title)s的编号属于%(year)s年，不能改到其他年度；请取消后重新安排。")
            % {"title": meeting.title, "year": meeting.year}
        )
    new = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place.strip(),
        "chair": chair,
        "topic_deadline": topic_deadline,
    }
    changes = {
        name: [_audit_value(getattr(meeting, name)), _audit_value(value)]
        for name, value in new.items()
        if getattr(meeting, name) != value
    }
    if not changes:
        raise DomainError(_("会议时间、地点和主持人都没有变化。"))
    old_starts_at = meeting.starts_at
    for name, value in new.items():
        setattr(meeting, name, value)
    meeting.past_reason = past_reason or meeting.past_reason
    meeting.sequence += 1
    validated(meeting).save()
    if meeting.status == Meeting.Status.NOTIFIED:
        notification_send(
            recipients=liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
            title=_("会议变更：%(title)s") % {"title": meeting.title},
            body=_("会议改定于%(when)s在%(place)s召开%(was)s。")
            % {
                "when": _when(meeting.starts_at),
                "place": meeting.place,
                "was": _("（原定%(old)s）") % {"old": _when(old_starts_at)} if "starts_at" in changes else "",
            },
            url=meeting.get_absolute_url(),
        )
    audit.record(meeting, "coordination.meeting.reschedule", actor=actor, changes=changes, note=past_reason)
    return meeting


@transaction.atomic
def meeting_notify(*, actor, meeting: Meeting) -> Meeting:
    """Send the meeting notice (会议通知) to every invited unit's liaison; from now on they see the meeting."""
    meeting = lock(meeting)
    check("meeting.notify", actor, meeting)
    meeting.status, meeting.notified_at = Meeting.Status.NOTIFIED, timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "notified_at", "sequence"])
    notification_send(
        recipients=liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
        title=_("会议通知：%(title)s") % {"title": meeting.title},
        body=_("会议定于%(when)s在%(place)s召开，请于%(deadline)s前提交议题并登记参会人员。")
        % {
            "when": _when(meeting.starts_at),
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
    attendance.planned_attendee = required_text(attendee, _("请填写参会人员姓名和职务。"), max_length=100)
    attendance.save(update_fields=["planned_attendee"])
    audit.record(
        attendance,
        "coordination.meeting.register_attendee",
        actor=actor,
        changes={"attendee": attendance.planned_attendee},
    )
    return attendance


def _apply_sheet(actor, meeting: Meeting, attendance: dict[int, tuple[str, str]]) -> dict[int, Attendance]:
    """Write the sheet's rows (unit id → status, who came) onto the invited units; return all rows."""
    rows = {a.unit_id: a for a in meeting.attendances.select_for_update().select_related("unit")}
    changed = []
    for unit_id, (status, name) in attendance.items():
        row = rows.get(unit_id)
        if row is None:
            raise DomainError(_("有单位不在此次会议的邀请名单中。"))
        if status not in (*RECORDED, Attendance.Status.UNKNOWN):
            raise DomainError(_("出席情况只能是出席、缺席或请假。"))
        name = clean_text(name, max_length=100)
        if status == Attendance.Status.PRESENT and not name:
            raise DomainError(_("%(unit)s 出席，请填写出席人员姓名。") % {"unit": row.unit})
        if (row.status, row.attendee) != (status, name):
            row.status, row.attendee = status, name
            row.recorded_at, row.recorded_by = timezone.now(), actor
            changed.append(row)
    Attendance.objects.bulk_update(changed, ["status", "attendee", "recorded_at", "recorded_by"])
    return rows


def _apply_observers(meeting: Meeting, observers: str | None) -> dict:
    """Record the 列席 list (one person a line); the audit's change, if any."""
    if observers is None:
        return {}
    lines = [clean_text(line, max_length=100) for line in observers.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > MAX_OBSERVERS:
        raise DomainError(_("列席人员最多 %(n)s 位。") % {"n": MAX_OBSERVERS})
    text = "\n".join(lines)
    if text == meeting.observers:
        return {}
    meeting.observers = text
    meeting.save(update_fields=["observers"])
    return {"observers": len(lines)}


@transaction.atomic
def meeting_record_attendance(
    *, actor, meeting: Meeting, attendance: dict[int, tuple[str, str]], observers: str | None = None
) -> Meeting:
    """Sign units in at the meeting (签到): present, on leave or absent, and who came; any rows, any
    time that day; and who attended without being a member unit (列席)."""
    meeting = lock(meeting)
    check("meeting.record_attendance", actor, meeting)
    rows = _apply_sheet(actor, meeting, attendance)
    present = sum(1 for row in rows.values() if row.status == Attendance.Status.PRESENT)
    audit.record(
        meeting,
        "coordination.meeting.record_attendance",
        actor=actor,
        changes={"rows": len(attendance), "present": present, **_apply_observers(meeting, observers)},
    )
    return meeting


@transaction.atomic
def meeting_hold(
    *, actor, meeting: Meeting, attendance: dict[int, tuple[str, str]] | None = None, observers: str | None = None
) -> Meeting:
    """Record that the meeting took place, once every invited unit's attendance is recorded.

    `attendance` maps unit ids to (status, person's name) and is written first, as at sign-in; rows
    signed in earlier that day stand.
    """
    meeting = lock(meeting)
    check("meeting.hold", actor, meeting)
    rows = _apply_sheet(actor, meeting, attendance or {})
    missing = [row for row in rows.values() if row.status not in RECORDED]
    if missing:
        names = "、".join(str(row.unit) for row in sorted(missing, key=lambda row: row.unit.order))
        raise DomainError(_("请登记以下单位的出席情况：%(units)s") % {"units": names})
    listed = _apply_observers(meeting, observers)
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status"])
    present = sum(1 for row in rows.values() if row.status == Attendance.Status.PRESENT)
    audit.record(
        meeting,
        "coordination.meeting.hold",
        actor=actor,
        changes={"status": meeting.status, "present": present, **listed},
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
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence"])
    if was_notified:
        notification_send(
            recipients=liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
            title=_("会议取消：%(title)s") % {"title": meeting.title},
            body=reason,
            url=meeting.get_absolute_url(),
        )
    audit.record(meeting, "coordination.meeting.cancel", actor=actor, changes={"status": meeting.status}, note=reason)
    return meeting
