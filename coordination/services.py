"""Every write of the coordination domain.

Each service is keyword-only, checks permission and state, validates with `full_clean()`,
writes the audit trail and queues its side effects with `transaction.on_commit`, so the
admin, the workbench, the API and Celery tasks all behave the same.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, permissions, selectors
from .errors import DomainError, InvalidState, NotPermitted, StaleEdit
from .models import (
    ActionItem,
    AgendaTopic,
    AgreedItem,
    Attendance,
    CalendarToken,
    Circular,
    ConsentAnswer,
    ConsentRound,
    CoOpinion,
    DigestLog,
    DocumentNumberSequence,
    ExtensionRequest,
    Liaison,
    Meeting,
    MemberUnit,
    Minutes,
    MinutesRevision,
    Notification,
    ProgressAttachment,
    ProgressReport,
    Proposal,
    Proposer,
    ReminderLog,
    Reply,
    TopicAttachment,
    Urge,
)
from .uploads import validate_upload

User = get_user_model()


def calendar_token_renew(*, user) -> CalendarToken:
    """Give the user a new secret calendar-feed URL; the old one stops working."""
    import secrets

    token, _created = CalendarToken.objects.update_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    audit.record(token, "coordination.calendar.renew", actor=user)
    return token


def notification_send(*, recipients: Iterable, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Notify users in the workbench and, after commit, by e-mail (one Celery task each)."""
    from .tasks import deliver_notification_email

    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, url=url) for user in {u.pk: u for u in recipients}.values()
    )
    for notification in notifications:
        transaction.on_commit(lambda pk=notification.pk: deliver_notification_email.delay(pk))
    return notifications


@transaction.atomic
def liaison_appoint(
    *,
    actor,
    unit: MemberUnit,
    user,
    start_date: datetime.date,
    position: str = "",
    phone: str = "",
) -> Liaison:
    """Make `user` the liaison of `unit` from `start_date`, ending the current term if any."""
    if not permissions.can_manage_membership(actor):
        raise NotPermitted(_("只有联席会议办公室可以任命联络员。"))
    unit = MemberUnit.objects.select_for_update().get(pk=unit.pk)
    if not unit.is_active:
        raise InvalidState(_("%(unit)s 已不是成员单位，不能任命联络员。") % {"unit": unit})
    other_term = Liaison.objects.active().filter(user=user).exclude(unit=unit).select_related("unit").first()
    if other_term:
        raise InvalidState(
            _("%(user)s 现为 %(unit)s 的联络员，请先为该单位任命新的联络员。")
            % {"user": user.get_username(), "unit": other_term.unit}
        )

    current = Liaison.objects.active().filter(unit=unit).select_related("user").first()
    if current and current.user_id == user.pk:
        raise InvalidState(_("%(user)s 已是 %(unit)s 的联络员。") % {"user": user.get_username(), "unit": unit})
    if current:
        if start_date <= current.start_date:
            raise InvalidState(_("新任联络员的起始日期须晚于现任联络员的起始日期。"))
        current.end_date = start_date - datetime.timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["end_date"])
        permissions.revoke_unit(current.user, unit)
        audit.record(current, "coordination.liaison.end", actor=actor, changes={"end_date": str(current.end_date)})

    liaison = Liaison(unit=unit, user=user, start_date=start_date, position=position, phone=phone)
    liaison.full_clean()
    liaison.save()
    permissions.grant_unit(user, unit)
    audit.record(
        liaison,
        "coordination.liaison.appoint",
        actor=actor,
        changes={"unit": unit.short_name, "user": user.get_username(), "start_date": str(start_date)},
        note=_("接替 %(name)s") % {"name": current.user.get_username()} if current else "",
    )
    notification_send(
        recipients=[user],
        title=_("您已被任命为%(unit)s联络员") % {"unit": unit.short_name},
        body=_("自 %(date)s 起，您代表%(unit)s办理联席会议事项。") % {"date": start_date, "unit": unit.short_name},
    )
    return liaison


# --- shared helpers ---------------------------------------------------------------------


def _require_office(actor, message: str) -> None:
    if not permissions.is_office(actor):
        raise NotPermitted(message)


def _require_unit(actor, unit: MemberUnit) -> None:
    if not permissions.can_act_for_unit(actor, unit):
        raise NotPermitted(_("您只能代表本单位办理：%(unit)s 不是您的单位。") % {"unit": unit})


