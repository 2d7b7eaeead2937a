"""Suggestions and proposals: the handling lifecycle, its deadlines, who may do what, and disclosure."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coordination import permissions, services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import Proposal, Reply
from tests.factories import UserFactory


@pytest.fixture
def people(units, make_liaison, office_user):
    leader = UserFactory(username="leader")
    permissions.grant_sign_off(leader, units[5])
    return {
        "lead": make_liaison(units[5], "mz"),
        "co": make_liaison(units[7], "cz"),
        "other": make_liaison(units[3], "jt"),
        "leader": leader,
        "office": office_user,
    }


@pytest.fixture
def proposal(units, people):
    return services.proposal_register(
        actor=people["office"],
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number=" 5 6 ",
        title="关于为独居老人安装应急呼叫设备的建议",
        content="建议在社区推广一键呼叫。",
        received_on=datetime.date(2026, 10, 9),
        proposers=[{"name": "赵敏", "phone": "13912345678"}],
        lead_unit=units[5],
        co_units=[units[7]],
    )


def draft(proposal, people, **fields):
    values = {
        "category": "B",
        "body": "已列入明年民生实事。",
        "contact_person": "刘洋",
        "contact_phone": "0917-6212345",
    }
    return services.reply_save(actor=people["lead"], proposal=proposal, **{**values, **fields})


def signed(proposal, people, **fields):
    return services.reply_sign_off(actor=people["leader"], reply=draft(proposal, people, **fields))


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


def test_the_lead_liaison_drafts_and_the_leader_signs_off_with_a_number(proposal, people):
    reply = signed(proposal, people)
    assert reply.status == Reply.Status.SIGNED_OFF
    assert reply.doc_number == f"陈民政建函〔{timezone.localdate().year}〕1号"
    assert reply.addressee == "赵敏代表"
    assert reply.index_number
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SIGNED_OFF


def test_a_co_unit_cannot_draft_the_reply(proposal, people):
    with pytest.raises(NotPermitted):
        services.reply_save(actor=people["co"], proposal=proposal, body="x")
    assert not Reply.objects.exists()


def test_the_liaison_cannot_sign_off(proposal, people):
    reply = draft(proposal, people)
    with pytest.raises(NotPermitted):
        services.reply_sign_off(actor=people["lead"], reply=reply)
    reply.refresh_from_db()
    assert reply.status == Reply.Status.DRAFT and not reply.doc_number


def test_sign_off_needs_category_and_body(proposal, people):
    reply = draft(proposal, people, category="")
    with pytest.raises(DomainError, match="答复类别"):
        services.reply_sign_off(actor=people["leader"], reply=reply)


def test_nothing_changes_after_sign_off_except_by_a_recorded_reopening(proposal, people):
    reply = signed(proposal, people)
    with pytest.raises(InvalidState):
        draft(proposal, people, body="改过的正文")
    with pytest.raises(DomainError):
        services.reply_reopen(actor=people["leader"], reply=reply, reason="")
    services.reply_reopen(actor=people["leader"], reply=reply, reason="补充资金来源")
    edited = draft(proposal, people, body="改过的正文")
    assert edited.pk == reply.pk and edited.doc_number == reply.doc_number
    again = services.reply_sign_off(actor=people["leader"], reply=edited)
    assert again.doc_number == reply.doc_number  # the number is kept, never a second one


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


def test_a_misassigned_item_is_returned_within_the_days_allowed(proposal, people, units, monkeypatch):
    services.proposal_return(actor=people["lead"], proposal=proposal, reason="职能属于区住建局")
    services.proposal_reassign(actor=people["office"], proposal=proposal, lead_unit=units[10])
    proposal.refresh_from_db()
    assert proposal.lead_unit == units[10]
    late = timezone.localdate() + datetime.timedelta(days=30)
    monkeypatch.setattr(timezone, "localdate", lambda *a: late)
    with pytest.raises(NotPermitted):
        services.proposal_return(actor=people["lead"], proposal=proposal, reason="x")


def test_co_units_give_opinions_others_cannot(proposal, people, units):
    services.proposal_co_opinion(actor=people["co"], proposal=proposal, unit=units[7], text="资金可以保障。")
    with pytest.raises(NotPermitted):
        services.proposal_co_opinion(actor=people["other"], proposal=proposal, unit=units[3], text="x")


def test_only_disclosed_signed_off_replies_are_public(proposal, people, client, site_pages):
    hidden = signed(
        proposal,
        people,
        disclosure=Reply.Disclosure.NOT_DISCLOSED,
        non_disclosure_reason="涉及隐私",
        body="独有词语：银发守护计划",
    )
    assert not hidden.is_public and not hidden.index_number
    from content.fulltext.query import search

    assert search("银发守护计划").total == 0
    assert client.get(f"/replies/{hidden.pk}/").status_code == 404
    for url in ("/replies/", "/sitemap.xml", "/feeds/replies/", "/api/items/"):
        assert "银发守护计划" not in client.get(url).content.decode()
    assert client.get(f"/workbench/proposals/{proposal.pk}/reply.pdf").status_code == 302  # login first


def test_the_reply_pdf_prints_the_category_and_number(proposal, people):
    import io

    from pypdf import PdfReader

    from coordination.documents import reply_document
    from coordination.pdf import render_pdf

    reply = signed(proposal, people)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(reply_document(reply)))).pages)
    assert "B类" in text and reply.doc_number in text and "赵敏代表" in text


def test_figures_count_by_unit_and_session(proposal, people):
    from coordination.selectors import proposal_figures

    services.reply_send(actor=people["lead"], reply=signed(proposal, people))
    services.proposal_rate(actor=people["office"], proposal=proposal, rating=Proposal.Rating.BASICALLY)
    [row] = proposal_figures(Proposal.objects.all())
    assert (row["unit"], row["received"], row["on_time"], row["B"], row["basically"]) == ("区民政局", 1, 1, 1, 1)


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


def test_co_units_are_reminded_of_their_opinion_once(proposal, people, units):
    from coordination.models import Notification

    before = proposal.co_opinion_deadline - datetime.timedelta(days=7)
    assert services.reminders_send(today=before) == 1
    assert services.reminders_send(today=before) == 0
    assert Notification.objects.filter(recipient=people["co"], title__startswith="协办意见将在 7 天后到期").exists()
    services.proposal_co_opinion(actor=people["co"], proposal=proposal, unit=units[7], text="同意")
    assert services.reminders_send(today=proposal.co_opinion_deadline - datetime.timedelta(days=1)) == 0
