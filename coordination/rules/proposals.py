"""Rules of suggestions, proposals and their replies."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import NotPermitted
from coordination.models import (
    Proposal,
    ProposalExtensionRequest,
    Reply,
)

from .base import _for_unit, _office, _state, rule

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
    _countersigned(reply)


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


@rule("reply.confirm_disclosure")
def _reply_confirm_disclosure(user, reply):
    _office(user, _("只有联席会议办公室可以确认公开导入的答复。"))
    _state(reply.imported, _("只有导入的既往答复需要确认公开；系统内签发的答复签发后即按公开方式发布。"))
    _state(reply.disclosure == Reply.Disclosure.PROACTIVE, _("原件未标注主动公开的答复不能发布。"))
    _state(reply.disclosure_confirmed_at is None, _("这份答复已经确认公开。"))


# --- handling as practised: contact with the proposer, 会签, the unit's extension request ----


def _countersigned(reply):
    # Imported here: the selectors package imports the rules.
    from coordination.selectors.proposal_handling import countersign_state

    state = countersign_state(reply)
    missing = state.missing
    _state(
        state.complete,
        _("协办单位尚未会签当前答复稿（%(units)s），不能签发；答复稿修改后须重新会签。")
        % {"units": "、".join(u.short_name for u in missing)},
    )


@rule("proposal.contact_log")
def _proposal_contact_log(user, proposal):
    _for_unit(user, proposal.lead_unit)


@rule("reply.countersign_request")
def _reply_countersign_request(user, reply):
    _for_unit(user, reply.unit)
    _state(reply.status == Reply.Status.DRAFT, _("只有答复草稿需要会签。"))
    _state(reply.proposal.co_units.exists(), _("此件没有协办单位，不需要会签。"))


@rule("reply.countersign")
def _reply_countersign(user, reply, unit=None):
    _for_unit(user, unit)
    if not reply.proposal.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此件的协办单位，不参加会签。") % {"unit": unit})
    _state(reply.status == Reply.Status.DRAFT, _("答复已签发，不再会签。"))


@rule("reply.countersign_waive")
def _reply_countersign_waive(user, reply):
    _office(user, _("只有联席会议办公室可以决定免予会签。"))
    _state(reply.status == Reply.Status.DRAFT, _("答复已签发，不再会签。"))
    _state(reply.proposal.co_units.exists(), _("此件没有协办单位，不需要会签。"))
    _state(not hasattr(reply, "countersign_waiver"), _("这份答复已经免予会签。"))


@rule("proposal.request_extension")
def _proposal_request_extension(user, proposal):
    _for_unit(user, proposal.lead_unit)
    _state(proposal.status in HANDLING, _("已答复的建议提案不能申请延期。"))
    pending = proposal.extension_requests.filter(status=ProposalExtensionRequest.Status.PENDING).exists()
    _state(not pending, _("已有一份延期申请等待办公室审批，请等审批后再申请。"))


@rule("proposal_extension.decide")
def _proposal_extension_decide(user, request):
    _office(user, _("只有联席会议办公室可以审批延期申请。"))
    _state(request.status == ProposalExtensionRequest.Status.PENDING, _("这份延期申请已经审批过。"))
    _state(request.proposal.status in HANDLING, _("此件已答复，延期申请不再需要审批。"))
