"""Suggestions and proposals: the handling lifecycle, its deadlines, who may do what, and disclosure."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import Proposal
from tests.coordination.services.helpers import draft, signed


def test_registration_assigns_with_a_three_month_deadline(proposal):
    today = timezone.localdate()
    assert proposal.number == "56"
    assert proposal.status == Proposal.Status.ASSIGNED
    assert proposal.deadline == today + relativedelta(months=3) == proposal.original_deadline
    assert proposal.co_opinion_deadline == today + relativedelta(months=1)


def test_the_same_number_cannot_be_registered_twice(proposal, people, units):
    with pytest.raises(InvalidState):
        services.proposal_register(
            actor=people["office"],
            kind=Proposal.Kind.NPC,
            session=proposal.session,
            number="56",
            title="重复",
            content="",
            received_on=datetime.date(2026, 10, 9),
            proposers=[{"name": "某"}],
            lead_unit=units[5],
        )
    assert Proposal.objects.count() == 1


def test_only_the_office_registers(units, people):
    with pytest.raises(NotPermitted):
        services.proposal_register(
            actor=people["lead"],
            kind="npc",
            session="s",
            number="1",
            title="t",
            content="",
            received_on=datetime.date(2026, 1, 1),
            proposers=[{"name": "某"}],
            lead_unit=units[5],
        )


def test_an_unsatisfied_rating_reopens_handling_with_a_new_deadline(proposal, people):
    reply = signed(proposal, people)
    services.reply_send(actor=people["lead"], reply=reply)
    services.proposal_rate(actor=people["office"], proposal=proposal, rating=Proposal.Rating.UNSATISFIED)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.IN_HANDLING
    assert proposal.deadline == timezone.localdate() + relativedelta(months=1)
    second = draft(proposal, people, body="重新答复：已确定试点街道。")
    assert second.pk != reply.pk


def test_a_satisfied_rating_closes(proposal, people):
    services.reply_send(actor=people["lead"], reply=signed(proposal, people))
    services.proposal_rate(actor=people["office"], proposal=proposal, rating=Proposal.Rating.SATISFIED)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CLOSED


def test_rating_before_the_reply_is_sent_is_refused(proposal, people):
    signed(proposal, people)
    with pytest.raises(InvalidState):
        services.proposal_rate(actor=people["office"], proposal=proposal, rating=Proposal.Rating.SATISFIED)


def test_extensions_stop_at_six_months_after_assignment(proposal, people):
    limit = proposal.assigned_on + relativedelta(months=6)
    with pytest.raises(DomainError):
        services.proposal_extend(
            actor=people["office"],
            proposal=proposal,
            new_deadline=limit + datetime.timedelta(days=1),
            reason="数据未到",
        )
    services.proposal_extend(actor=people["office"], proposal=proposal, new_deadline=limit, reason="数据未到")
    proposal.refresh_from_db()
    assert proposal.deadline == limit and proposal.original_deadline != limit


def test_a_misassigned_item_is_returned_within_the_days_allowed(proposal, people, units, time_machine):
    services.proposal_return(actor=people["lead"], proposal=proposal, reason="职能属于区住建局")
    services.proposal_reassign(actor=people["office"], proposal=proposal, lead_unit=units[10])
    proposal.refresh_from_db()
    assert proposal.lead_unit == units[10]
    time_machine.move_to(timezone.now() + datetime.timedelta(days=30), tick=False)
    with pytest.raises(NotPermitted):
        services.proposal_return(actor=people["lead"], proposal=proposal, reason="x")


def test_co_units_give_opinions_others_cannot(proposal, people, units):
    services.proposal_co_opinion(actor=people["co"], proposal=proposal, unit=units[7], text="资金可以保障。")
    with pytest.raises(NotPermitted):
        services.proposal_co_opinion(actor=people["other"], proposal=proposal, unit=units[3], text="x")


def test_figures_count_a_sent_reply_by_unit(proposal, people):
    from coordination.selectors import proposal_figures

    services.reply_send(actor=people["lead"], reply=signed(proposal, people))
    services.proposal_rate(actor=people["office"], proposal=proposal, rating=Proposal.Rating.BASICALLY)
    [row] = proposal_figures(Proposal.objects.all())["rows"]
    counts = [row.counts[key] for key in ("received", "answered", "on_time", "B", "basically")]
    assert (row.unit, counts) == ("区民政局", [1, 1, 1, 1, 1])


def test_a_proposal_is_supervised_like_any_item_until_replied(proposal, people):
    from coordination.models import ActionItem

    item = ActionItem.objects.get(proposal=proposal)
    assert (item.source, item.lead_unit, item.deadline) == ("proposal", proposal.lead_unit, proposal.deadline)
    assert list(item.co_units.all()) == list(proposal.co_units.all())
    limit = proposal.assigned_on + relativedelta(months=6)
    services.proposal_extend(actor=people["office"], proposal=proposal, new_deadline=limit, reason="数据未到")
    item.refresh_from_db()
    assert item.deadline == limit
    services.reply_send(actor=people["lead"], reply=signed(proposal, people))
    item.refresh_from_db()
    assert item.status == ActionItem.Status.CLOSED