def _validated(instance):
    """`full_clean()` with Django's errors turned into one domain error with their messages."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError("；".join(error.messages)) from error
    return instance


def _take_number(series: str, year: int) -> int:
    """The next serial of a document series, under a row lock (call inside the issuing transaction)."""
    DocumentNumberSequence.objects.get_or_create(series=series, year=year)
    sequence = DocumentNumberSequence.objects.select_for_update().get(series=series, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _liaison_users(units) -> list:
    return [term.user for term in Liaison.objects.active().filter(unit__in=units).select_related("user")]


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# --- meetings ---------------------------------------------------------------------------


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
    _require_office(actor, _("只有联席会议办公室可以安排会议。"))
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
        number=_take_number("meeting", year),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        chair=chair,
        topic_deadline=topic_deadline,
        created_by=actor,
    )
    _validated(meeting).save()
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
    _require_office(actor, _("只有联席会议办公室可以发出会议通知。"))
    meeting = _lock(Meeting, meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise InvalidState(_("只有筹备中的会议可以发出通知。"))
    meeting.status, meeting.notified_at = Meeting.Status.NOTIFIED, timezone.now()
    meeting.save(update_fields=["status", "notified_at"])
    units = MemberUnit.objects.filter(attendances__meeting=meeting)
    when = timezone.localtime(meeting.starts_at)
    notification_send(
        recipients=_liaison_users(units),
        title=_("会议通知：%(title)s") % {"title": meeting.title},
        body=_("会议定于%(when)s在%(place)s召开，请于%(deadline)s前提交议题并登记参会人员。")
        % {
            "when": f"{when:%Y年%m月%d日 %H:%M}",
            "place": meeting.place,
            "deadline": f"{timezone.localtime(meeting.topic_deadline):%m月%d日 %H:%M}",
        },
        url=f"/workbench/meetings/{meeting.pk}/",
    )
    audit.record(meeting, "coordination.meeting.notify", actor=actor, changes={"status": meeting.status})
    return meeting


@transaction.atomic
def meeting_register_attendee(*, actor, meeting: Meeting, unit: MemberUnit, attendee: str) -> Attendance:
    """A liaison says who will attend for their unit."""
    _require_unit(actor, unit)
    meeting = _lock(Meeting, meeting)
    attendance = Attendance.objects.select_for_update().filter(meeting=meeting, unit=unit).first()
    if attendance is None:
        raise InvalidState(_("本单位未被邀请参加此次会议。"))
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED):
        raise InvalidState(_("会议已召开或已取消，不能再登记参会人员。"))
    if not attendee.strip():
        raise DomainError(_("请填写参会人员姓名和职务。"))
    attendance.planned_attendee = attendee.strip()
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
    _require_office(actor, _("只有联席会议办公室可以登记会议召开情况。"))
    meeting = _lock(Meeting, meeting)
    if meeting.status != Meeting.Status.NOTIFIED:
        raise InvalidState(_("会议须先发出通知，才能登记召开。"))
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
    _require_office(actor, _("只有联席会议办公室可以取消会议。"))
    meeting = _lock(Meeting, meeting)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED):
        raise InvalidState(_("已召开或已取消的会议不能取消。"))
    if not reason.strip():
        raise DomainError(_("请填写取消原因。"))
    was_notified = meeting.status == Meeting.Status.NOTIFIED
    meeting.status, meeting.cancel_reason = Meeting.Status.CANCELLED, reason.strip()
    meeting.save(update_fields=["status", "cancel_reason"])
    if was_notified:
        notification_send(
            recipients=_liaison_users(MemberUnit.objects.filter(attendances__meeting=meeting)),
            title=_("会议取消：%(title)s") % {"title": meeting.title},
            body=reason,
            url=f"/workbench/meetings/{meeting.pk}/",
        )
    audit.record(meeting, "coordination.meeting.cancel", actor=actor, changes={"status": meeting.status}, note=reason)
    return meeting


# --- agenda topics ----------------------------------------------------------------------


@transaction.atomic
def topic_propose(
    *,
    actor,
    meeting: Meeting,
    unit: MemberUnit | None,
    title: str,
    background: str,
    decision_requested: str,
    files: Iterable = (),
) -> AgendaTopic:
    """A unit proposes a topic before the deadline; the office (unit None) may add its own until the meeting."""
    if unit is None:
        _require_office(actor, _("只有联席会议办公室可以提出办公室议题。"))
    else:
        _require_unit(actor, unit)
    meeting = _lock(Meeting, meeting)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED):
        raise InvalidState(_("此次会议已不再征集议题。"))
    if unit is not None:
        if not meeting.attendances.filter(unit=unit).exists():
            raise InvalidState(_("本单位未被邀请参加此次会议。"))
        if timezone.now() > meeting.topic_deadline:
            raise InvalidState(
                _("议题征集已于%(deadline)s截止，请联系联席会议办公室。")
                % {"deadline": f"{timezone.localtime(meeting.topic_deadline):%Y-%m-%d %H:%M}"}
            )
    files = list(files)
    for upload in files:
        validate_upload(upload)  # before anything is written: a bad file saves nothing
    topic = AgendaTopic(
        meeting=meeting,
        unit=unit,
        title=title.strip(),
        background=background.strip(),
        decision_requested=decision_requested.strip(),
        proposed_by=actor,
    )
    _validated(topic).save()
    for upload in files:
        TopicAttachment.objects.create(topic=topic, file=upload, name=upload.name[:200])
    audit.record(topic, "coordination.topic.propose", actor=actor, changes={"title": topic.title})
    return topic


def _topic_decision(actor, topic: AgendaTopic, status: str, reason: str) -> AgendaTopic:
    _require_office(actor, _("只有联席会议办公室可以审定议题。"))
    # Lock the meeting before the topic: two decisions on one agenda must not take the same slot.
    meeting = _lock(Meeting, topic.meeting)
    topic = _lock(AgendaTopic, topic)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED):
        raise InvalidState(_("会议已召开或已取消，议程不能再调整。"))
    allowed = {
        AgendaTopic.Status.ACCEPTED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.DEFERRED),
        AgendaTopic.Status.DEFERRED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.ACCEPTED),
        AgendaTopic.Status.DECLINED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.DEFERRED),
    }
    if topic.status not in allowed[status]:
        raise InvalidState(_("议题当前为“%(status)s”，不能这样处理。") % {"status": topic.get_status_display()})
    if status != AgendaTopic.Status.ACCEPTED and not reason.strip():
        raise DomainError(_("暂缓或不予列入议程，须说明理由。"))
    topic.status, topic.reason = status, reason.strip()
    if status == AgendaTopic.Status.ACCEPTED:
        last = meeting.topics.aggregate(last=Max("agenda_order"))["last"] or 0
        topic.agenda_order = last + 1
    else:
        topic.agenda_order = None
    topic.save(update_fields=["status", "reason", "agenda_order"])
    audit.record(topic, f"coordination.topic.{status}", actor=actor, changes={"status": status}, note=topic.reason)
    if topic.unit_id:
        notification_send(
            recipients=_liaison_users([topic.unit]),
            title=_("议题“%(title)s”：%(status)s") % {"title": topic.title, "status": topic.get_status_display()},
            body=topic.reason,
            url=f"/workbench/meetings/{meeting.pk}/",
        )
    return topic


@transaction.atomic
def topic_accept(*, actor, topic: AgendaTopic) -> AgendaTopic:
    """Put a topic on the agenda, after the topics already there."""
    return _topic_decision(actor, topic, AgendaTopic.Status.ACCEPTED, "")


@transaction.atomic
def topic_defer(*, actor, topic: AgendaTopic, reason: str) -> AgendaTopic:
    return _topic_decision(actor, topic, AgendaTopic.Status.DEFERRED, reason)


@transaction.atomic
def topic_decline(*, actor, topic: AgendaTopic, reason: str) -> AgendaTopic:
    return _topic_decision(actor, topic, AgendaTopic.Status.DECLINED, reason)


@transaction.atomic
def agenda_reorder(*, actor, meeting: Meeting, topic_ids: list[int]) -> None:
    """Set the order of the accepted topics; the list must name each of them once."""
    _require_office(actor, _("只有联席会议办公室可以调整议程。"))
    meeting = _lock(Meeting, meeting)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED):
        raise InvalidState(_("会议已召开或已取消，议程不能再调整。"))
    accepted = {t.pk: t for t in meeting.topics.select_for_update().filter(status=AgendaTopic.Status.ACCEPTED)}
    if sorted(topic_ids) != sorted(accepted):
        raise DomainError(_("议程顺序须包含全部已列入议程的议题，且每个只出现一次。"))
    # Two passes keep the (meeting, agenda_order) constraint satisfied while slots are swapped.
    AgendaTopic.objects.filter(pk__in=topic_ids).update(agenda_order=None)
    for position, pk in enumerate(topic_ids, start=1):
        AgendaTopic.objects.filter(pk=pk).update(agenda_order=position)
    audit.record(meeting, "coordination.meeting.reorder_agenda", actor=actor, changes={"order": topic_ids})


# --- minutes ----------------------------------------------------------------------------


def _save_agreed_items(minutes: Minutes, items: list[dict]) -> list[dict]:
    """Replace the agreed items; returns their snapshot for the revision."""
    if not items:
        raise DomainError(_("会议纪要至少要有一项议定事项。"))
    minutes.agreed_items.all().delete()
    snapshot = []
    for order, data in enumerate(items, start=1):
        lead = data.get("lead_unit")
        if lead is None or not lead.is_active:
            raise DomainError(_("第%(n)s项议定事项须指定一个现有成员单位作为牵头单位。") % {"n": order})
        co_units = [u for u in data.get("co_units", []) if u.pk != lead.pk]
        item = AgreedItem(
            minutes=minutes,
            order=order,
            title=(data.get("title") or "").strip(),
            lead_unit=lead,
            deadline=data.get("deadline"),
            expected_result=(data.get("expected_result") or "").strip(),
        )
        if not item.title or not item.deadline:
            raise DomainError(_("第%(n)s项议定事项须填写事项内容和完成时限。") % {"n": order})
        _validated(item).save()
        item.co_units.set(co_units)
        snapshot.append(
            {
                "order": order,
                "title": item.title,
                "lead_unit": lead.short_name,
                "co_units": [u.short_name for u in sorted(co_units, key=lambda u: u.order)],
                "deadline": str(item.deadline),
                "expected_result": item.expected_result,
            }
        )
    return snapshot


def _revise(minutes: Minutes, actor, title: str, body: str, items: list[dict], note: str) -> MinutesRevision:
    minutes.title, minutes.body = title.strip(), body.strip()
    if not minutes.title or not minutes.body:
        raise DomainError(_("请填写纪要标题和正文。"))
    _validated(minutes).save()
    snapshot = _save_agreed_items(minutes, items)
    return MinutesRevision.objects.create(
        minutes=minutes,
        version=minutes.version,
        title=minutes.title,
        body=minutes.body,
        agreed_items=snapshot,
        note=note,
        created_by=actor,
    )


@transaction.atomic
def minutes_draft(*, actor, meeting: Meeting, title: str, body: str, agreed_items: list[dict]) -> Minutes:
    """Start the minutes of a held meeting (version 1)."""
    _require_office(actor, _("只有联席会议办公室可以起草会议纪要。"))
    meeting = _lock(Meeting, meeting)
    if meeting.status != Meeting.Status.HELD:
        raise InvalidState(_("会议召开后才能起草纪要。"))
    if Minutes.objects.filter(meeting=meeting).exists():
        raise InvalidState(_("此次会议已有纪要草稿，请在草稿上修改。"))
    minutes = Minutes(meeting=meeting, title=title, body=body, copies_to=settings.PORTAL_MINUTES_COPIES_TO)
    _revise(minutes, actor, title, body, agreed_items, note=_("初稿"))
    audit.record(minutes, "coordination.minutes.draft", actor=actor, changes={"version": 1})
    return minutes


@transaction.atomic
def minutes_revise(
    *, actor, minutes: Minutes, base_version: int, title: str, body: str, agreed_items: list[dict], note: str = ""
) -> Minutes:
    """Save a new revision of the draft.

    `base_version` is the version the editor started from; if someone saved since, the save is
    refused with `StaleEdit` carrying the current revision, and nothing is written. Revising while
    a consent round is open closes that round (the units must see the new text).
    """
    _require_office(actor, _("只有联席会议办公室可以修改会议纪要。"))
    minutes = _lock(Minutes, minutes)
    if minutes.status not in (Minutes.Status.DRAFT, Minutes.Status.IN_CONSENT):
        raise InvalidState(_("纪要已征求意见完毕或已印发，不能再修改。"))
    if base_version != minutes.version:
        raise StaleEdit(minutes.revisions.get(version=minutes.version))
    superseded = minutes.consent_rounds.filter(closed_at__isnull=True).first()
    if superseded:
        superseded.closed_at = timezone.now()
        superseded.save(update_fields=["closed_at"])
        minutes.status = Minutes.Status.DRAFT
    minutes.version += 1
    _revise(minutes, actor, title, body, agreed_items, note=note)
    audit.record(
        minutes,
        "coordination.minutes.revise",
        actor=actor,
        changes={"version": minutes.version, "closed_round": superseded.number if superseded else None},
        note=note,
    )
    return minutes


@transaction.atomic
def consent_round_open(*, actor, minutes: Minutes, deadline: datetime.datetime) -> ConsentRound:
    """Circulate the current revision to the units that attended, for agreement by `deadline`."""
    _require_office(actor, _("只有联席会议办公室可以征求与会单位意见。"))
    minutes = _lock(Minutes, minutes)
    if minutes.status != Minutes.Status.DRAFT:
        raise InvalidState(_("只有起草中的纪要可以征求意见。"))
    if deadline <= timezone.now():
        raise DomainError(_("反馈截止时间须晚于现在。"))
    units = list(
        MemberUnit.objects.filter(attendances__meeting=minutes.meeting, attendances__status=Attendance.Status.PRESENT)
    )
    if not units:
        raise InvalidState(_("没有登记出席的单位，无法征求意见。"))
    number = (minutes.consent_rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    round_ = ConsentRound.objects.create(
        minutes=minutes,
        revision=minutes.revisions.get(version=minutes.version),
        number=number,
        deadline=deadline,
        opened_by=actor,
    )
    ConsentAnswer.objects.bulk_create(ConsentAnswer(round=round_, unit=unit) for unit in units)
    minutes.status = Minutes.Status.IN_CONSENT
    minutes.save(update_fields=["status"])
    notification_send(
        recipients=_liaison_users(units),
        title=_("请确认会议纪要：%(title)s") % {"title": minutes.title},
        body=_("请于%(deadline)s前反馈同意或修改意见。")
        % {"deadline": f"{timezone.localtime(deadline):%Y-%m-%d %H:%M}"},
        url=f"/workbench/minutes/{minutes.pk}/consent/",
    )
    audit.record(
        minutes,
        "coordination.minutes.open_consent",
        actor=actor,
        changes={"round": number, "version": minutes.version, "units": len(units)},
    )
    return round_


@transaction.atomic
def consent_answer(*, actor, minutes: Minutes, unit: MemberUnit, agree: bool, comment: str = "") -> ConsentAnswer:
    """A liaison answers for their unit: agree, or ask for changes with text."""
    _require_unit(actor, unit)
    round_ = minutes.consent_rounds.filter(closed_at__isnull=True).first()
    if round_ is None:
        raise InvalidState(_("此纪要目前没有在征求意见。"))
    answer = ConsentAnswer.objects.select_for_update().filter(round=round_, unit=unit).first()
    if answer is None:
        raise NotPermitted(_("本单位不在此纪要的征求意见范围内。"))
    if timezone.now() > round_.deadline:
        raise InvalidState(
            _("反馈已于%(deadline)s截止，请联系联席会议办公室。")
            % {"deadline": f"{timezone.localtime(round_.deadline):%Y-%m-%d %H:%M}"}
        )
    if not agree and not comment.strip():
        raise DomainError(_("提出修改意见时，请写明需要修改的内容。"))
    answer.answer = ConsentAnswer.Answer.AGREE if agree else ConsentAnswer.Answer.CHANGES
    answer.comment, answer.answered_by, answer.answered_at = comment.strip(), actor, timezone.now()
    answer.save(update_fields=["answer", "comment", "answered_by", "answered_at"])
    audit.record(
        answer,
        "coordination.minutes.answer",
        actor=actor,
        changes={"answer": answer.answer, "round": round_.number},
        note=answer.comment,
    )
    return answer


@transaction.atomic
def consent_round_close(*, actor, minutes: Minutes, silence_reason: str = "") -> ConsentRound:
    """Close the open round as consent.

    Every unit must have agreed; after the deadline, units that stayed silent may be counted as
    consenting, with the office's reason on record. A request for changes means revising instead.
    """
    _require_office(actor, _("只有联席会议办公室可以结束意见征求。"))
    minutes = _lock(Minutes, minutes)
    round_ = minutes.consent_rounds.select_for_update().filter(closed_at__isnull=True).first()
    if minutes.status != Minutes.Status.IN_CONSENT or round_ is None:
        raise InvalidState(_("此纪要目前没有在征求意见。"))
    answers = list(round_.answers.select_related("unit"))
    changes = [a.unit.short_name for a in answers if a.answer == ConsentAnswer.Answer.CHANGES]
    if changes:
        raise InvalidState(_("%(units)s 提出了修改意见，请修改纪要后重新征求意见。") % {"units": "、".join(changes)})
    pending = [a for a in answers if a.answer == ConsentAnswer.Answer.PENDING]
    if pending:
        if timezone.now() <= round_.deadline:
            raise InvalidState(
                _("反馈截止前还有单位未答复：%(units)s。") % {"units": "、".join(a.unit.short_name for a in pending)}
            )
        if not silence_reason.strip():
            raise DomainError(_("有单位逾期未反馈；视为同意须写明理由。"))
        for answer in pending:
            answer.answer, answer.silence_reason = ConsentAnswer.Answer.SILENCE, silence_reason.strip()
        ConsentAnswer.objects.bulk_update(pending, ["answer", "silence_reason"])
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    minutes.status = Minutes.Status.CONSENT_CLOSED
    minutes.save(update_fields=["status"])
    audit.record(
        minutes,
        "coordination.minutes.close_consent",
        actor=actor,
        changes={"round": round_.number, "silent_units": [a.unit.short_name for a in pending]},
        note=silence_reason,
    )
    return round_


@transaction.atomic
def minutes_issue(*, actor, minutes: Minutes, reported_on: datetime.date) -> Minutes:
    """Issue the agreed minutes: freeze, number, create the action items, notify, report upward.

    The 文号 comes from the minutes series of the issue year inside this transaction, so a
    failure anywhere here leaves neither a number used nor half-created action items.
    """
    from .tasks import render_minutes_pdf

    _require_office(actor, _("只有联席会议办公室可以印发会议纪要。"))
    minutes = _lock(Minutes, minutes)
    if minutes.status != Minutes.Status.CONSENT_CLOSED:
        raise InvalidState(_("与会单位意见征求完毕后才能印发纪要。"))
    now = timezone.now()
    if reported_on > timezone.localdate(now):
        raise DomainError(_("上报区政府的日期不能晚于今天。"))
    year = timezone.localdate(now).year
    minutes.doc_number = settings.PORTAL_MINUTES_NUMBER_PATTERN.format(year=year, serial=_take_number("minutes", year))
    minutes.status, minutes.issued_at, minutes.issued_by, minutes.reported_on = (
        Minutes.Status.ISSUED,
        now,
        actor,
        reported_on,
    )
    _validated(minutes).save()
    for item in minutes.agreed_items.prefetch_related("co_units"):
        action = ActionItem.objects.create(
            source=ActionItem.Source.AGREED_ITEM,
            agreed_item=item,
            title=item.title,
            description=item.expected_result,
            lead_unit=item.lead_unit,
            deadline=item.deadline,
            original_deadline=item.deadline,
            source_reference=f"{minutes.doc_number} 第{item.order}项",
        )
        action.co_units.set(item.co_units.all())
    Meeting.objects.filter(pk=minutes.meeting_id).update(status=Meeting.Status.MINUTES_ISSUED)
    assigned = AgreedItem.objects.filter(minutes=minutes)
    units = MemberUnit.objects.filter(
        Q(attendances__meeting=minutes.meeting_id)
        | Q(pk__in=assigned.values("lead_unit"))
        | Q(pk__in=assigned.values("co_units"))
    ).distinct()
    notification_send(
        recipients=_liaison_users(units),
        title=_("会议纪要已印发：%(number)s") % {"number": minutes.doc_number},
        body=_("%(title)s 已印发，本单位承担的议定事项已列入督办。") % {"title": minutes.title},
        url=f"/workbench/minutes/{minutes.pk}/",
    )
    audit.record(
        minutes,
        "coordination.minutes.issue",
        actor=actor,
        changes={
            "doc_number": minutes.doc_number,
            "reported_on": str(reported_on),
            "action_items": minutes.agreed_items.count(),
        },
    )
    transaction.on_commit(lambda: render_minutes_pdf.delay(minutes.pk))
    return minutes


def minutes_store_pdf(*, minutes_id: int) -> bool:
    """Render the minutes' PDF into storage if what it prints changed since the last rendering.

    Rendering takes a second or two, so it runs outside the row lock; the lock is taken only to
    store the result, and a concurrent rendering of the same content is simply not stored twice.
    """
    from django.core.files.base import ContentFile

    from .documents import fingerprint, minutes_document
    from .pdf import render_pdf

    minutes = Minutes.objects.select_related("meeting").get(pk=minutes_id)
    document = minutes_document(minutes)
    digest = fingerprint(document)
    if minutes.pdf and minutes.pdf_fingerprint == digest:
        return False
    content = render_pdf(document)
    with transaction.atomic():
        minutes = _lock(Minutes, minutes)
        if minutes.pdf_fingerprint == digest and minutes.pdf:
            return False
        name = f"{minutes.meeting.year}-{minutes.meeting.number}-minutes.pdf"
        minutes.pdf.save(name, ContentFile(content), save=False)
        minutes.pdf_fingerprint = digest
        minutes.save(update_fields=["pdf", "pdf_fingerprint"])
    return True


# --- action items (督办) ------------------------------------------------------------------


def _item_units(item: ActionItem) -> list[MemberUnit]:
    return [item.lead_unit, *item.co_units.all()]


@transaction.atomic
def action_item_create(
    *,
    actor,
    title: str,
    lead_unit: MemberUnit,
    co_units: Iterable[MemberUnit] = (),
    deadline: datetime.date | None,
    description: str = "",
    source: str = ActionItem.Source.OFFICE,
    source_reference: str = "",
    towns_carry_out: bool = False,
) -> ActionItem:
    """The office assigns work directly, or records a standing measure of a policy."""
    _require_office(actor, _("只有联席会议办公室可以交办事项。"))
    item = ActionItem(
        source=source,
        title=title.strip(),
        description=description.strip(),
        lead_unit=lead_unit,
        deadline=deadline,
        original_deadline=deadline,
        source_reference=source_reference,
        towns_carry_out=towns_carry_out,
    )
    _validated(item).save()
    item.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    notification_send(
        recipients=_liaison_users(_item_units(item)),
        title=_("新的督办事项：%(t)s") % {"t": item.title},
        body=item.description,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(item, "coordination.item.create", actor=actor, changes={"lead_unit": lead_unit.short_name})
    return item


@transaction.atomic
def standing_measure_upsert(
    *,
    actor,
    reference: str,
    title: str,
    lead_unit: MemberUnit,
    co_units: list[MemberUnit],
    towns_carry_out: bool,
) -> tuple[ActionItem, str]:
    """Create or update the standing action item of one measure of a policy; idempotent.

    Returns the item and what happened: "created", "updated" or "unchanged".
    """
    _require_office(actor, _("只有联席会议办公室可以导入常态化措施。"))
    item = (
        ActionItem.objects.select_for_update()
        .filter(source=ActionItem.Source.STANDING_MEASURE, source_reference=reference)
        .first()
    )
    co_ids = sorted(u.pk for u in co_units if u.pk != lead_unit.pk)
    if item is None:
        item = action_item_create(
            actor=actor,
            title=title,
            lead_unit=lead_unit,
            co_units=co_units,
            deadline=None,
            source=ActionItem.Source.STANDING_MEASURE,
            source_reference=reference,
            towns_carry_out=towns_carry_out,
        )
        return item, "created"
    current = (item.title, item.lead_unit_id, sorted(item.co_units.values_list("pk", flat=True)), item.towns_carry_out)
    if current == (title.strip(), lead_unit.pk, co_ids, towns_carry_out):
        return item, "unchanged"
    item.title, item.lead_unit, item.towns_carry_out = title.strip(), lead_unit, towns_carry_out
    _validated(item).save()
    item.co_units.set(co_ids)
    audit.record(item, "coordination.item.update", actor=actor, changes={"reference": reference})
    return item, "updated"


@transaction.atomic
def action_item_report_progress(
    *,
    actor,
    item: ActionItem,
    unit: MemberUnit,
    text: str,
    percent: int | None = None,
    completion: bool = False,
    files: Iterable = (),
) -> ProgressReport:
    """A lead or co-unit reports progress; only the lead unit reports completion.

    Every upload is checked before anything is written, so a rejected file leaves no report behind.
    """
    _require_unit(actor, unit)
    item = _lock(ActionItem, item)
    is_lead = unit.pk == item.lead_unit_id
    if not is_lead and not item.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此事项的牵头或配合单位。") % {"unit": unit})
    if item.status in (ActionItem.Status.CLOSED, ActionItem.Status.CANCELLED):
        raise InvalidState(_("事项已办结或已撤销，不能再报告进展。"))
    if completion and not is_lead:
        raise NotPermitted(_("只有牵头单位可以报办结；配合单位请报告本单位的进展。"))
    if completion and item.status == ActionItem.Status.COMPLETION_REPORTED:
        raise InvalidState(_("已报办结，正在等待办公室审核。"))
    if not text.strip():
        raise DomainError(_("请填写进展情况。"))
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(_("完成进度应在 0 到 100 之间。"))
    files = list(files)
    kinds = [validate_upload(upload) for upload in files]
    report = ProgressReport.objects.create(
        action_item=item,
        unit=unit,
        author=actor,
        text=text.strip(),
        percent=100 if completion else percent,
        is_completion=completion,
    )
    for upload, kind in zip(files, kinds, strict=True):
        ProgressAttachment.objects.create(
            report=report, file=upload, name=upload.name[:200], kind=kind, size=upload.size
        )
    if completion:
        item.status = ActionItem.Status.COMPLETION_REPORTED
    elif item.status == ActionItem.Status.OPEN:
        item.status = ActionItem.Status.IN_PROGRESS
    item.save(update_fields=["status"])
    recipients = list(permissions.office_users()) if is_lead else _liaison_users([item.lead_unit])
    notification_send(
        recipients=recipients,
        title=_("%(unit)s 报告了进展：%(t)s") % {"unit": unit.short_name, "t": item.title},
        body=report.text,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(
        item,
        "coordination.item.report",
        actor=actor,
        changes={"unit": unit.short_name, "completion": completion, "status": item.status},
    )
    return report


@transaction.atomic
def action_item_close(*, actor, item: ActionItem) -> ActionItem:
    """The office accepts a reported completion (办结)."""
    _require_office(actor, _("只有联席会议办公室可以确认办结。"))
    item = _lock(ActionItem, item)
    if item.status != ActionItem.Status.COMPLETION_REPORTED:
        raise InvalidState(_("牵头单位报办结后，办公室才能确认办结。"))
    item.status, item.closed_at, item.status_reason = ActionItem.Status.CLOSED, timezone.now(), ""
    item.save(update_fields=["status", "closed_at", "status_reason"])
    notification_send(
        recipients=_liaison_users([item.lead_unit]),
        title=_("事项已办结：%(t)s") % {"t": item.title},
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(item, "coordination.item.close", actor=actor, changes={"status": item.status})
    return item


@transaction.atomic
def action_item_return(*, actor, item: ActionItem, reason: str) -> ActionItem:
    """The office sends a reported completion back to the lead unit, saying why."""
    _require_office(actor, _("只有联席会议办公室可以退回事项。"))
    item = _lock(ActionItem, item)
    if item.status != ActionItem.Status.COMPLETION_REPORTED:
        raise InvalidState(_("只有已报办结的事项可以退回。"))
    if not reason.strip():
        raise DomainError(_("退回须说明理由。"))
    item.status, item.status_reason = ActionItem.Status.IN_PROGRESS, reason.strip()
    item.save(update_fields=["status", "status_reason"])
    notification_send(
        recipients=_liaison_users([item.lead_unit]),
        title=_("事项被退回：%(t)s") % {"t": item.title},
        body=reason,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(item, "coordination.item.return", actor=actor, changes={"status": item.status}, note=reason)
    return item


@transaction.atomic
def action_item_cancel(*, actor, item: ActionItem, reason: str) -> ActionItem:
    _require_office(actor, _("只有联席会议办公室可以撤销事项。"))
    item = _lock(ActionItem, item)
    if item.status in ActionItem.FINISHED_STATUSES:
        raise InvalidState(_("事项已办结或已撤销。"))
    if not reason.strip():
        raise DomainError(_("撤销须说明理由。"))
    item.status, item.status_reason = ActionItem.Status.CANCELLED, reason.strip()
    item.save(update_fields=["status", "status_reason"])
    notification_send(
        recipients=_liaison_users(_item_units(item)),
        title=_("事项已撤销：%(t)s") % {"t": item.title},
        body=reason,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(item, "coordination.item.cancel", actor=actor, changes={"status": item.status}, note=reason)
    return item


@transaction.atomic
def extension_request(*, actor, item: ActionItem, reason: str, new_deadline: datetime.date) -> ExtensionRequest:
    """The lead unit asks for more time; one request at a time."""
    _require_unit(actor, item.lead_unit)
    item = _lock(ActionItem, item)
    if item.status in ActionItem.FINISHED_STATUSES:
        raise InvalidState(_("事项已办结或已撤销，无需延期。"))
    if not item.deadline or new_deadline <= item.deadline:
        raise DomainError(_("申请的新时限须晚于现在的时限。"))
    if not reason.strip():
        raise DomainError(_("请说明延期理由。"))
    if item.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise InvalidState(_("已有一份延期申请在等待审批。"))
    request = ExtensionRequest.objects.create(
        action_item=item, requested_by=actor, reason=reason.strip(), new_deadline=new_deadline
    )
    audit.record(
        item,
        "coordination.item.extension_request",
        actor=actor,
        changes={"new_deadline": str(new_deadline)},
        note=reason,
    )
    return request


@transaction.atomic
def extension_decide(*, actor, request: ExtensionRequest, approve: bool, note: str = "") -> ExtensionRequest:
    """The office approves (the deadline moves; the original stays on record) or refuses."""
    _require_office(actor, _("只有联席会议办公室可以审批延期。"))
    request = _lock(ExtensionRequest, request)
    if request.status != ExtensionRequest.Status.PENDING:
        raise InvalidState(_("这份延期申请已审批过。"))
    if not approve and not note.strip():
        raise DomainError(_("不同意延期须说明理由。"))
    request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    item = _lock(ActionItem, request.action_item)
    if approve:
        item.deadline = request.new_deadline
        item.save(update_fields=["deadline"])
    notification_send(
        recipients=_liaison_users([item.lead_unit]),
        title=_("延期申请%(d)s：%(t)s") % {"d": request.get_status_display(), "t": item.title},
        body=note,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(
        item,
        "coordination.item.extension_decide",
        actor=actor,
        changes={"approved": approve, "deadline": str(item.deadline)},
        note=note,
    )
    return request


@transaction.atomic
def action_item_urge(*, actor, item: ActionItem, unit: MemberUnit, text: str) -> Urge:
    """The office urges a unit (催办); the unit's liaison must acknowledge it."""
    _require_office(actor, _("只有联席会议办公室可以催办。"))
    if item.status in ActionItem.FINISHED_STATUSES:
        raise InvalidState(_("事项已办结或已撤销，无需催办。"))
    if unit not in _item_units(item):
        raise DomainError(_("%(unit)s 不承担此事项。") % {"unit": unit})
    if not text.strip():
        raise DomainError(_("请填写催办内容。"))
    urge = Urge.objects.create(action_item=item, unit=unit, text=text.strip(), sent_by=actor)
    notification_send(
        recipients=_liaison_users([unit]),
        title=_("催办通知：%(t)s") % {"t": item.title},
        body=text,
        url=f"/workbench/items/{item.pk}/",
    )
    audit.record(item, "coordination.item.urge", actor=actor, changes={"unit": unit.short_name}, note=text)
    return urge


