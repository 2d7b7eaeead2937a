"""Handling as the 建议提案办理 rules ask: contact with the proposer (办前面商 / 办中沟通 / 办后回访),
the co-units' 会签 of the reply draft before sign-off, and the lead unit's extension request.

A countersign holds for one version of the draft (`selectors.proposal_handling.draft_stamp`, a
hash of the letter's fields): once the lead unit changes the draft, it is asked for again.
"""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError
from coordination.models import (
    ContactReminderLog,
    Countersign,
    CountersignWaiver,
    MemberUnit,
    Proposal,
    ProposalExtensionRequest,
    ProposerContact,
    Reply,
)
from coordination.selectors.proposal_handling import (
    countersign_state,
    draft_stamp,
    first_contact_due,
    first_contact_late,
)

from .common import NOTE_LENGTH, TEXT_LENGTH, audit, check, clean_text, liaison_users, lock, required_text, validated
from .notifications import notification_send
from .proposals import sync_supervision
from .reminders import _once as once

logger = logging.getLogger(__name__)


def _page(proposal: Proposal, anchor: str) -> str:
    return f"{reverse('workbench:proposal', args=[proposal.pk])}#{anchor}"


@transaction.atomic
def proposal_contact_log(
    *,
    actor,
    proposal: Proposal,
    kind: str,
    contacted_on: datetime.date,
    manner: str,
    summary: str,
    view: str = ProposerContact.View.NONE,
    contacted_by: str,
) -> ProposerContact:
    """The lead unit (or the office) records a contact with the deputy or member."""
    proposal = lock(proposal)
    check("proposal.contact_log", actor, proposal)
    if contacted_on > timezone.localdate():
        raise DomainError(_("沟通日期不能晚于今天。"))
    if proposal.assigned_on and contacted_on < proposal.assigned_on:
        raise DomainError(_("沟通日期不能早于交办日期（%(d)s）。") % {"d": proposal.assigned_on})
    if kind == ProposerContact.Kind.AFTER and not proposal.replies.filter(status=Reply.Status.SENT).exists():
        raise DomainError(_("答复寄出后才能登记办后回访。"))
    contact = ProposerContact(
        proposal=proposal,
        unit=proposal.lead_unit,
        kind=kind,
        contacted_on=contacted_on,
        manner=manner,
        summary=required_text(summary, _("请填写沟通情况。"), max_length=TEXT_LENGTH),
        view=view or ProposerContact.View.NONE,
        contacted_by=required_text(contacted_by, _("请填写沟通人。"), max_length=100),
        recorded_by=actor,
    )
    validated(contact).save()
    audit.record(
        proposal,
        "coordination.proposal.contact_log",
        actor=actor,
        changes={"kind": kind, "date": str(contacted_on), "manner": manner, "view": contact.view},
    )
    return contact


def contact_reminders_send(*, today: datetime.date | None = None) -> int:
    """The daily job: tell the lead unit, once per assignment, that its first contact is late."""
    today = today or timezone.localdate()
    sent = 0
    for proposal in first_contact_late(Proposal.objects.select_related("lead_unit"), today=today):
        sent += once(
            ContactReminderLog(proposal=proposal, assigned_on=proposal.assigned_on),
            recipients=liaison_users([proposal.lead_unit]),
            title=_("尚未与代表委员沟通：%(t)s") % {"t": proposal.title},
            body=_("交办后 %(n)s 个工作日内（%(d)s 前）应与提出人办前面商，请尽快联系并登记。")
            % {"n": settings.PORTAL_PROPOSAL_FIRST_CONTACT_WORKDAYS, "d": first_contact_due(proposal)},
            url=_page(proposal, "contacts"),
        )
    logger.info("first-contact reminders for %s: %d sent", today, sent)
    return sent


@transaction.atomic
def reply_countersign_request(*, actor, reply: Reply) -> list[MemberUnit]:
    """The lead unit asks the co-units that have not countersigned this version to do so."""
    reply = lock(reply)
    check("reply.countersign_request", actor, reply)
    waiting = countersign_state(reply).missing
    if not waiting:
        raise DomainError(_("各协办单位已会签当前答复稿。"))
    proposal = reply.proposal
    notification_send(
        recipients=liaison_users(waiting),
        title=_("答复稿待会签：%(t)s") % {"t": proposal.title},
        body=_("%(unit)s 请协办单位会签答复稿。") % {"unit": proposal.lead_unit.short_name},
        url=_page(proposal, "countersign"),
    )
    audit.record(
        reply,
        "coordination.reply.countersign_request",
        actor=actor,
        changes={"units": [u.short_name for u in waiting]},
    )
    return waiting


