"""Imported reply letters: records of the past that move the unit's 文号 series and wait for the
office's confirmation before they go public."""

import pytest

from coordination import services
from coordination.errors import InvalidState, NotPermitted
from coordination.models import DocumentNumberSequence, Liaison, Reply
from coordination.public import reply_public_changed
from tests.coordination.services.helpers import signed

LETTER = {
    "kind": "npc",
    "session": "区第十九届人大第三次会议",
    "proposal_number": "12",
    "body": "您提出的建议收悉，现答复如下：……",
}


def _lead_unit(people):
    return Liaison.objects.active().get(user=people["lead"]).unit


def import_numbered(people, doc_number: str, number: str) -> Reply:
    return services.reply_import(
        actor=people["office"],
        unit=_lead_unit(people),
        fields={**LETTER, "proposal_number": number, "doc_number": doc_number},
    )


def test_a_reply_signed_off_after_importing_7_of_the_year_gets_8(clock, proposal, people):
    import_numbered(people, "陈民政建函〔2026〕7号", "12")
    assert signed(proposal, people).doc_number == "陈民政建函〔2026〕8号"


def test_importing_3_after_5_does_not_lower_the_series(clock, proposal, people):
    import_numbered(people, "陈民政建函〔2026〕5号", "12")
    import_numbered(people, "陈民政建函 [2026] 3 号", "13")
    assert DocumentNumberSequence.objects.get(year=2026, series__endswith=":建").last == 5
    assert signed(proposal, people).doc_number == "陈民政建函〔2026〕6号"


def test_numbers_of_another_series_year_or_unit_leave_the_series_alone(clock, proposal, people):
    import_numbered(people, "陈民政提函〔2026〕9号", "12")  # the unit's 提案 series
    import_numbered(people, "陈民政建函〔2025〕30号", "13")  # last year
    import_numbered(people, "宝市民建函〔2026〕40号", "14")  # not the unit's prefix
    assert signed(proposal, people).doc_number == "陈民政建函〔2026〕1号"


def test_a_number_recorded_before_imports_reserved_theirs_is_stepped_over(clock, proposal, people):
    import_numbered(people, "陈民政建函〔2026〕1号", "12")
    DocumentNumberSequence.objects.filter(year=2026).delete()  # as on a database imported earlier
    assert signed(proposal, people).doc_number == "陈民政建函〔2026〕2号"


def test_an_imported_letter_keeps_what_it_does_not_show_unknown(clock, people):
    reply = import_numbered(people, "", "12")
    reply.refresh_from_db()
    assert reply.imported and reply.status == Reply.Status.SENT
    assert (reply.reply_date, reply.category, reply.signer, reply.doc_number, reply.index_number) == (
        None,
        "",
        "",
        "",
        "",
    )
    assert reply.disclosure == Reply.Disclosure.ON_REQUEST  # no disclosure line: not for the public
    assert reply.proposal.deadline is None and not reply.is_public


def test_a_proactive_letter_goes_public_only_when_the_office_confirms(
    clock, people, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, reply, **kwargs):
        announced.append(reply.pk)

    reply_public_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            reply = services.reply_import(
                actor=people["office"],
                unit=_lead_unit(people),
                fields={**LETTER, "disclosure": Reply.Disclosure.PROACTIVE, "category": "A"},
            )
        assert announced == [] and not Reply.objects.disclosed().exists() and not reply.index_number
        with pytest.raises(NotPermitted):
            services.reply_disclosure_confirm(actor=people["lead"], reply=reply)
        with django_capture_on_commit_callbacks(execute=True):
            confirmed = services.reply_disclosure_confirm(actor=people["office"], reply=reply)
    finally:
        reply_public_changed.disconnect(receiver)
    assert announced == [reply.pk]
    assert confirmed.is_public and list(Reply.objects.disclosed()) == [confirmed]
    assert confirmed.index_number and confirmed.disclosure_confirmed_by == people["office"]
    with pytest.raises(InvalidState):
        services.reply_disclosure_confirm(actor=people["office"], reply=confirmed)


def test_a_letter_not_marked_for_proactive_disclosure_cannot_be_published(clock, people):
    reply = services.reply_import(
        actor=people["office"],
        unit=_lead_unit(people),
        fields={**LETTER, "disclosure": Reply.Disclosure.NOT_DISCLOSED},
    )
    with pytest.raises(InvalidState):
        services.reply_disclosure_confirm(actor=people["office"], reply=reply)
    assert not Reply.objects.disclosed().exists()


def test_a_reply_signed_off_in_the_portal_needs_no_confirmation(clock, proposal, people):
    reply = signed(proposal, people, disclosure=Reply.Disclosure.PROACTIVE)
    assert reply.is_public and list(Reply.objects.disclosed()) == [reply]
