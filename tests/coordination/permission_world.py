"""The world the permission matrix runs in: the roles, and one object of each kind per side.

"Own" objects belong to 区民政局 (lead) with 区财政局 as co-unit (who has not countersigned the
reply draft; each side's proposal has an extension request pending); "other" objects belong to
区医保局, which none of the acting roles but the other leader, the convenor and the office may see.
Two requests for government information belong to no side: one open, one answered.
"""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

from coordination import permissions, services
from coordination.models import Meeting, Proposal
from tests.coordination.disclosure_world import submit as submit_request
from tests.coordination.files.samples import PDF, upload
from tests.factories import UserFactory

ROLES = [
    "anonymous",
    "liaison",
    "co_liaison",
    "other_liaison",
    "leader",
    "other_leader",
    "convenor",
    "editor",
    "office",
]


def _users(units, office, convenor, make_liaison) -> dict:
    leader, other_leader = UserFactory(username="leader-mz"), UserFactory(username="leader-yb")
    permissions.grant_sign_off(leader, units[5])
    permissions.grant_sign_off(other_leader, units[19])
    editor = UserFactory(username="editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return {
        "anonymous": None,
        "liaison": make_liaison(units[5], "mz"),
        "co_liaison": make_liaison(units[7], "cz"),
        "other_liaison": make_liaison(units[3], "jt"),
        "leader": leader,
        "other_leader": other_leader,
        "convenor": convenor,
        "editor": editor,
        "office": office,
        "yb": make_liaison(units[19], "yb"),  # acts for the other side; not a column of the matrix
    }


def _meeting(office, convenor, invited, *, held=False):
    # A held meeting is recorded after it took place; an open one lies ahead.
    starts_at = timezone.now() + datetime.timedelta(days=-1 if held else 5)
    meeting = services.meeting_schedule(
        actor=office,
        kind=Meeting.Kind.REGULAR,
        starts_at=starts_at,
        place="区政府三楼会议室",
        chair=convenor,
        topic_deadline=starts_at - datetime.timedelta(days=3),
        invited_units=invited,
        past_reason="补录" if held else "",
        confirm_duplicate=True,
    )
    meeting = services.meeting_notify(actor=office, meeting=meeting)
    if held:
        sheet = {u.pk: ("present", "张三") for u in invited}
        meeting = services.meeting_hold(actor=office, meeting=meeting, attendance=sheet)
    return meeting


def _side(units, users, lead, co, liaison) -> dict:
    office, convenor = users["office"], users["convenor"]
    invited = [lead, co] if co else [lead]
    meeting = _meeting(office, convenor, invited)
    topic = services.topic_propose(
        actor=liaison,
        meeting=meeting,
        unit=lead,
        title=f"{lead.short_name}内部议题",
        background="内部背景",
        decision_requested="请研究",
    )
    held = _meeting(office, convenor, invited, held=True)
    minutes = services.minutes_draft(
        actor=office,
        meeting=held,
        title=f"{lead.short_name}会议纪要",
        body="纪要初稿",
        agreed_items=[{"title": "议定事项", "lead_unit": lead, "co_units": [], "deadline": datetime.date(2027, 6, 30)}],
    )
    services.consent_round_open(actor=office, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=3))
    item = services.action_item_create(
        actor=office,
        title=f"{lead.short_name}督办事项",
        lead_unit=lead,
        co_units=[co] if co else [],
        deadline=datetime.date(2027, 6, 30),
        description="按月报送",
    )
    services.action_item_report_progress(
        actor=liaison, item=item, unit=lead, text=f"{lead.short_name}内部进展", percent=30, completion=False, files=[]
    )
    urge = services.action_item_urge(actor=office, item=item, unit=lead, text="请加快进度")
    extension = services.extension_request(
        actor=liaison, item=item, reason="需要协调", new_deadline=datetime.date(2027, 9, 30)
    )
    proposal = services.proposal_register(
        actor=office,
        kind=Proposal.Kind.NPC,
        session="区第十九届人大第四次会议",
        number=str(lead.order),
        title=f"{lead.short_name}办理的建议",
        content="建议内容",
        received_on=datetime.date(2026, 10, 9),
        proposers=[{"name": "赵敏", "phone": "13912345678"}],
        lead_unit=lead,
        co_units=[co] if co else [],
    )
    services.reply_save(actor=liaison, proposal=proposal, category="B", body=f"{lead.short_name}答复草稿")
    proposal_extension = services.proposal_extension_request(
        actor=liaison,
        proposal=proposal,
        new_deadline=proposal.deadline + datetime.timedelta(days=30),
        reason="需要调研",
    )
    return {
        "meeting": meeting,
        "topic": topic,
        "minutes": minutes,
        "item": item,
        "urge": urge,
        "extension": extension,
        "proposal": proposal,
        "proposal_extension": proposal_extension,
    }


def build(units, office, convenor, make_liaison) -> tuple[dict, dict]:
    users = _users(units, office, convenor, make_liaison)
    own = _side(units, users, units[5], units[7], users["liaison"])
    other = _side(units, users, units[19], None, users["yb"])
    circular = services.circular_issue(
        actor=office, period_start=timezone.localdate() - datetime.timedelta(days=90), period_end=timezone.localdate()
    )
    disclosure, _secret = submit_request()
    answered, _secret = submit_request()
    services.disclosure_request_answer(
        actor=office, request=answered, outcome="granted", answer_text="见附件", attachments=[upload("明细.pdf", PDF)]
    )
    return users, {
        "own": own,
        "other": other,
        "circular": circular,
        "disclosure": disclosure,
        "answered_disclosure": answered,
        "released_file": answered.attachments.get(),
    }
