"""Replies sent before the portal existed, imported as the office would import them."""

from .. import permissions, services
from ..models import MemberUnit, Proposal, Reply
from .common import Progress
from .texts import REPLIES


def load_replies(progress: Progress) -> None:
    """Replies sent before the portal existed, recorded as the office would import them."""
    office = permissions.office_users().first()
    for data in REPLIES:
        unit = MemberUnit.objects.get(short_name=data["unit"])
        if not Reply.objects.filter(unit=unit, doc_number=data["doc_number"]).exists():
            role = "代表" if data["kind"] == Proposal.Kind.NPC else "委员"
            reply = services.reply_import(
                actor=office,
                unit=unit,
                fields={
                    "kind": data["kind"],
                    "session": data["session"],
                    "proposal_number": data["number"],
                    "suggestion_title": data["title"],
                    "proposer_name": data["proposer"],
                    "addressee": f"{data['proposer']}{role}",
                    "category": data["category"],
                    "doc_number": data["doc_number"],
                    "signer": data["signer"],
                    "date": data["reply_date"],
                    "body": data["body"],
                    "contact_person": data["contact_person"],
                    "contact_phone": data["contact_phone"],
                    "copies_to": data["copies_to"].split("，"),
                    "disclosure": Reply.Disclosure.PROACTIVE,
                },
            )
            services.reply_disclosure_confirm(actor=office, reply=reply)  # the office has read them
        progress(f"reply: {unit.short_name} {data['session']} 第{data['number']}号")
