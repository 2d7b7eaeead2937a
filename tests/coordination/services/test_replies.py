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
    from coordination.pdf import render_pdf

    reply = signed(proposal, people)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(reply_document(reply)))).pages)
    assert "B类" in text and reply.doc_number in text and "赵敏代表" in text