@transaction.atomic
def reply_countersign(*, actor, reply: Reply, unit: MemberUnit, decision: str, remarks: str = "") -> Countersign:
    """A co-unit countersigns the current draft: agrees, agrees with remarks, or asks for changes."""
    reply = lock(reply)
    check("reply.countersign", actor, reply, unit=unit)
    if decision not in Countersign.Decision.values:
        raise DomainError(_("会签意见只能是同意、原则同意或不同意。"))
    remarks = clean_text(remarks, max_length=NOTE_LENGTH)
    if decision != Countersign.Decision.AGREE and not remarks:
        raise DomainError(_("有修改意见或不同意时，请写明意见。"))
    sign = Countersign(
        reply=reply, unit=unit, decision=decision, remarks=remarks, draft_stamp=draft_stamp(reply), signed_by=actor
    )
    validated(sign).save()
    proposal = reply.proposal
    notification_send(
        recipients=liaison_users([proposal.lead_unit]),
        title=_("%(unit)s 会签：%(d)s（%(t)s）")
        % {"unit": unit.short_name, "d": sign.get_decision_display(), "t": proposal.title},
        body=remarks,
        url=_page(proposal, "countersign"),
    )
    audit.record(
        reply, "coordination.reply.countersign", actor=actor, changes={"unit": unit.short_name, "decision": decision}
    )
    return sign


@transaction.atomic
def reply_countersign_waive(*, actor, reply: Reply, reason: str) -> CountersignWaiver:
    """The office lets the reply go to sign-off without the missing countersigns, saying why."""
    reply = lock(reply)
    check("reply.countersign_waive", actor, reply)
    reason = required_text(reason, _("免予会签须说明理由。"))
    missing = [u.short_name for u in countersign_state(reply).missing]
    waiver = CountersignWaiver.objects.create(reply=reply, reason=reason, waived_by=actor)
    proposal = reply.proposal
    notification_send(
        recipients=liaison_users([proposal.lead_unit]),
        title=_("办公室同意免予会签：%(t)s") % {"t": proposal.title},
        body=reason,
        url=_page(proposal, "countersign"),
    )
    audit.record(reply, "coordination.reply.countersign_waive", actor=actor, changes={"missing": missing}, note=reason)
    return waiver


def _extension_limit(proposal: Proposal) -> datetime.date:
    return proposal.assigned_on + relativedelta(months=settings.PORTAL_PROPOSAL_MAX_MONTHS)


@transaction.atomic
def proposal_extension_request(
    *, actor, proposal: Proposal, new_deadline: datetime.date, reason: str
) -> ProposalExtensionRequest:
    """The lead unit asks the office for a later reply deadline; one pending request at a time."""
    proposal = lock(proposal)
    check("proposal.request_extension", actor, proposal)
    limit = _extension_limit(proposal)
    if new_deadline <= proposal.deadline or new_deadline > limit:
        raise DomainError(
            _("新时限须晚于现时限，且不超过交办后 %(n)s 个月（%(limit)s）。")
            % {"n": settings.PORTAL_PROPOSAL_MAX_MONTHS, "limit": limit}
        )
    reason = required_text(reason, _("请说明延期理由。"), max_length=NOTE_LENGTH)
    request = ProposalExtensionRequest.objects.create(
        proposal=proposal, requested_by=actor, reason=reason, new_deadline=new_deadline
    )
    notification_send(
        recipients=permissions.office_users(),
        title=_("%(unit)s 申请延期答复：%(t)s") % {"unit": proposal.lead_unit.short_name, "t": proposal.title},
        body=_("申请延至%(d)s。理由：%(r)s") % {"d": new_deadline, "r": reason},
        url=_page(proposal, "extension"),
    )
    audit.record(
        proposal,
        "coordination.proposal.extension_request",
        actor=actor,
        changes={"new_deadline": str(new_deadline)},
        note=reason,
    )
    return request


@transaction.atomic
def proposal_extension_decide(
    *, actor, request: ProposalExtensionRequest, approve: bool, note: str = ""
) -> ProposalExtensionRequest:
    """The office approves (the deadline moves, the original stays on record) or refuses with a note."""
    request = lock(request)
    check("proposal_extension.decide", actor, request)
    note = clean_text(note)
    if not approve and not note:
        raise DomainError(_("不同意延期须说明理由。"))
    proposal = lock(request.proposal)
    if approve and request.new_deadline > _extension_limit(proposal):
        raise DomainError(_("申请的时限超过交办后 %(n)s 个月，不能同意。") % {"n": settings.PORTAL_PROPOSAL_MAX_MONTHS})
    request.status = ProposalExtensionRequest.Status.APPROVED if approve else ProposalExtensionRequest.Status.REFUSED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        proposal.deadline = request.new_deadline
        proposal.save(update_fields=["deadline"])
        sync_supervision(proposal)
    notification_send(
        recipients=liaison_users([proposal.lead_unit]),
        title=_("延期申请%(d)s：%(t)s") % {"d": request.get_status_display(), "t": proposal.title},
        body=note,
        url=_page(proposal, "extension"),
    )
    audit.record(
        proposal,
        "coordination.proposal.extension_decide",
        actor=actor,
        changes={"approved": approve, "deadline": str(proposal.deadline)},
        note=note,
    )
    return request