@transaction.atomic
def urge_acknowledge(*, actor, urge: Urge) -> Urge:
    _require_unit(actor, urge.unit)
    urge = _lock(Urge, urge)
    if urge.acknowledged_at:
        raise InvalidState(_("已确认收到此催办。"))
    urge.acknowledged_by, urge.acknowledged_at = actor, timezone.now()
    urge.save(update_fields=["acknowledged_by", "acknowledged_at"])
    audit.record(
        urge.action_item, "coordination.item.urge_acknowledge", actor=actor, changes={"unit": urge.unit.short_name}
    )
    return urge


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind liaisons of items due in N days (settings) and, daily, of overdue ones. Idempotent.

    Each reminder is one transaction: the `ReminderLog` row (unique per item, kind and day) and
    its notifications commit together, so a second beat or a retried task finds the row and
    sends nothing twice.
    """
    from django.db import IntegrityError

    today = today or timezone.localdate()
    due = {f"before_{days}": today + datetime.timedelta(days=days) for days in settings.PORTAL_REMINDER_DAYS}
    items = ActionItem.objects.open().filter(deadline__isnull=False).select_related("lead_unit")
    sent = 0
    for item in items.filter(Q(deadline__in=list(due.values())) | Q(deadline__lt=today)).prefetch_related("co_units"):
        kind = "overdue" if item.deadline < today else next(k for k, d in due.items() if d == item.deadline)
        try:
            with transaction.atomic():
                ReminderLog.objects.create(action_item=item, kind=kind, day=today)
                days = (item.deadline - today).days
                title = (
                    _("事项已逾期 %(n)s 天：%(t)s") % {"n": -days, "t": item.title}
                    if days < 0
                    else _("事项将在 %(n)s 天后到期：%(t)s") % {"n": days, "t": item.title}
                )
                notification_send(
                    recipients=_liaison_users(_item_units(item)),
                    title=title,
                    body=_("完成时限：%(d)s") % {"d": item.deadline},
                    url=f"/workbench/items/{item.pk}/",
                )
        except IntegrityError:
            continue  # already reminded today
        sent += 1
    for item in (
        ActionItem.objects.open()
        .filter(proposal__co_opinion_deadline__in=list(due.values()))
        .select_related("proposal")
    ):
        proposal = item.proposal
        given = set(proposal.co_opinions.values_list("unit_id", flat=True))
        waiting = [unit for unit in proposal.co_units.all() if unit.pk not in given]
        if not waiting:
            continue
        days = (proposal.co_opinion_deadline - today).days
        try:
            with transaction.atomic():
                ReminderLog.objects.create(action_item=item, kind=f"co_opinion_{days}", day=today)
                notification_send(
                    recipients=_liaison_users(waiting),
                    title=_("协办意见将在 %(n)s 天后到期：%(t)s") % {"n": days, "t": proposal.title},
                    url=f"/workbench/proposals/{proposal.pk}/",
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


@transaction.atomic
def circular_issue(*, actor, period_start: datetime.date, period_end: datetime.date) -> Circular:
    """Issue the progress circular (通报) of a period, numbered in its own series, and render its PDF."""
    from .tasks import render_circular_pdf

    _require_office(actor, _("只有联席会议办公室可以印发通报。"))
    if period_end < period_start:
        raise DomainError(_("截止日期不能早于起始日期。"))
    if period_end > timezone.localdate():
        raise DomainError(_("通报期间不能包含将来的日期。"))
    year = timezone.localdate().year
    serial = _take_number("circular", year)
    circular = Circular(
        period_start=period_start,
        period_end=period_end,
        issued_by=actor,
        doc_number=settings.PORTAL_CIRCULAR_NUMBER_PATTERN.format(year=year, serial=serial),
        title=_("关于%(start)s至%(end)s联席会议议定事项落实情况的通报")
        % {"start": f"{period_start:%Y年%m月%d日}", "end": f"{period_end:%Y年%m月%d日}"},
        snapshot=selectors.circular_snapshot(period_start, period_end),
    )
    _validated(circular).save()
    audit.record(circular, "coordination.circular.issue", actor=actor, changes={"doc_number": circular.doc_number})
    notification_send(
        recipients=_liaison_users(MemberUnit.objects.filter(is_active=True)),
        title=_("通报已印发：%(n)s") % {"n": circular.doc_number},
        url=f"/workbench/circulars/{circular.pk}/pdf/",
    )
    transaction.on_commit(lambda: render_circular_pdf.delay(circular.pk))
    return circular


def circular_store_pdf(*, circular_id: int) -> bool:
    """Render the circular's PDF once; its content is frozen at issue, so once is enough."""
    from django.core.files.base import ContentFile

    from .documents import circular_document
    from .pdf import render_pdf

    circular = Circular.objects.get(pk=circular_id)
    if circular.pdf:
        return False
    content = render_pdf(circular_document(circular))
    with transaction.atomic():
        circular = _lock(Circular, circular)
        if circular.pdf:
            return False
        circular.pdf.save(f"circular-{circular.pk}.pdf", ContentFile(content), save=False)
        circular.save(update_fields=["pdf"])
    return True


