"""May this user do this to this object now? The one answer, for services, views and templates.

Each rule is a check named "<object>.<verb>" that raises the domain error a refusal deserves
(`NotPermitted` for who, `InvalidState` for when). Services call `check()` after locking the row,
so the answer is taken on the state they change; views and templates ask `can()` (or the
`{% can %}` tag) to show or hide a button, so a button is never offered for a move the service
would refuse. Input rules (a reason must be given, a date must be later) stay in the services.
Like Wagtail's `PagePermissionTester`, this module holds the rule once; nothing else compares
statuses or permission codenames to decide what a user may do.
"""

from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .errors import DomainError, InvalidState, NotPermitted
from .models import (
    ActionItem,
    AgendaTopic,
    ExtensionRequest,
    Liaison,
    Meeting,
    MemberUnit,
    Minutes,
    Proposal,
    Reply,
    Urge,
)

CHECKS: dict[str, Callable] = {}


def rule(name: str):
    def register(check: Callable) -> Callable:
        CHECKS[name] = check
        return check

    return register


def check(name: str, user, obj=None, **context) -> None:
    """Raise the domain error that refuses `name` for `user` on `obj` now; return if allowed."""
    CHECKS[name](user, obj, **context)


def can(name: str, user, obj=None, **context) -> bool:
    try:
        check(name, user, obj, **context)
    except DomainError:
        return False
    return True


def _office(user, message: str) -> None:
    if not permissions.is_office(user):
        raise NotPermitted(message)


def _for_unit(user, unit: MemberUnit | None) -> None:
    if unit is None or not permissions.can_act_for_unit(user, unit):
        raise NotPermitted(_("您只能代表本单位办理：%(unit)s 不是您的单位。") % {"unit": unit or "—"})


def _state(allowed: bool, message: str) -> None:
    if not allowed:
        raise InvalidState(message)


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


@rule("meeting.hold")
def _meeting_hold(user, meeting):
    _office(user, _("只有联席会议办公室可以登记会议召开情况。"))
    _state(meeting.status == Meeting.Status.NOTIFIED, _("会议须先发出通知，才能登记召开。"))


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


# --- action items (督办) --------------------------------------------------------------------


def _open_item(item: ActionItem, message: str) -> None:
    _state(item.status not in ActionItem.FINISHED_STATUSES, message)


@rule("item.create")
def _item_create(user, obj):
    _office(user, _("只有联席会议办公室可以交办事项。"))


@rule("item.report")
def _item_report(user, item, unit=None, completion=False):
    _for_unit(user, unit)
    is_lead = unit.pk == item.lead_unit_id
    if not is_lead and not item.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此事项的牵头或配合单位。") % {"unit": unit})
    _open_item(item, _("事项已办结或已撤销，不能再报告进展。"))
    if completion:
        if not is_lead:
            raise NotPermitted(_("只有牵头单位可以报办结；配合单位请报告本单位的进展。"))
        _state(item.status != ActionItem.Status.COMPLETION_REPORTED, _("已报办结，正在等待办公室审核。"))


@rule("item.close")
def _item_close(user, item):
    _office(user, _("只有联席会议办公室可以确认办结。"))
    _state(item.status == ActionItem.Status.COMPLETION_REPORTED, _("牵头单位报办结后，办公室才能确认办结。"))


@rule("item.return")
def _item_return(user, item):
    _office(user, _("只有联席会议办公室可以退回事项。"))
    _state(item.status == ActionItem.Status.COMPLETION_REPORTED, _("只有已报办结的事项可以退回。"))


@rule("item.cancel")
def _item_cancel(user, item):
    _office(user, _("只有联席会议办公室可以撤销事项。"))
    _open_item(item, _("事项已办结或已撤销。"))


@rule("item.request_extension")
def _item_request_extension(user, item):
    _for_unit(user, item.lead_unit)
    _open_item(item, _("事项已办结或已撤销，无需延期。"))
    _state(item.deadline is not None, _("常态化事项没有时限，无需延期。"))
    _state(
        not item.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists(),
        _("已有一份延期申请在等待审批。"),
    )


