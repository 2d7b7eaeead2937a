"""Handling as practised: contact with the proposer, co-units' 会签 before sign-off, the unit's
own extension request."""

import datetime

import pytest
from django.urls import reverse

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import (
    ActionItem,
    Countersign,
    Notification,
    Proposal,
    ProposalExtensionRequest,
    ProposerContact,
    Reply,
)
from coordination.selectors.proposal_handling import first_contact_due, first_contact_late
from tests.coordination.services.helpers import countersigned, draft


@pytest.fixture
def assigned(clock, units, people):
    """A suggestion assigned on Friday 25 September 2026, just before the National Day holiday."""
    clock.set(2026, 9, 25, 10, 0)
    return services.proposal_register(
        actor=people["office"],
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number="88",
        title="关于完善低保动态管理的建议",
        content="建议按季度复核。",
        received_on=datetime.date(2026, 9, 20),
        proposers=[{"name": "赵敏"}],
        lead_unit=units[5],
        co_units=[units[7]],
    )


def opens(client, user, url) -> int:
    client.force_login(user)
    return client.get(url.split("#")[0]).status_code


def contact(actor, proposal, **changes):
    values = {
        "kind": ProposerContact.Kind.BEFORE,
        "contacted_on": datetime.date(2026, 9, 25),
        "manner": ProposerContact.Manner.PHONE,
        "summary": "电话联系赵敏代表，了解建议背景。",
        "view": ProposerContact.View.NONE,
        "contacted_by": "刘洋 科长",
    }
    return services.proposal_contact_log(actor=actor, proposal=proposal, **(values | changes))


# --- contact with the proposer ---------------------------------------------------------------


def test_the_first_contact_is_due_15_working_days_after_assignment_past_national_day(assigned):
    assert first_contact_due(assigned) == datetime.date(2026, 10, 22)


@pytest.mark.parametrize("who", ["lead", "office"])
def test_the_lead_unit_or_the_office_logs_a_contact_with_an_audit_entry(assigned, people, who, audit_entries):
    logged = contact(people[who], assigned)
    assert (logged.unit, logged.kind, logged.recorded_by) == (assigned.lead_unit, "before", people[who])
    (entry,) = audit_entries(assigned, "coordination.proposal.contact_log")
    assert entry.data["changes"]["manner"] == "phone"


@pytest.mark.parametrize("who", ["co", "other", "leader"])
def test_no_one_else_logs_a_contact(assigned, people, who):
    with pytest.raises(NotPermitted):
        contact(people[who], assigned)
    assert not ProposerContact.objects.exists()


def test_a_contact_cannot_be_dated_in_the_future_or_before_assignment(assigned, people):
    with pytest.raises(DomainError, match="晚于今天"):
        contact(people["lead"], assigned, contacted_on=datetime.date(2026, 9, 26))
    with pytest.raises(DomainError, match="早于交办日期"):
        contact(people["lead"], assigned, contacted_on=datetime.date(2026, 9, 24))
    assert not ProposerContact.objects.exists()


def test_the_visit_after_handling_waits_for_the_sent_reply(assigned, people):
    with pytest.raises(DomainError, match="办后回访"):
        contact(people["lead"], assigned, kind=ProposerContact.Kind.AFTER, contacted_on=datetime.date(2026, 9, 25))


def test_a_missed_first_contact_is_reminded_once_to_the_lead_unit(assigned, people, clock, client):
    clock.set(2026, 10, 22, 8, 20)  # the last day: not late yet
    assert services.contact_reminders_send() == 0
    clock.set(2026, 10, 23, 8, 20)
    assert first_contact_late(Proposal.objects.all()) == [assigned]
    assert services.contact_reminders_send() == 1
    assert services.contact_reminders_send() == 0  # once
    (notification,) = Notification.objects.filter(title__startswith="尚未与代表委员沟通")
    assert notification.recipient == people["lead"]
    assert opens(client, people["lead"], notification.url) == 200


def test_a_logged_contact_ends_the_warning(assigned, people, clock):
    contact(people["lead"], assigned)
    clock.set(2026, 11, 2, 8, 20)
    assert first_contact_late(Proposal.objects.all()) == []
    assert services.contact_reminders_send() == 0


def test_the_proposal_page_and_list_warn_of_a_missed_first_contact(assigned, people, clock, client):
    clock.set(2026, 10, 23, 9, 0)
    client.force_login(people["lead"])
    page = client.get(assigned.get_absolute_url()).content.decode()
    listing = client.get(reverse("workbench:proposals")).content.decode()
    assert "办前面商已逾期" in page and "2026-10-22" in page
    assert "办前面商逾期" in listing
    contact(people["lead"], assigned, contacted_on=datetime.date(2026, 10, 23))
    assert "办前面商逾期" not in client.get(reverse("workbench:proposals")).content.decode()


