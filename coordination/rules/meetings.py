"""Rules of membership, meetings, the agenda, minutes and the consent round."""

from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import InvalidState, NotPermitted
from coordination.models import (
    AgendaTopic,
    Meeting,
    Minutes,
)

from .base import _for_unit, _office, _state, rule

# --- membership, meetings and agenda ---------------------------------------------------------

OPEN_MEETING = (Meeting.Status.PLANNED, Meeting.Status.NOTIFIED)


@rule("liaison.appoint")
def _liaison_appoint(user, unit):
    _office(user, _("只有联席会议办公室可以任命联络员。"))


@rule("meeting.schedule")
def _meeting_schedule(user, obj):
    _office(user, _("只有联席会议办公室可以安排会议。"))


@rule("meeting.notify")
def _meeting_notify(user, meeting):
    _office(user, _("只有联席会议办公室可以发出会议通知。"))
    _state(meeting.status == Meeting.Status.PLANNED, _("只有筹备中的会议可以发出通知。"))


@rule("meeting.register_attendee")
def _meeting_register_attendee(user, meeting, unit=None):
    _for_unit(user, unit)
    _state(meeting.status in OPEN_MEETING, _("会议已召开或已取消，不能再登记参会人员。"))


@rule("meeting.edit")
def _meeting_edit(user, meeting):
    _office(user, _("只有联席会议办公室可以修改会议安排。"))
    _state(meeting.status in OPEN_MEETING, _("会议已召开或已取消，不能再改期或修改安排。"))


@rule("meeting.hold")
def _meeting_hold(user, meeting):
    _office(user, _("只有联席会议办公室可以登记会议召开情况。"))
    _state(meeting.status == Meeting.Status.NOTIFIED, _("会议须先发出通知，才能登记召开。"))
    if timezone.now() < meeting.starts_at:
        raise InvalidState(
            _("会议定于%(when)s开始，开始之前不能登记为已召开。")
            % {"when": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}"}
        )


@rule("meeting.record_attendance")
def _meeting_record_attendance(user, meeting):
    _office(user, _("只有联席会议办公室可以登记签到。"))
    _state(
        meeting.status in (Meeting.Status.NOTIFIED, Meeting.Status.HELD),
        _("只有已通知或已召开、纪要尚未印发的会议可以登记签到。"),
    )
    if timezone.localdate() < timezone.localdate(meeting.starts_at):
        raise InvalidState(
            _("会议当天（%(day)s）起才能登记签到。") % {"day": f"{timezone.localdate(meeting.starts_at):%Y-%m-%d}"}
        )


DOCUMENTS = ("notice", "agenda", "signin")


@rule("meeting.document")
def _meeting_document(user, meeting, kind="notice"):
    """The office and convenors print every document; an invited unit reads the notice once it is sent."""
    if permissions.can_oversee(user):
        return
    if kind != "notice":
        raise NotPermitted(_("议程和签到表由联席会议办公室打印。"))
    _state(meeting.notified_at is not None, _("会议通知尚未发出。"))
    if not meeting.attendances.filter(unit__in=permissions.units_acted_for(user)).exists():
        raise NotPermitted(_("本单位未被邀请参加此次会议，不能查看会议通知。"))


@rule("meeting.cancel")
def _meeting_cancel(user, meeting):
    _office(user, _("只有联席会议办公室可以取消会议。"))
    _state(meeting.status in OPEN_MEETING, _("已召开或已取消的会议不能取消。"))


@rule("topic.propose")
def _topic_propose(user, meeting, unit=None):
    if unit is None:
        _office(user, _("只有联席会议办公室可以提出办公室议题。"))
    else:
        _for_unit(user, unit)
    _state(meeting.status in OPEN_MEETING, _("此次会议已不再征集议题。"))
    if unit is not None and timezone.now() > meeting.topic_deadline:
        raise InvalidState(
            _("议题征集已于%(deadline)s截止，请联系联席会议办公室。")
            % {"deadline": f"{timezone.localtime(meeting.topic_deadline):%Y-%m-%d %H:%M}"}
        )