@rule("extension.decide")
def _extension_decide(user, request):
    _office(user, _("只有联席会议办公室可以审批延期。"))
    _state(request.status == ExtensionRequest.Status.PENDING, _("这份延期申请已审批过。"))


@rule("item.urge")
def _item_urge(user, item):
    _office(user, _("只有联席会议办公室可以催办。"))
    _open_item(item, _("事项已办结或已撤销，无需催办。"))


@rule("urge.acknowledge")
def _urge_acknowledge(user, urge: Urge):
    _for_unit(user, urge.unit)
    _state(not urge.acknowledged_at, _("已确认收到此催办。"))


@rule("circular.issue")
def _circular_issue(user, obj):
    _office(user, _("只有联席会议办公室可以印发通报。"))


@rule("circular.read")
def _circular_read(user, obj):
    # 通报 are circulated to every unit: liaisons read them as well as those who oversee.
    if not user.is_authenticated or not (
        permissions.can_oversee(user) or Liaison.objects.active().filter(user=user).exists()
    ):
        raise NotPermitted(_("只有联席会议办公室、召集人和成员单位联络员可以阅读通报。"))


@rule("operations.view")
def _operations_view(user, obj):
    _office(user, _("只有联席会议办公室可以查看定时任务的运行情况。"))


@rule("supervision.view")
def _supervision_view(user, obj):
    if not permissions.can_oversee(user):
        raise NotPermitted(_("只有联席会议办公室和召集人可以查看督办统计。"))


# --- suggestions, proposals and replies ---------------------------------------------------

HANDLING = (Proposal.Status.ASSIGNED, Proposal.Status.IN_HANDLING, Proposal.Status.REPLY_DRAFTED)
ANSWERED = (Proposal.Status.REPLIED, Proposal.Status.CLOSED)


@rule("proposal.register")
def _proposal_register(user, obj):
    _office(user, _("只有联席会议办公室可以登记和交办建议提案。"))


@rule("proposal.return")
def _proposal_return(user, proposal):
    _for_unit(user, proposal.lead_unit)
    _state(proposal.status == Proposal.Status.ASSIGNED, _("已开始办理的建议提案不能退回。"))
    days = (timezone.localdate() - proposal.assigned_on).days
    _state(
        days <= settings.PORTAL_PROPOSAL_RETURN_DAYS,
        _("交办已超过 %(n)s 天，不能再退回，请联系联席会议办公室。") % {"n": settings.PORTAL_PROPOSAL_RETURN_DAYS},
    )


@rule("proposal.reassign")
def _proposal_reassign(user, proposal):
    _office(user, _("只有联席会议办公室可以重新交办。"))
    _state(proposal.status == Proposal.Status.ASSIGNED, _("已开始办理的建议提案不能重新交办。"))


@rule("proposal.extend")
def _proposal_extend(user, proposal):
    _office(user, _("只有联席会议办公室可以批准延期。"))
    _state(proposal.status in HANDLING, _("已答复的建议提案不能延期。"))


@rule("proposal.co_opinion")
def _proposal_co_opinion(user, proposal, unit=None):
    _for_unit(user, unit)
    if not proposal.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此件的协办单位。") % {"unit": unit})
    _state(proposal.status not in ANSWERED, _("此件已答复，不再需要协办意见。"))


@rule("proposal.rate")
def _proposal_rate(user, proposal):
    _office(user, _("测评意见由联席会议办公室登记。"))
    _state(proposal.status == Proposal.Status.REPLIED, _("答复寄出后才能登记测评意见。"))


@rule("reply.save")
def _reply_save(user, proposal):
    _for_unit(user, proposal.lead_unit)
    _state(proposal.status in HANDLING, _("答复已签发，修改须先由签发人重新打开。"))


