"""Building blocks for the workbench home tests: work in every state a home lists, made through the
services as the office and the liaisons make it, and a reader of the home's sections."""

import datetime
import re

from django.utils import timezone

from coordination import permissions, services
from coordination.models import Meeting, Proposal
from tests.factories import UserFactory

SECTION = re.compile(r'<span class="count" id="(?P<name>[\w-]+)-count">(?P<count>\d+)</span>')


def sections(body: str) -> dict[str, tuple[int, list[str]]]:
    """Each section of a home page: the count it shows and the rows (<li>) of its list."""
    found = {}
    for match in SECTION.finditer(body):
        name = match["name"]
        listing = re.search(rf'<ul class="doc-list" id="{name}-list">(.*?)</ul>', body, re.S)
        rows = re.findall(r"<li\b.*?</li>", listing.group(1), re.S) if listing else []
        found[name] = (int(match["count"]), rows)
    return found


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def make_item(office, unit, title, deadline, co_units=()):
    return services.action_item_create(
        actor=office, title=title, lead_unit=unit, co_units=list(co_units), deadline=deadline
    )


def held_meeting(office, chair, invited, *, days_ago=2):
    """A meeting held `days_ago` days ago with every invited unit present."""
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = services.meeting_schedule(
        actor=office,
        kind=Meeting.Kind.AD_HOC,
        starts_at=starts,
        place="会议室",
        chair=chair,
        topic_deadline=starts - datetime.timedelta(days=1),
        invited_units=invited,
        past_reason="补录已召开的会议",
        confirm_duplicate=True,  # tests hold several meetings on one day
    )
    meeting = services.meeting_notify(actor=office, meeting=meeting)
    sheet = {unit.pk: ("present", "负责同志") for unit in invited}
    return services.meeting_hold(actor=office, meeting=meeting, attendance=sheet)


def consent_round(office, chair, invited):
    """Minutes of a held meeting circulated to the invited units for their consent."""
    meeting = held_meeting(office, chair, invited)
    minutes = services.minutes_draft(
        actor=office,
        meeting=meeting,
        title=f"{meeting.title}纪要",
        body="会议议定如下。",
        agreed_items=[{"title": "议定事项", "lead_unit": invited[0], "deadline": days(30)}],
    )
    services.consent_round_open(actor=office, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3))
    return minutes


def planned_meeting(office, chair, invited):
    starts = timezone.now() + datetime.timedelta(days=10)
    return services.meeting_schedule(
        actor=office,
        kind=Meeting.Kind.REGULAR,
        starts_at=starts,
        place="会议室",
        chair=chair,
        topic_deadline=starts - datetime.timedelta(days=3),
        invited_units=invited,
    )


def drafted_reply(office, lead_liaison, unit, number="7"):
    proposal = services.proposal_register(
        actor=office,
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number=number,
        title=f"关于第{number}号事项的建议",
        content="建议。",
        received_on=timezone.localdate(),
        proposers=[{"name": "赵敏"}],
        lead_unit=unit,
    )
    return services.reply_save(
        actor=lead_liaison, proposal=proposal, category="B", body="答复正文。", addressee="赵敏代表"
    )


def leader_of(unit, username="leader"):
    leader = UserFactory(username=username)
    permissions.grant_sign_off(leader, unit)
    return leader