@rule("agenda.change")
def _agenda_change(user, meeting):
    _office(user, _("只有联席会议办公室可以调整议程。"))
    _state(meeting.status in OPEN_MEETING, _("会议已召开或已取消，议程不能再调整。"))


TOPIC_DECISIONS = {
    AgendaTopic.Status.ACCEPTED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.DEFERRED),
    AgendaTopic.Status.DEFERRED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.ACCEPTED),
    AgendaTopic.Status.DECLINED: (AgendaTopic.Status.PROPOSED, AgendaTopic.Status.DEFERRED),
}


@rule("topic.carry_over")
def _topic_carry_over(user, topic, meeting=None):
    _office(user, _("只有联席会议办公室可以转入暂缓议题。"))
    _state(meeting.status in OPEN_MEETING, _("会议已召开或已取消，议程不能再调整。"))
    _state(topic.status == AgendaTopic.Status.DEFERRED, _("只有暂缓的议题可以转入下次会议。"))
    _state(topic.meeting.starts_at < meeting.starts_at, _("暂缓议题只能转入此后召开的会议。"))
    _state(
        not AgendaTopic.objects.filter(carried_from=topic).exists(),
        _("此议题已转入其他会议，不能重复转入。"),
    )


@rule("topic.decide")
def _topic_decide(user, topic, decision=AgendaTopic.Status.ACCEPTED):
    _office(user, _("只有联席会议办公室可以审定议题。"))
    _state(topic.meeting.status in OPEN_MEETING, _("会议已召开或已取消，议程不能再调整。"))
    _state(
        topic.status in TOPIC_DECISIONS[decision],
        _("议题当前为“%(status)s”，不能这样处理。") % {"status": topic.get_status_display()},
    )


# --- minutes and consent ------------------------------------------------------------------


@rule("minutes.draft")
def _minutes_draft(user, meeting):
    _office(user, _("只有联席会议办公室可以起草会议纪要。"))
    _state(meeting.status == Meeting.Status.HELD, _("会议召开后才能起草纪要。"))
    _state(not Minutes.objects.filter(meeting=meeting).exists(), _("此次会议已有纪要草稿，请在草稿上修改。"))


@rule("minutes.revise")
def _minutes_revise(user, minutes):
    _office(user, _("只有联席会议办公室可以修改会议纪要。"))
    _state(
        minutes.status in (Minutes.Status.DRAFT, Minutes.Status.IN_CONSENT),
        _("纪要已征求意见完毕或已印发，不能再修改。"),
    )


@rule("consent.open")
def _consent_open(user, minutes):
    _office(user, _("只有联席会议办公室可以征求与会单位意见。"))
    _state(minutes.status == Minutes.Status.DRAFT, _("只有起草中的纪要可以征求意见。"))


@rule("consent.answer")
def _consent_answer(user, minutes, unit=None):
    _for_unit(user, unit)
    round_ = minutes.consent_rounds.filter(closed_at__isnull=True).first()
    _state(round_ is not None, _("此纪要目前没有在征求意见。"))
    if not round_.answers.filter(unit=unit).exists():
        raise NotPermitted(_("本单位不在此纪要的征求意见范围内。"))
    if timezone.now() > round_.deadline:
        raise InvalidState(
            _("反馈已于%(deadline)s截止，请联系联席会议办公室。")
            % {"deadline": f"{timezone.localtime(round_.deadline):%Y-%m-%d %H:%M}"}
        )


@rule("consent.close")
def _consent_close(user, minutes):
    _office(user, _("只有联席会议办公室可以结束意见征求。"))
    _state(minutes.status == Minutes.Status.IN_CONSENT, _("此纪要目前没有在征求意见。"))


@rule("minutes.issue")
def _minutes_issue(user, minutes):
    _office(user, _("只有联席会议办公室可以印发会议纪要。"))
    _state(minutes.status == Minutes.Status.CONSENT_CLOSED, _("与会单位意见征求完毕后才能印发纪要。"))


@rule("minutes.download")
def _minutes_download(user, minutes):
    _state(minutes.status == Minutes.Status.ISSUED, _("纪要印发后才能下载正式文本。"))
