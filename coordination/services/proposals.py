"""Suggestions and proposals (建议提案): registration, assignment, return, extension, co-units, rating.

A proposal owes a reply within months of assignment; its supervised item (督办) mirrors the lead
unit, co-units and deadline so that supervision, reminders and the circular treat it like any
other work a unit owes.
"""

import datetime
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError, InvalidState
from coordination.models import ActionItem, CoOpinion, MemberUnit, Proposal, Proposer, Reply, ReplyRound

from .common import NOTE_LENGTH, audit, check, liaison_users, lock, required_text, validated
from .notifications import notification_send


def sync_supervision(proposal: Proposal) -> ActionItem:
    """Keep the proposal's supervised item in step: same units, deadline and open/closed state."""
    item = ActionItem.objects.filter(proposal=proposal).first() or ActionItem(
        proposal=proposal, source=ActionItem.Source.PROPOSAL, original_deadline=proposal.original_deadline
    )
    verb = "再次答复" if proposal.reply_round == ReplyRound.SECOND else "答复"
    item.title = f"{verb}{proposal.session}第{proposal.number}号{proposal.document_word}：{proposal.title}"[:300]
    item.source_reference = f"{proposal.session} 第{proposal.number}号"
    item.lead_unit, item.deadline = proposal.lead_unit, proposal.deadline
    finished = proposal.status in (Proposal.Status.REPLIED, Proposal.Status.CLOSED)
    if finished and item.status not in ActionItem.FINISHED_STATUSES:
        item.status, item.closed_at = ActionItem.Status.CLOSED, timezone.now()
    elif not finished:
        item.status, item.closed_at = ActionItem.Status.IN_PROGRESS if item.pk else ActionItem.Status.OPEN, None
    validated(item).save()
    item.co_units.set(proposal.co_units.all())
    return item