# --- suggestions and proposals (建议提案) -------------------------------------------------


def _add_months(day: datetime.date, months: int) -> datetime.date:
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _sync_supervision(proposal: Proposal) -> ActionItem:
    """Keep the proposal's supervised item (督办) in step: same units, deadline and open/closed state.

    The proposal holds the facts; the item only lets the supervision views, reminders and the
    circular treat a reply that is due like any other work a unit owes.
    """
    item = ActionItem.objects.filter(proposal=proposal).first() or ActionItem(
        proposal=proposal, source=ActionItem.Source.PROPOSAL, original_deadline=proposal.original_deadline
    )
    item.title = f"答复{proposal.session}第{proposal.number}号{proposal.document_word}：{proposal.title}"[:300]
    item.source_reference = f"{proposal.session} 第{proposal.number}号"
    item.lead_unit, item.deadline = proposal.lead_unit, proposal.deadline
    finished = proposal.status in (Proposal.Status.REPLIED, Proposal.Status.CLOSED)
    if finished and item.status not in ActionItem.FINISHED_STATUSES:
        item.status, item.closed_at = ActionItem.Status.CLOSED, timezone.now()
    elif not finished:
        item.status, item.closed_at = ActionItem.Status.IN_PROGRESS if item.pk else ActionItem.Status.OPEN, None
    _validated(item).save()
    item.co_units.set(proposal.co_units.all())
    return item


