"""The consent round (经与会单位同意): the draft minutes go to the units, who agree or ask for changes."""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError, InvalidState
from coordination.models import Attendance, ConsentAnswer, ConsentRound, MemberUnit, Minutes

from .common import NOTE_LENGTH, audit, check, clean_text, liaison_users, lock
from .notifications import notification_send


def consent_units(minutes: Minutes):
    """Who is asked: the units present, and every unit that leads or supports an agreed item,
    even when it was absent or on leave, since the minutes give it work."""
    attended = Q(attendances__meeting=minutes.meeting, attendances__status=Attendance.Status.PRESENT)
    assigned = Q(led_agreed_items__minutes=minutes) | Q(supported_agreed_items__minutes=minutes)
    return MemberUnit.objects.filter(attended | assigned).distinct().order_by("order")


@transaction.atomic
def consent_round_open(*, actor, minutes: Minutes, deadline: datetime.datetime) -> ConsentRound:
    """Circulate the current revision to the units concerned (`consent_units`), for agreement by `deadline`."""
    minutes = lock(minutes)
    check("consent.open", actor, minutes)
    if deadline <= timezone.now():
        raise DomainError(_("反馈截止时间须晚于现在。"))
    units = list(consent_units(minutes))  # never empty: minutes have an agreed item, with its lead unit
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
        recipients=liaison_users(units),
        title=_("请确认会议纪要：%(title)s") % {"title": minutes.title},
        body=_("请于%(deadline)s前反馈同意或修改意见。")
        % {"deadline": f"{timezone.localtime(deadline):%Y-%m-%d %H:%M}"},
        url=reverse("workbench:minutes", args=[minutes.pk]) + "#consent",
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
    check("consent.answer", actor, minutes, unit=unit)
    answer = (
        ConsentAnswer.objects.select_for_update()
        .select_related("round")
        .get(round__minutes=minutes, round__closed_at__isnull=True, unit=unit)
    )
    comment = clean_text(comment, max_length=NOTE_LENGTH)
    if not agree and not comment:
        raise DomainError(_("提出修改意见时，请写明需要修改的内容。"))
    answer.answer = ConsentAnswer.Answer.AGREE if agree else ConsentAnswer.Answer.CHANGES
    answer.comment, answer.answered_by, answer.answered_at = comment, actor, timezone.now()
    answer.save(update_fields=["answer", "comment", "answered_by", "answered_at"])
    audit.record(
        answer,
        "coordination.minutes.answer",
        actor=actor,
        changes={"answer": answer.answer, "round": answer.round.number},
        note=answer.comment,
    )
    return answer


@transaction.atomic
def consent_round_close(*, actor, minutes: Minutes, silence_reason: str = "") -> ConsentRound:
    """Close the open round as consent.

    Every unit must have agreed; after the deadline, units that stayed silent may be counted as
    consenting, with the office's reason on record. A request for changes means revising instead.
    """
    minutes = lock(minutes)
    check("consent.close", actor, minutes)
    silence_reason = clean_text(silence_reason)
    round_ = minutes.consent_rounds.select_for_update().filter(closed_at__isnull=True).first()
    if round_ is None:
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
        if not silence_reason:
            raise DomainError(_("有单位逾期未反馈；视为同意须写明理由。"))
        for answer in pending:
            answer.answer, answer.silence_reason = ConsentAnswer.Answer.SILENCE, silence_reason
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
