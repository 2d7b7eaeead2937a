"""Selector rules the permission matrix does not reach: drafts before circulation, leaders' scope."""

import datetime

from django.utils import timezone

from coordination import permissions, selectors, services
from coordination.models import Meeting, Proposal
from tests.factories import UserFactory


def test_liaisons_see_minutes_only_once_circulated(units, office_user, convenor_user, make_liaison):
    liaison = make_liaison(units[5], "mz")
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=now - datetime.timedelta(hours=1),
        place="会议室",
        chair=convenor_user,
        topic_deadline=now - datetime.timedelta(days=2),
        invited_units=[units[5]],
        past_reason="补录已召开的会议",
    )
    services.meeting_notify(actor=office_user, meeting=meeting)
    services.meeting_hold(actor=office_user, meeting=meeting, attendance={units[5].pk: ("present", "张三")})
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=meeting,
        title="纪要",
        body="办公室初稿",
        agreed_items=[{"title": "事项", "lead_unit": units[5], "co_units": [], "deadline": datetime.date(2027, 1, 1)}],
    )
    assert not selectors.minutes_visible_to(liaison).exists()
    assert selectors.minutes_visible_to(convenor_user).get() == minutes
    services.consent_round_open(actor=office_user, minutes=minutes, deadline=now + datetime.timedelta(days=3))
    assert selectors.minutes_visible_to(liaison).get() == minutes


def test_a_leader_sees_the_proposals_of_the_units_they_sign_off_and_no_other(units, office_user):
    leader, nobody = UserFactory(username="leader"), UserFactory(username="nobody")
    permissions.grant_sign_off(leader, units[5])
    for number, lead in enumerate([units[5], units[19], units[3]], start=1):
        Proposal.objects.create(
            kind="npc",
            session="届次",
            number=str(number),
            title="建议",
            received_on=datetime.date(2026, 1, 5),
            lead_unit=lead,
        )
    assert [p.lead_unit for p in selectors.proposals_visible_to(leader)] == [units[5]]
    assert not selectors.proposals_visible_to(nobody).exists()