# --- 会签 before sign-off --------------------------------------------------------------------


def test_sign_off_is_refused_until_the_co_unit_countersigns(proposal, people):
    reply = draft(proposal, people)
    with pytest.raises(InvalidState, match="区财政局"):
        services.reply_sign_off(actor=people["leader"], reply=reply)
    services.reply_countersign(actor=people["co"], reply=reply, unit=proposal.co_units.get(), decision="agree")
    assert services.reply_sign_off(actor=people["leader"], reply=reply).status == Reply.Status.SIGNED_OFF


def test_a_request_for_changes_does_not_count_as_countersigned(proposal, people):
    reply = draft(proposal, people)
    services.reply_countersign(
        actor=people["co"], reply=reply, unit=proposal.co_units.get(), decision="changes", remarks="资金表述不准确"
    )
    with pytest.raises(InvalidState):
        services.reply_sign_off(actor=people["leader"], reply=reply)


def test_remarks_are_needed_unless_the_co_unit_simply_agrees(proposal, people):
    reply = draft(proposal, people)
    with pytest.raises(DomainError, match="写明意见"):
        services.reply_countersign(actor=people["co"], reply=reply, unit=proposal.co_units.get(), decision="remarks")
    assert not Countersign.objects.exists()


def test_a_changed_draft_needs_countersigning_again_an_unchanged_save_does_not(proposal, people):
    reply = countersigned(proposal, people)
    same = draft(proposal, people)  # saved again with the same text
    edited = draft(proposal, people, body="已列入明年民生实事，资金由区财政统筹。")
    assert same.pk == edited.pk == reply.pk
    with pytest.raises(InvalidState, match="重新会签"):
        services.reply_sign_off(actor=people["leader"], reply=edited)
    assert services.reply_sign_off(actor=people["leader"], reply=countersigned(proposal, people)).doc_number


def test_an_unchanged_resave_keeps_the_countersign(proposal, people):
    countersigned(proposal, people)
    reply = draft(proposal, people)
    assert services.reply_sign_off(actor=people["leader"], reply=reply).status == Reply.Status.SIGNED_OFF


@pytest.mark.parametrize("who", ["lead", "other", "leader"])
def test_only_the_co_units_liaison_countersigns(proposal, people, who, units):
    reply = draft(proposal, people)
    with pytest.raises(NotPermitted):
        services.reply_countersign(
            actor=people[who], reply=reply, unit=units[7] if who != "lead" else units[5], decision="agree"
        )
    assert not Countersign.objects.exists()


def test_a_signed_off_reply_is_not_countersigned(proposal, people):
    reply = services.reply_sign_off(actor=people["leader"], reply=countersigned(proposal, people))
    with pytest.raises(InvalidState):
        services.reply_countersign(actor=people["co"], reply=reply, unit=proposal.co_units.get(), decision="agree")


def test_the_lead_asks_the_co_units_and_they_answer_with_working_links(proposal, people, client, audit_entries):
    reply = draft(proposal, people)
    with pytest.raises(NotPermitted):
        services.reply_countersign_request(actor=people["co"], reply=reply)
    assert services.reply_countersign_request(actor=people["lead"], reply=reply) == [proposal.co_units.get()]
    asked = Notification.objects.get(title__startswith="答复稿待会签")
    assert asked.recipient == people["co"] and asked.url.endswith("#countersign")
    page = client.get(asked.url.split("#")[0]) if opens(client, people["co"], asked.url) == 200 else None
    assert reverse("workbench:reply-countersign", args=[proposal.pk]) in page.content.decode()
    services.reply_countersign(actor=people["co"], reply=reply, unit=proposal.co_units.get(), decision="agree")
    answered = Notification.objects.get(title__startswith="区财政局 会签")
    assert answered.recipient == people["lead"] and opens(client, people["lead"], answered.url) == 200
    with pytest.raises(DomainError, match="已会签"):
        services.reply_countersign_request(actor=people["lead"], reply=reply)
    assert len(audit_entries(reply, "coordination.reply.countersign")) == 1