@rule("reply.sign_off")
def _reply_sign_off(user, reply):
    if not permissions.can_sign_off(user, reply.unit):
        raise NotPermitted(_("您没有签发%(unit)s答复的权限。") % {"unit": reply.unit})
    _state(reply.status == Reply.Status.DRAFT, _("只有草稿可以签发。"))


@rule("reply.reopen")
def _reply_reopen(user, reply):
    if not permissions.can_sign_off(user, reply.unit):
        raise NotPermitted(_("只有签发人可以重新打开已签发的答复。"))
    _state(reply.status == Reply.Status.SIGNED_OFF, _("只有已签发、尚未答复的答复可以重新打开。"))


@rule("reply.send")
def _reply_send(user, reply):
    _for_unit(user, reply.unit)
    _state(reply.status == Reply.Status.SIGNED_OFF, _("答复签发后才能寄出。"))


@rule("reply.import")
def _reply_import(user, obj):
    _office(user, _("只有联席会议办公室可以导入答复。"))


# --- accounts (the office manages people; everyone manages their own second factor) --------


@rule("account.manage")
def _account_manage(user, obj):
    _office(user, _("只有联席会议办公室可以管理账户。"))


def _other_active_account(user, person, message: str) -> None:
    _office(user, message)
    _state(person.is_active, _("该账户已停用。"))
    if person.pk == user.pk:
        raise NotPermitted(_("不能对自己的账户进行此操作。"))


@rule("account.update")
def _account_update(user, person):
    _office(user, _("只有联席会议办公室可以修改账户信息。"))


@rule("account.deactivate")
def _account_deactivate(user, person):
    _other_active_account(user, person, _("只有联席会议办公室可以停用账户。"))
    term = Liaison.objects.active().filter(user=person).select_related("unit").first()
    if term:
        raise InvalidState(
            _("%(name)s 现为 %(unit)s 的联络员，请先为该单位任命新的联络员。")
            % {"name": person.get_full_name() or person.get_username(), "unit": term.unit}
        )


@rule("account.reset_password")
def _account_reset_password(user, person):
    _other_active_account(user, person, _("只有联席会议办公室可以重置密码。"))


@rule("account.unlock")
def _account_unlock(user, person):
    from axes.models import AccessAttempt

    _office(user, _("只有联席会议办公室可以解除登录锁定。"))
    _state(AccessAttempt.objects.filter(username=person.get_username()).exists(), _("该账户没有登录失败记录。"))


@rule("account.two_factor_reset")
def _account_two_factor_reset(user, person):
    from django_otp import user_has_device

    _other_active_account(user, person, _("只有联席会议办公室可以重置两步验证。"))
    _state(user_has_device(person, confirmed=None), _("该账户尚未设置两步验证。"))


@rule("sign_off.grant")
def _sign_off_grant(user, person, unit=None):
    _other_active_account(user, person, _("只有联席会议办公室可以授予签发权限。"))
    if unit is not None:
        _state(unit.is_active, _("%(unit)s 已不是成员单位。") % {"unit": unit})
        _state(not person.has_perm("sign_off_reply", unit), _("该账户已有%(unit)s的签发权限。") % {"unit": unit})


@rule("sign_off.revoke")
def _sign_off_revoke(user, person, unit=None):
    _office(user, _("只有联席会议办公室可以收回签发权限。"))
    if unit is not None:
        _state(person.has_perm("sign_off_reply", unit), _("该账户没有%(unit)s的签发权限。") % {"unit": unit})


@rule("two_factor.enrol")
def _two_factor_enrol(user, obj):
    from django_otp import user_has_device

    if not user.is_authenticated or not user.is_active:
        raise NotPermitted(_("请先登录。"))
    # Replacing an authenticator takes the current one: a stolen password alone must not do it.
    verified = getattr(user, "is_verified", lambda: False)()
    if not verified and user_has_device(user, confirmed=True):
        raise NotPermitted(_("请先用现有的验证器完成验证；验证器丢失请联系联席会议办公室重置。"))