def _lock_proposal(proposal: Proposal, allowed: tuple, message: str) -> Proposal:
    proposal = _lock(Proposal, proposal)
    if proposal.status not in allowed:
        raise InvalidState(message)
    return proposal


def _set_assignment(proposal: Proposal, lead_unit: MemberUnit, co_units, assigned_on: datetime.date) -> None:
    proposal.lead_unit, proposal.assigned_on = lead_unit, assigned_on
    proposal.deadline = proposal.original_deadline = _add_months(assigned_on, settings.PORTAL_PROPOSAL_REPLY_MONTHS)
    proposal.co_opinion_deadline = _add_months(assigned_on, settings.PORTAL_PROPOSAL_CO_OPINION_MONTHS)
    proposal.status, proposal.return_reason = Proposal.Status.ASSIGNED, ""


@transaction.atomic
def proposal_register(
    *,
    actor,
    kind: str,
    session: str,
    number: str,
    title: str,
    content: str,
    received_on: datetime.date,
    proposers: list[dict],
    lead_unit: MemberUnit,
    co_units: Iterable[MemberUnit] = (),
) -> Proposal:
    """Register a suggestion or proposal and assign it: lead unit, co-units, deadlines from today."""
    _require_office(actor, _("只有联席会议办公室可以登记和交办建议提案。"))
    if not proposers or any(not p.get("name", "").strip() for p in proposers):
        raise DomainError(_("请填写提出人姓名。"))
    number = "".join(number.split())
    if Proposal.objects.filter(kind=kind, session=session.strip(), number__iexact=number).exists():
        raise InvalidState(_("%(session)s 第%(number)s号已经登记过。") % {"session": session, "number": number})
    proposal = Proposal(
        kind=kind, session=session.strip(), number=number, title=title.strip(), content=content, received_on=received_on
    )
    _set_assignment(proposal, lead_unit, co_units, timezone.localdate())
    _validated(proposal).save()
    proposal.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    for data in proposers:
        Proposer.objects.create(
            proposal=proposal, name=data["name"].strip(), phone=data.get("phone", ""), address=data.get("address", "")
        )
    _sync_supervision(proposal)
    notification_send(
        recipients=_liaison_users([lead_unit, *proposal.co_units.all()]),
        title=_("交办%(kind)s：%(title)s") % {"kind": proposal.get_kind_display(), "title": proposal.title},
        body=_("请于%(d)s前答复。") % {"d": proposal.deadline},
        url=f"/workbench/proposals/{proposal.pk}/",
    )
    audit.record(
        proposal,
        "coordination.proposal.register",
        actor=actor,
        changes={"lead_unit": lead_unit.short_name, "deadline": str(proposal.deadline)},
    )
    return proposal