def _assign(proposal: Proposal, lead_unit: MemberUnit, assigned_on: datetime.date) -> None:
    proposal.lead_unit, proposal.assigned_on = lead_unit, assigned_on
    proposal.deadline = proposal.original_deadline = assigned_on + relativedelta(
        months=settings.PORTAL_PROPOSAL_REPLY_MONTHS
    )
    proposal.co_opinion_deadline = assigned_on + relativedelta(months=settings.PORTAL_PROPOSAL_CO_OPINION_MONTHS)
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
    assigned_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> Proposal:
    """Register a suggestion or proposal and assign it: lead unit, co-units, deadlines from today.

    A batch from the congress/CPPCC office's sheet gives the day it assigned the item and may give
    its own deadline; the deadlines then count from that day.
    """
    check("proposal.register", actor)
    if not proposers or any(not p.get("name", "").strip() for p in proposers):
        raise DomainError(_("请填写提出人姓名。"))
    number = "".join(number.split())
    if Proposal.objects.filter(kind=kind, session=session.strip(), number__iexact=number).exists():
        raise InvalidState(_("%(session)s 第%(number)s号已经登记过。") % {"session": session, "number": number})
    proposal = Proposal(
        kind=kind, session=session.strip(), number=number, title=title.strip(), content=content, received_on=received_on
    )
    _assign(proposal, lead_unit, assigned_on or timezone.localdate())
    if deadline is not None:
        if deadline < proposal.assigned_on:
            raise DomainError(_("办理时限不能早于交办日期。"))
        proposal.deadline = proposal.original_deadline = deadline
    validated(proposal).save()
    proposal.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    for data in proposers:
        Proposer.objects.create(
            proposal=proposal, name=data["name"].strip(), phone=data.get("phone", ""), address=data.get("address", "")
        )
    sync_supervision(proposal)
    notification_send(
        recipients=liaison_users([lead_unit, *proposal.co_units.all()]),
        title=_("交办%(kind)s：%(title)s") % {"kind": proposal.get_kind_display(), "title": proposal.title},
        body=_("请于%(d)s前答复。") % {"d": proposal.deadline},
        url=proposal.get_absolute_url(),
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
    proposal = lock(proposal)
    check("proposal.return", actor, proposal)
    proposal.return_reason = required_text(reason, _("退回须说明理由。"))
    proposal.save(update_fields=["return_reason"])
    notification_send(
        recipients=permissions.office_users(),
        title=_("%(unit)s 退回建议提案：%(t)s") % {"unit": proposal.lead_unit, "t": proposal.title},
        body=proposal.return_reason,
        url=proposal.get_absolute_url(),
    )
    audit.record(proposal, "coordination.proposal.return", actor=actor, changes={}, note=proposal.return_reason)
    return proposal


@transaction.atomic
def proposal_reassign(
    *, actor, proposal: Proposal, lead_unit: MemberUnit, co_units: Iterable[MemberUnit] = ()
) -> Proposal:
    """The office reassigns a returned item; deadlines start again from today."""
    proposal = lock(proposal)
    check("proposal.reassign", actor, proposal)
    old = proposal.lead_unit.short_name
    _assign(proposal, lead_unit, timezone.localdate())
    validated(proposal).save()
    proposal.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    sync_supervision(proposal)
    notification_send(
        recipients=liaison_users([lead_unit]),
        title=_("交办建议提案：%(t)s") % {"t": proposal.title},
        url=proposal.get_absolute_url(),
    )
    audit.record(
        proposal, "coordination.proposal.reassign", actor=actor, changes={"from": old, "to": lead_unit.short_name}
    )
    return proposal


@transaction.atomic
def proposal_extend(*, actor, proposal: Proposal, new_deadline: datetime.date, reason: str) -> Proposal:
    """The office extends the deadline, at most six months after assignment."""
    proposal = lock(proposal)
    check("proposal.extend", actor, proposal)
    limit = proposal.assigned_on + relativedelta(months=settings.PORTAL_PROPOSAL_MAX_MONTHS)
    if new_deadline <= proposal.deadline or new_deadline > limit:
        raise DomainError(
            _("新时限须晚于现时限，且不超过交办后 %(n)s 个月（%(limit)s）。")
            % {"n": settings.PORTAL_PROPOSAL_MAX_MONTHS, "limit": limit}
        )
    reason = required_text(reason, _("请说明延期理由。"))
    proposal.deadline = new_deadline
    proposal.save(update_fields=["deadline"])
    sync_supervision(proposal)
    audit.record(
        proposal, "coordination.proposal.extend", actor=actor, changes={"deadline": str(new_deadline)}, note=reason
    )
    return proposal


@transaction.atomic
def proposal_co_opinion(*, actor, proposal: Proposal, unit: MemberUnit, text: str) -> CoOpinion:
    """A co-unit gives its opinion to the lead unit."""
    check("proposal.co_opinion", actor, proposal, unit=unit)
    text = required_text(text, _("请填写协办意见。"), max_length=NOTE_LENGTH)
    opinion = CoOpinion.objects.create(proposal=proposal, unit=unit, text=text, author=actor)
    notification_send(
        recipients=liaison_users([proposal.lead_unit]),
        title=_("%(unit)s 提交了协办意见：%(t)s") % {"unit": unit.short_name, "t": proposal.title},
        body=text,
        url=proposal.get_absolute_url(),
    )
    audit.record(proposal, "coordination.proposal.co_opinion", actor=actor, changes={"unit": unit.short_name})
    return opinion


@transaction.atomic
def proposal_rate(*, actor, proposal: Proposal, rating: str) -> Proposal:
    """Record the proposer's rating of the reply sent, on the letter and on the proposal.

    不满意 after the first reply reopens handling for a second reply (再次答复), due
    `PORTAL_PROPOSAL_REDO_MONTHS` (one month) after the rating. The second reply's rating, whatever
    it is, closes the proposal: there is no third round.
    """
    proposal = lock(proposal)
    check("proposal.rate", actor, proposal)
    if rating not in Proposal.Rating.values:
        raise DomainError(_("测评意见只能是满意、基本满意或不满意。"))
    today, rated_round = timezone.localdate(), proposal.reply_round
    proposal.rating, proposal.rated_on = rating, today
    proposal.replies.filter(status=Reply.Status.SENT, round=proposal.reply_round).update(rating=rating, rated_on=today)
    if rating == Proposal.Rating.UNSATISFIED and proposal.reply_round == ReplyRound.FIRST:
        proposal.status, proposal.reply_round = Proposal.Status.IN_HANDLING, ReplyRound.SECOND
        proposal.deadline = today + relativedelta(months=settings.PORTAL_PROPOSAL_REDO_MONTHS)
        notification_send(
            recipients=liaison_users([proposal.lead_unit]),
            title=_("代表委员不满意，请再次答复：%(t)s") % {"t": proposal.title},
            body=_("请于%(d)s前再次答复。") % {"d": proposal.deadline},
            url=proposal.get_absolute_url(),
        )
    else:
        proposal.status = Proposal.Status.CLOSED
    proposal.save(update_fields=["rating", "rated_on", "status", "deadline", "reply_round"])
    sync_supervision(proposal)
    audit.record(proposal, "coordination.proposal.rate", actor=actor, changes={"rating": rating, "round": rated_round})
    return proposal
