"""The public progress (办理进度) of assigned proposals: steps with dates, no personal data, nothing unassigned."""

import datetime

import pytest

from coordination.models import Proposal, Proposer, ProposerContact, Reply
from coordination.public import disclosed_proposals, proposal_progress_steps

PROGRESS = "/replies/progress/"


def make(units, number, *, assigned=True, **fields):
    proposal = Proposal.objects.create(
        kind="npc",
        session="区第十九届人大第四次会议",
        number=number,
        title=f"关于第{number}项民生事项的建议",
        received_on=datetime.date(2026, 3, 1),
        assigned_on=datetime.date(2026, 3, 5) if assigned else None,
        deadline=datetime.date(2026, 6, 5),
        lead_unit=units[5],
        **fields,
    )
    Proposer.objects.create(proposal=proposal, name=f"代表甲{number}", phone="13912345678", address="某街道某号")
    return proposal


@pytest.fixture
def world(site_pages):
    from coordination.models import MemberUnit

    units = list(MemberUnit.objects.order_by("order"))
    signed = make(units, "901")
    Reply.objects.create(
        proposal=signed,
        unit=units[5],
        status=Reply.Status.SIGNED_OFF,
        reply_date=datetime.date(2026, 5, 1),
        disclosure=Reply.Disclosure.ON_REQUEST,
    )
    sent = make(units, "902")
    Reply.objects.create(
        proposal=sent,
        unit=units[5],
        status=Reply.Status.SENT,
        reply_date=datetime.date(2026, 5, 1),
        sent_on=datetime.date(2026, 5, 3),
        disclosure=Reply.Disclosure.ON_REQUEST,
    )
    hidden = make(units, "903")
    Reply.objects.create(
        proposal=hidden,
        unit=units[5],
        status=Reply.Status.DRAFT,
        disclosure=Reply.Disclosure.NOT_DISCLOSED,
        non_disclosure_reason="涉及个人隐私",
    )
    return {
        "units": units,
        "signed": signed,
        "sent": sent,
        "hidden": hidden,
        "unassigned": make(units, "904", assigned=False),
        "returned": make(units, "905", return_reason="不属于本单位职责"),
    }


def steps_of(proposal):
    return [(str(s.label), s.date) for s in proposal_progress_steps(disclosed_proposals().get(pk=proposal.pk))]


def test_a_signed_but_unsent_reply_is_not_a_replied_step(world):
    assert steps_of(world["signed"]) == [
        ("登记", datetime.date(2026, 3, 1)),
        ("交办", datetime.date(2026, 3, 5)),
        ("沟通联系", None),
        ("答复", None),
    ]
    assert steps_of(world["sent"])[-1] == ("答复", datetime.date(2026, 5, 3))


def test_only_assigned_proposals_not_returned_nor_withheld_are_public(world):
    public = set(disclosed_proposals().values_list("number", flat=True))
    assert {"901", "902"} <= public
    assert not public & {"903", "904", "905"}


def test_the_progress_page_shows_steps_and_no_personal_data(client, world):
    response = client.get(PROGRESS)
    assert response.status_code == 200
    body = response.content.decode()
    assert "关于第901项民生事项的建议" in body and "2026-03-05" in body and "2026-05-03" in body
    for secret in ("代表甲", "13912345678", "139 1234", "某街道某号"):
        assert secret not in body
    for hidden in ("903", "904", "905"):
        assert f"第{hidden}项" not in body


def test_a_proposal_with_a_disclosed_reply_links_to_it(client, world):
    proposal = world["sent"]
    Proposal.objects.filter(pk=proposal.pk).update(assigned_on=datetime.date(2026, 11, 20))  # first on the page
    reply = proposal.replies.get()
    Reply.objects.filter(pk=reply.pk).update(
        reply_date=datetime.date(2026, 11, 21),
        sent_on=datetime.date(2026, 11, 21),
        disclosure=Reply.Disclosure.PROACTIVE,
    )
    response = client.get(PROGRESS)
    listed = {p.pk: p.public_reply_id for p in response.context["proposals"]}
    assert listed[proposal.pk] == reply.pk and listed[world["signed"].pk] is None
    assert f'href="/replies/{reply.pk}/"' in response.content.decode()


def test_the_progress_page_query_count_does_not_grow_with_proposals(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(PROGRESS)
    with CaptureQueriesContext(connection) as before:
        client.get(PROGRESS)
    for number in range(910, 915):
        make(world["units"], str(number))
    with CaptureQueriesContext(connection) as after:
        client.get(PROGRESS)
    assert len(after) == len(before)


def test_the_first_contact_is_a_step_with_its_date_and_nothing_of_what_was_said(client, world, office_user):
    proposal = world["signed"]
    for day, summary in ((12, "当面听取代表对补贴标准的意见"), (9, "电话约定面商时间")):
        ProposerContact.objects.create(
            proposal=proposal,
            unit=proposal.lead_unit,
            kind=ProposerContact.Kind.BEFORE,
            contacted_on=datetime.date(2026, 3, day),
            manner=ProposerContact.Manner.PHONE,
            summary=summary,
            contacted_by="王科长",
            recorded_by=office_user,
        )
    assert steps_of(proposal)[2] == ("沟通联系", datetime.date(2026, 3, 9))
    body = client.get(PROGRESS).content.decode()
    assert "2026-03-09" in body
    for private in ("电话约定面商时间", "当面听取", "王科长"):
        assert private not in body