@transaction.atomic
def proposal_return(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """The lead unit returns a misassigned item within the allowed days, saying why."""
    _require_unit(actor, proposal.lead_unit)
    proposal = _lock_proposal(proposal, (Proposal.Status.ASSIGNED,), _("已开始办理的建议提案不能退回。"))
    days = (timezone.localdate() - proposal.assigned_on).days
    if days > settings.PORTAL_PROPOSAL_RETURN_DAYS:
        raise InvalidState(
            _("交办已超过 %(n)s 天，不能再退回，请联系联席会议办公室。") % {"n": settings.PORTAL_PROPOSAL_RETURN_DAYS}
        )
    if not reason.strip():
        raise DomainError(_("退回须说明理由。"))
    proposal.return_reason = reason.strip()
    proposal.save(update_fields=["return_reason"])
    notification_send(
        recipients=permissions.office_users(),
        title=_("%(unit)s 退回建议提案：%(t)s") % {"unit": proposal.lead_unit, "t": proposal.title},
        body=reason,
        url=f"/workbench/proposals/{proposal.pk}/",
    )
    audit.record(proposal, "coordination.proposal.return", actor=actor, changes={}, note=reason)
    return proposal


@transaction.atomic
def proposal_reassign(
    *, actor, proposal: Proposal, lead_unit: MemberUnit, co_units: Iterable[MemberUnit] = ()
) -> Proposal:
    """The office reassigns a returned item; deadlines start again from today."""
    _require_office(actor, _("只有联席会议办公室可以重新交办。"))
    proposal = _lock_proposal(proposal, (Proposal.Status.ASSIGNED,), _("已开始办理的建议提案不能重新交办。"))
    old = proposal.lead_unit.short_name
    _set_assignment(proposal, lead_unit, co_units, timezone.localdate())
    _validated(proposal).save()
    proposal.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    _sync_supervision(proposal)
    notification_send(
        recipients=_liaison_users([lead_unit]),
        title=_("交办建议提案：%(t)s") % {"t": proposal.title},
        url=f"/workbench/proposals/{proposal.pk}/",
    )
    audit.record(
        proposal, "coordination.proposal.reassign", actor=actor, changes={"from": old, "to": lead_unit.short_name}
    )
    return proposal


@transaction.atomic
def proposal_extend(*, actor, proposal: Proposal, new_deadline: datetime.date, reason: str) -> Proposal:
    """The office extends the deadline, at most six months after assignment."""
    _require_office(actor, _("只有联席会议办公室可以批准延期。"))
    proposal = _lock_proposal(
        proposal,
        (Proposal.Status.ASSIGNED, Proposal.Status.IN_HANDLING, Proposal.Status.REPLY_DRAFTED),
        _("已答复的建议提案不能延期。"),
    )
    limit = _add_months(proposal.assigned_on, settings.PORTAL_PROPOSAL_MAX_MONTHS)
    if new_deadline <= proposal.deadline or new_deadline > limit:
        raise DomainError(
            _("新时限须晚于现时限，且不超过交办后 %(n)s 个月（%(limit)s）。")
            % {"n": settings.PORTAL_PROPOSAL_MAX_MONTHS, "limit": limit}
        )
    if not reason.strip():
        raise DomainError(_("请说明延期理由。"))
    proposal.deadline = new_deadline
    proposal.save(update_fields=["deadline"])
    _sync_supervision(proposal)
    audit.record(
        proposal, "coordination.proposal.extend", actor=actor, changes={"deadline": str(new_deadline)}, note=reason
    )
    return proposal


@transaction.atomic
def proposal_co_opinion(*, actor, proposal: Proposal, unit: MemberUnit, text: str) -> CoOpinion:
    """A co-unit gives its opinion to the lead unit."""
    _require_unit(actor, unit)
    if not proposal.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此件的协办单位。") % {"unit": unit})
    if proposal.status in (Proposal.Status.REPLIED, Proposal.Status.CLOSED):
        raise InvalidState(_("此件已答复，不再需要协办意见。"))
    if not text.strip():
        raise DomainError(_("请填写协办意见。"))
    opinion = CoOpinion.objects.create(proposal=proposal, unit=unit, text=text.strip(), author=actor)
    notification_send(
        recipients=_liaison_users([proposal.lead_unit]),
        title=_("%(unit)s 提交了协办意见：%(t)s") % {"unit": unit.short_name, "t": proposal.title},
        body=text,
        url=f"/workbench/proposals/{proposal.pk}/",
    )
    audit.record(proposal, "coordination.proposal.co_opinion", actor=actor, changes={"unit": unit.short_name})
    return opinion


REPLY_FIELDS = (
    "category",
    "addressee",
    "body",
    "contact_person",
    "contact_phone",
    "copies_to",
    "disclosure",
    "non_disclosure_reason",
    "signer",
    "reply_date",
)


@transaction.atomic
def reply_save(*, actor, proposal: Proposal, **fields) -> Reply:
    """The lead unit's liaison drafts (or edits the draft of) the reply letter."""
    _require_unit(actor, proposal.lead_unit)
    proposal = _lock_proposal(
        proposal,
        (Proposal.Status.ASSIGNED, Proposal.Status.IN_HANDLING, Proposal.Status.REPLY_DRAFTED),
        _("答复已签发，修改须先由签发人重新打开。"),
    )
    unknown = set(fields) - set(REPLY_FIELDS)
    if unknown:
        raise DomainError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    reply = proposal.replies.filter(status=Reply.Status.DRAFT).first() or Reply(
        proposal=proposal,
        unit=proposal.lead_unit,
        drafted_by=actor,
        addressee="、".join(f"{p.name}{proposal.proposer_role}" for p in proposal.proposers.all()),
    )
    for name, value in fields.items():
        setattr(reply, name, value.strip() if isinstance(value, str) else value)
    _validated(reply).save()
    proposal.status = Proposal.Status.REPLY_DRAFTED
    proposal.save(update_fields=["status"])
    audit.record(reply, "coordination.reply.save", actor=actor, changes={"fields": sorted(fields)})
    return reply


@transaction.atomic
def reply_sign_off(*, actor, reply: Reply) -> Reply:
    """签发: a holder of the unit's sign-off permission freezes the reply and gives it its 文号."""
    if not permissions.can_sign_off(actor, reply.unit):
        raise NotPermitted(_("您没有签发%(unit)s答复的权限。") % {"unit": reply.unit})
    reply = _lock(Reply, reply)
    if reply.status != Reply.Status.DRAFT:
        raise InvalidState(_("只有草稿可以签发。"))
    missing = [
        str(Reply._meta.get_field(f).verbose_name) for f in ("category", "body", "addressee") if not getattr(reply, f)
    ]
    if missing:
        raise DomainError(_("签发前请填写：%(f)s") % {"f": "、".join(missing)})
    proposal = _lock(Proposal, reply.proposal)
    year = timezone.localdate().year
    word = "建" if proposal.kind == Proposal.Kind.NPC else "提"
    prefix = reply.unit.reply_prefix or f"陈{reply.unit.short_name.removeprefix('区').removesuffix('局')}"
    if not reply.doc_number:
        serial = _take_number(f"reply:{reply.unit_id}:{word}", year)
        reply.doc_number = settings.PORTAL_REPLY_NUMBER_PATTERN.format(
            prefix=prefix, word=word, year=year, serial=serial
        )
    reply.status, reply.signed_off_by, reply.signed_off_at = Reply.Status.SIGNED_OFF, actor, timezone.now()
    reply.signer = reply.signer or actor.get_full_name() or actor.get_username()
    reply.reply_date = reply.reply_date or timezone.localdate()
    if reply.disclosure == Reply.Disclosure.PROACTIVE and not reply.index_number:
        from content.index_numbers import next_index_number

        reply.index_number = next_index_number(year)
    _validated(reply).save()
    proposal.status = Proposal.Status.SIGNED_OFF
    proposal.save(update_fields=["status"])
    audit.record(reply, "coordination.reply.sign_off", actor=actor, changes={"doc_number": reply.doc_number})
    if reply.is_public:
        transaction.on_commit(lambda: _public_changed(reply))
    return reply


def _public_changed(reply: Reply) -> None:
    """What the public sees changed: refresh the cached pages and the search index."""
    from content.cache import bump

    bump()
    from content.fulltext.indexing import queue_index

    queue_index(reply)


@transaction.atomic
def reply_reopen(*, actor, reply: Reply, reason: str) -> Reply:
    """A recorded re-opening of a signed-off reply, by a holder of the sign-off permission."""
    if not permissions.can_sign_off(actor, reply.unit):
        raise NotPermitted(_("只有签发人可以重新打开已签发的答复。"))
    reply = _lock(Reply, reply)
    if reply.status != Reply.Status.SIGNED_OFF:
        raise InvalidState(_("只有已签发、尚未答复的答复可以重新打开。"))
    if not reason.strip():
        raise DomainError(_("重新打开须说明理由。"))
    was_public = reply.is_public
    reply.status = Reply.Status.DRAFT
    reply.save(update_fields=["status"])
    Proposal.objects.filter(pk=reply.proposal_id).update(status=Proposal.Status.REPLY_DRAFTED)
    audit.record(reply, "coordination.reply.reopen", actor=actor, changes={"status": reply.status}, note=reason)
    if was_public:
        transaction.on_commit(lambda: _public_changed(reply))
    return reply


@transaction.atomic
def reply_send(*, actor, reply: Reply) -> Reply:
    """The signed-off reply is sent to the deputy or member (答复)."""
    _require_unit(actor, reply.unit)
    reply = _lock(Reply, reply)
    if reply.status != Reply.Status.SIGNED_OFF:
        raise InvalidState(_("答复签发后才能寄出。"))
    reply.status = Reply.Status.SENT
    reply.save(update_fields=["status"])
    Proposal.objects.filter(pk=reply.proposal_id).update(status=Proposal.Status.REPLIED)
    _sync_supervision(Proposal.objects.get(pk=reply.proposal_id))
    audit.record(reply, "coordination.reply.send", actor=actor, changes={"status": reply.status})
    return reply


@transaction.atomic
def proposal_rate(*, actor, proposal: Proposal, rating: str) -> Proposal:
    """Record the deputy's rating; an unsatisfied rating reopens handling with a new deadline."""
    _require_office(actor, _("测评意见由联席会议办公室登记。"))
    proposal = _lock_proposal(proposal, (Proposal.Status.REPLIED,), _("答复寄出后才能登记测评意见。"))
    if rating not in Proposal.Rating.values:
        raise DomainError(_("测评意见只能是满意、基本满意或不满意。"))
    proposal.rating, proposal.rated_on = rating, timezone.localdate()
    if rating == Proposal.Rating.UNSATISFIED:
        proposal.status = Proposal.Status.IN_HANDLING
        proposal.deadline = _add_months(timezone.localdate(), settings.PORTAL_PROPOSAL_REDO_MONTHS)
        notification_send(
            recipients=_liaison_users([proposal.lead_unit]),
            title=_("代表委员不满意，请重新办理：%(t)s") % {"t": proposal.title},
            body=_("请于%(d)s前重新答复。") % {"d": proposal.deadline},
            url=f"/workbench/proposals/{proposal.pk}/",
        )
    else:
        proposal.status = Proposal.Status.CLOSED
    proposal.save(update_fields=["rating", "rated_on", "status", "deadline"])
    _sync_supervision(proposal)
    audit.record(proposal, "coordination.proposal.rate", actor=actor, changes={"rating": rating})
    return proposal


def office_digest_send(*, today: datetime.date | None = None) -> bool:
    """Weekly: tell the office what is overdue and what falls due in the coming week. Once per week."""
    from django.db import IntegrityError

    today = today or timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    items = list(ActionItem.objects.open().filter(deadline__isnull=False).select_related("lead_unit"))
    overdue = [i for i in items if i.deadline < today]
    coming = [i for i in items if today <= i.deadline <= today + datetime.timedelta(days=7)]
    lines = [_("逾期 %(n)s 项：") % {"n": len(overdue)}]
    lines += [f"· {i.lead_unit.short_name} {i.title}（{i.deadline}）" for i in overdue]
    lines += [_("未来一周到期 %(n)s 项：") % {"n": len(coming)}]
    lines += [f"· {i.lead_unit.short_name} {i.title}（{i.deadline}）" for i in coming]
    try:
        with transaction.atomic():
            DigestLog.objects.create(week=week_start)
            notification_send(
                recipients=permissions.office_users(),
                title=_("督办周报：逾期 %(o)s 项，一周内到期 %(c)s 项") % {"o": len(overdue), "c": len(coming)},
                body="\n".join(lines),
                url="/workbench/supervision/",
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def reply_import(*, actor, unit: MemberUnit, fields: dict) -> Reply:
    """Record a reply letter the unit sent before the portal existed (from `importers.letters`).

    The suggestion is found by kind, session and number, or registered; the reply is stored as
    sent. Nothing is guessed: the fields needed to identify the letter must be present.
    """
    _require_office(actor, _("只有联席会议办公室可以导入答复。"))
    required = {"kind": _("类型"), "session": _("届次会议"), "proposal_number": _("编号"), "body": _("正文")}
    missing = [label for name, label in required.items() if not fields.get(name)]
    if missing:
        raise DomainError(_("缺少：%(f)s。请在表单中补全后再保存。") % {"f": "、".join(str(m) for m in missing)})
    if fields.get("doc_number") and Reply.objects.filter(unit=unit, doc_number=fields["doc_number"]).exists():
        raise InvalidState(_("%(unit)s 的 %(n)s 已经导入过。") % {"unit": unit, "n": fields["doc_number"]})
    day = fields.get("date") or timezone.localdate()
    proposal, created = Proposal.objects.get_or_create(
        kind=fields["kind"],
        session=fields["session"],
        number=fields["proposal_number"],
        defaults={
            "title": fields.get("suggestion_title") or _("（标题未载明）"),
            "received_on": day,
            "lead_unit": unit,
            "assigned_on": day,
            "deadline": day,
            "original_deadline": day,
            "status": Proposal.Status.REPLIED,
        },
    )
    if created and fields.get("proposer_name"):
        Proposer.objects.create(proposal=proposal, name=fields["proposer_name"])
    contact = fields.get("contact_person") or fields.get("handler") or fields.get("responsible_person") or ""
    reply = Reply(
        proposal=proposal,
        unit=unit,
        status=Reply.Status.SENT,
        doc_number=fields.get("doc_number") or "",
        signer=fields.get("signer") or "",
        reply_date=day,
        category=fields.get("category") or "",
        addressee=fields.get("addressee") or "",
        body=fields["body"],
        contact_person=contact,
        contact_phone=fields.get("contact_phone") or "",
        copies_to="，".join(fields.get("copies_to") or []),
        disclosure=fields.get("disclosure") or Reply.Disclosure.ON_REQUEST,
        drafted_by=actor,
    )
    if reply.disclosure == Reply.Disclosure.NOT_DISCLOSED:
        reply.non_disclosure_reason = _("导入时原件注明不予公开")
    if reply.disclosure == Reply.Disclosure.PROACTIVE:
        from content.index_numbers import next_index_number

        reply.index_number = next_index_number(day.year)
    _validated(reply).save()
    audit.record(reply, "coordination.reply.import", actor=actor, changes={"doc_number": reply.doc_number})
    if reply.is_public:
        transaction.on_commit(lambda: _public_changed(reply))
    return reply
