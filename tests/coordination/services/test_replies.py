"""Replies to suggestions and proposals: drafting, sign-off, reopening, disclosure and the PDF."""

import pytest
from django.utils import timezone

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import Proposal, Reply
from tests.coordination.services.helpers import countersigned, draft, signed


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
    reply = countersigned(proposal, people, category="")
    with pytest.raises(DomainError, match="答复类别"):
        services.reply_sign_off(actor=people["leader"], reply=reply)


def test_nothing_changes_after_sign_off_except_by_a_recorded_reopening(proposal, people):
    reply = signed(proposal, people)
    with pytest.raises(InvalidState):
        draft(proposal, people, body="改过的正文")
    with pytest.raises(DomainError):
        services.reply_reopen(actor=people["leader"], reply=reply, reason="")
    services.reply_reopen(actor=people["leader"], reply=reply, reason="补充资金来源")
    edited = countersigned(proposal, people, body="改过的正文")  # a changed draft is countersigned again
    assert edited.pk == reply.pk and edited.doc_number == reply.doc_number
    again = services.reply_sign_off(actor=people["leader"], reply=edited)
    assert again.doc_number == reply.doc_number  # the number is kept, never a second one


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
    from coordination.official import render_pdf

    reply = signed(proposal, people)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(reply_document(reply)))).pages)
    assert "B类" in text and reply.doc_number in text and "赵敏代表" in text


# --- the second reply (再次答复) after 不满意 ---------------------------------------------------


def sent(proposal, people, **fields):
    reply = signed(proposal, people, **fields)
    return services.reply_send(actor=people["lead"], reply=reply)


def rate(proposal, people, rating):
    return services.proposal_rate(actor=people["office"], proposal=Proposal.objects.get(pk=proposal.pk), rating=rating)


def test_unsatisfied_reopens_for_a_second_reply_due_a_month_after_the_rating(proposal, people):
    import datetime

    import time_machine

    from coordination.models import ActionItem, Notification

    sent(proposal, people)
    with time_machine.travel(datetime.datetime(2027, 1, 31, 10, 0, tzinfo=timezone.get_current_timezone())):
        rated = rate(proposal, people, Proposal.Rating.UNSATISFIED)
    assert rated.rated_on == datetime.date(2027, 1, 31)
    assert rated.deadline == datetime.date(2027, 2, 28)  # one calendar month, the month's last day
    assert (rated.status, rated.reply_round) == (Proposal.Status.IN_HANDLING, 2) and rated.owes_second_reply
    item = ActionItem.objects.get(proposal=proposal)
    assert item.deadline == rated.deadline and item.status == ActionItem.Status.IN_PROGRESS
    assert item.title.startswith("再次答复")
    assert Notification.objects.filter(recipient=people["lead"], title__contains="再次答复").exists()
    first = proposal.replies.get()
    assert (first.rating, first.rated_on) == (Proposal.Rating.UNSATISFIED, datetime.date(2027, 1, 31))


def test_the_second_reply_is_a_new_letter_of_the_same_series_citing_the_first(proposal, people):
    from coordination.documents import reply_letter

    first = sent(proposal, people)
    rate(proposal, people, Proposal.Rating.UNSATISFIED)
    second = countersigned(proposal, people, body="经再次研究，资金已于本月落实。")
    assert second.pk != first.pk and second.round == 2
    assert "再次答复" in second.title and "再次答复" not in first.title
    letter = reply_letter(second)
    assert first.doc_number in letter.opening and "再次答复如下" in letter.opening
    second = services.reply_sign_off(actor=people["leader"], reply=second)
    year = timezone.localdate().year
    assert (first.doc_number, second.doc_number) == (f"陈民政建函〔{year}〕1号", f"陈民政建函〔{year}〕2号")
    services.reply_send(actor=people["lead"], reply=second)
    closed = rate(proposal, people, Proposal.Rating.SATISFIED)
    assert closed.status == Proposal.Status.CLOSED and closed.rating == Proposal.Rating.SATISFIED
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.rating, second.rating) == (Proposal.Rating.UNSATISFIED, Proposal.Rating.SATISFIED)


def test_a_second_unsatisfied_rating_closes_without_a_third_round(proposal, people):
    sent(proposal, people)
    rate(proposal, people, Proposal.Rating.UNSATISFIED)
    sent(proposal, people, body="再次答复的正文。")
    closed = rate(proposal, people, Proposal.Rating.UNSATISFIED)
    assert (closed.status, closed.reply_round) == (Proposal.Status.CLOSED, 2)
    assert proposal.replies.count() == 2
    with pytest.raises(InvalidState):
        draft(proposal, people, body="第三次")


def test_who_may_rate_and_draft_the_second_reply(proposal, people):
    sent(proposal, people)
    for who in ("lead", "leader", "co"):
        with pytest.raises(NotPermitted):
            services.proposal_rate(actor=people[who], proposal=proposal, rating=Proposal.Rating.UNSATISFIED)
    rate(proposal, people, Proposal.Rating.UNSATISFIED)
    with pytest.raises(NotPermitted):
        services.reply_save(actor=people["co"], proposal=proposal, body="协办单位不能起草")
    with pytest.raises(InvalidState):
        rate(proposal, people, Proposal.Rating.SATISFIED)  # nothing sent in the second round yet
    second = draft(proposal, people, body="再次答复。")
    with pytest.raises(NotPermitted):
        services.reply_sign_off(actor=people["lead"], reply=second)
