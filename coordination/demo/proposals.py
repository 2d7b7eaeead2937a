"""Suggestions and proposals being handled this year, each at another step.

The replies of earlier years come from `replies` (imported letters, disclosed). Here the
congress office's new batch: one just assigned, one with a contact logged, a co-unit's opinion and
a draft reply the co-unit has countersigned with remarks, one whose reply the bureau's leader has
signed off.
"""

import datetime

from django.utils import timezone

from .. import services
from ..models import Countersign, Proposal, ProposerContact
from .common import Progress, User, by_name, liaison

SESSION = "区第十九届人大第四次会议"

PROPOSALS = [
    ("52", "关于加强农村留守老人关爱服务的建议", "赵红梅", "区卫健局", ["区民政局"]),
    ("64", "关于提高分散供养特困人员照料护理补贴的建议", "孙建平", "区民政局", ["区财政局"]),
    ("71", "关于简化临时救助申请材料的建议", "马丽娟", "区民政局", []),
]


def load_proposals(office: User, leader: User, progress: Progress) -> None:
    if Proposal.objects.filter(session=SESSION).exists():
        progress("proposals: already there")
        return
    received = timezone.localdate() - datetime.timedelta(days=40)
    registered = {}
    for number, title, deputy, lead, co in PROPOSALS:
        (lead_unit,) = by_name(lead)
        registered[number] = services.proposal_register(
            actor=office,
            kind=Proposal.Kind.NPC,
            session=SESSION,
            number=number,
            title=title,
            content=f"{title.removeprefix('关于').removesuffix('的建议')}，建议有关部门加大工作力度。",
            received_on=received,
            proposers=[{"name": deputy}],
            lead_unit=lead_unit,
            co_units=by_name(*co),
        )
    mz, cz = by_name("区民政局", "区财政局")

    drafted = registered["64"]
    services.proposal_co_opinion(
        actor=liaison(cz), proposal=drafted, unit=cz, text="同意提高补贴标准，所需资金纳入明年预算统筹安排。"
    )
    services.proposal_contact_log(
        actor=liaison(mz),
        proposal=drafted,
        kind=ProposerContact.Kind.BEFORE,
        contacted_on=timezone.localdate(),
        manner=ProposerContact.Manner.FACE,
        summary="登门听取孙建平代表对补贴分档的意见，代表希望向重度失能人员倾斜。",
        view=ProposerContact.View.NONE,
        contacted_by="刘洋 社会救助股股长",
    )
    draft = services.reply_save(
        actor=liaison(mz),
        proposal=drafted,
        category="B",
        body="一、关于照料护理补贴标准\n我局已会同区财政局测算，拟自明年起按失能程度分档提高补贴。",
        contact_person="刘洋",
        contact_phone="0917-6212345",
    )
    services.reply_countersign(
        actor=liaison(cz),
        reply=draft,
        unit=cz,
        decision=Countersign.Decision.AGREE_WITH_REMARKS,
        remarks="资金安排请写明“纳入明年预算统筹”，不写具体金额。",
    )

    signed = registered["71"]
    reply = services.reply_save(
        actor=liaison(mz),
        proposal=signed,
        category="A",
        body="您提出的建议已采纳。临时救助申请材料已由 7 项减为 3 项，急难情形可先行救助、事后补充材料。",
        contact_person="刘洋",
        contact_phone="0917-6212345",
    )
    services.reply_sign_off(actor=leader, reply=reply)
    progress(f"proposals: {SESSION} 第52号 assigned, 第64号 reply drafted, 第71号 signed off")