def test_the_office_waives_the_countersign_with_a_reason(proposal, people, client, audit_entries):
    reply = draft(proposal, people)
    for who in ("lead", "co", "leader"):
        with pytest.raises(NotPermitted):
            services.reply_countersign_waive(actor=people[who], reply=reply, reason="急需答复")
    with pytest.raises(DomainError, match="理由"):
        services.reply_countersign_waive(actor=people["office"], reply=reply, reason=" ")
    services.reply_countersign_waive(actor=people["office"], reply=reply, reason="协办单位已书面同意")
    (entry,) = audit_entries(reply, "coordination.reply.countersign_waive")
    assert entry.data["note"] == "协办单位已书面同意" and entry.data["changes"]["missing"] == ["区财政局"]
    told = Notification.objects.get(title__startswith="办公室同意免予会签")
    assert told.recipient == people["lead"] and opens(client, people["lead"], told.url) == 200
    with pytest.raises(InvalidState):
        services.reply_countersign_waive(actor=people["office"], reply=reply, reason="再次")
    assert services.reply_sign_off(actor=people["leader"], reply=reply).status == Reply.Status.SIGNED_OFF


def test_a_proposal_without_co_units_needs_no_countersign(units, people):
    alone = services.proposal_register(
        actor=people["office"],
        kind=Proposal.Kind.CPPCC,
        session="区政协第十届第四次会议",
        number="d7",
        title="关于临时救助的提案",
        content="",
        received_on=datetime.date(2026, 10, 9),
        proposers=[{"name": "钱进"}],
        lead_unit=units[5],
    )
    reply = draft(alone, people)
    with pytest.raises(InvalidState, match="不需要会签"):
        services.reply_countersign_request(actor=people["lead"], reply=reply)
    assert services.reply_sign_off(actor=people["leader"], reply=reply).status == Reply.Status.SIGNED_OFF


# --- the unit's extension request -----------------------------------------------------------


def ask(actor, proposal, days=30, reason="需要与财政部门协调资金"):
    return services.proposal_extension_request(
        actor=actor, proposal=proposal, new_deadline=proposal.deadline + datetime.timedelta(days=days), reason=reason
    )


def test_the_lead_unit_asks_and_the_office_approves_moving_the_deadline(proposal, people, client, audit_entries):
    original = proposal.deadline
    request = ask(people["lead"], proposal)
    asked = Notification.objects.get(title__startswith="区民政局 申请延期答复")
    assert asked.recipient == people["office"] and opens(client, people["office"], asked.url) == 200
    services.proposal_extension_decide(actor=people["office"], request=request, approve=True, note="同意")
    proposal.refresh_from_db()
    assert proposal.deadline == original + datetime.timedelta(days=30) and proposal.original_deadline == original
    assert ActionItem.objects.get(proposal=proposal).deadline == proposal.deadline
    told = Notification.objects.get(title__startswith="延期申请已同意")
    assert told.recipient == people["lead"] and opens(client, people["lead"], told.url) == 200
    assert len(audit_entries(proposal, "coordination.proposal.extension_request")) == 1
    assert len(audit_entries(proposal, "coordination.proposal.extension_decide")) == 1


def test_one_pending_request_at_a_time(proposal, people):
    ask(people["lead"], proposal)
    with pytest.raises(InvalidState, match="等待办公室审批"):
        ask(people["lead"], proposal, days=40)
    assert ProposalExtensionRequest.objects.count() == 1


@pytest.mark.parametrize("who", ["co", "other", "leader"])
def test_only_the_lead_unit_asks(proposal, people, who):
    with pytest.raises(NotPermitted):
        ask(people[who], proposal)


def test_the_request_stays_within_six_months_of_assignment(proposal, people):
    with pytest.raises(DomainError, match="6 个月"):
        ask(people["lead"], proposal, days=200)
    with pytest.raises(DomainError):
        ask(people["lead"], proposal, days=0)


def test_a_refusal_needs_a_note_and_leaves_the_deadline(proposal, people):
    request = ask(people["lead"], proposal)
    with pytest.raises(NotPermitted):
        services.proposal_extension_decide(actor=people["lead"], request=request, approve=True)
    with pytest.raises(DomainError, match="理由"):
        services.proposal_extension_decide(actor=people["office"], request=request, approve=False)
    services.proposal_extension_decide(actor=people["office"], request=request, approve=False, note="时限内可以办结")
    proposal.refresh_from_db()
    assert proposal.deadline == proposal.original_deadline
    with pytest.raises(InvalidState, match="已经审批"):
        services.proposal_extension_decide(actor=people["office"], request=request, approve=True)
    assert ask(people["lead"], proposal).status == ProposalExtensionRequest.Status.PENDING  # may ask again


def test_the_scheduler_runs_the_first_contact_reminders(assigned, clock):
    clock.set(2026, 10, 23, 8, 20)
    assert services.scheduled_job_run(name="send_contact_reminders") == 1
    assert services.scheduled_job_run(name="send_contact_reminders") == 0
