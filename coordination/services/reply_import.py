"""Letters sent before the portal existed, recorded from their text (`importers.letters`).

An imported letter is a record of the past: it is saved as sent, with the date, category, 文号,
签发人 and disclosure the letter shows, and blank where it shows none (the screens say 未识别);
nothing is filled in from today or from the portal's defaults. Its 文号 moves the unit's number
series past it, so the next reply the unit signs off does not collide with it. A letter marked
主动公开 reaches the public site only when the office confirms it on a preview
(`reply_disclosure_confirm`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.errors import DomainError, InvalidState
from coordination.models import MemberUnit, Proposal, Proposer, Reply
from coordination.numbering import index_number_take, reply_number_reserve

from .common import audit, check, lock, validated
from .replies import _public_changed

REQUIRED = {
    "kind": gettext_lazy("类型"),
    "session": gettext_lazy("届次会议"),
    "proposal_number": gettext_lazy("编号"),
    "body": gettext_lazy("正文"),
}


def _proposal(fields: dict, unit: MemberUnit, day) -> Proposal:
    """The suggestion the letter answers, found by kind, session and number, or registered as answered."""
    proposal, created = Proposal.objects.get_or_create(
        kind=fields["kind"],
        session=fields["session"],
        number=fields["proposal_number"],
        defaults={
            "title": fields.get("suggestion_title") or _("（标题未载明）"),
            # The day it entered the portal when the letter bears no date: the record's own date.
            "received_on": day or timezone.localdate(),
            "lead_unit": unit,
            "assigned_on": day,
            "deadline": day,
            "original_deadline": day,
            "status": Proposal.Status.REPLIED,
        },
    )
    if created and fields.get("proposer_name"):
        Proposer.objects.create(proposal=proposal, name=fields["proposer_name"])
    return proposal


@transaction.atomic
def reply_import(*, actor, unit: MemberUnit, fields: dict) -> Reply:
    """Record a reply letter `unit` sent before the portal existed, as found in its text.

    `fields` are `ParsedReply.as_dict()` names (corrected by the office), `date` a date or None.
    Kind, session, number and body identify the letter and must be there; every other part is
    kept blank when missing. Without a disclosure line the letter is not for proactive disclosure.
    """
    check("reply.import", actor)
    missing = [str(label) for name, label in REQUIRED.items() if not fields.get(name)]
    if missing:
        raise DomainError(_("缺少：%(f)s。请在表单中补全后再保存。") % {"f": "、".join(missing)})
    doc_number = fields.get("doc_number") or ""
    if doc_number and Reply.objects.filter(unit=unit, doc_number=doc_number).exists():
        raise InvalidState(_("%(unit)s 的 %(n)s 已经导入过。") % {"unit": unit, "n": doc_number})
    day = fields.get("date")
    contact = fields.get("contact_person") or fields.get("handler") or fields.get("responsible_person") or ""
    reply = Reply(
        proposal=_proposal(fields, unit, day),
        unit=unit,
        status=Reply.Status.SENT,
        imported=True,
        doc_number=doc_number,
        signer=fields.get("signer") or "",
        reply_date=day,
        category=fields.get("category") or "",
        addressee=fields.get("addressee") or "",
        body=fields["body"],
        contact_person=contact,
        contact_phone=fields.get("contact_phone") or "",
        copies_to="，".join(fields.get("copies_to") or []),
        disclosure=fields.get("disclosure") or Reply.Disclosure.ON_REQUEST,
        drafted_by=actor,
    )
    if reply.disclosure == Reply.Disclosure.NOT_DISCLOSED:
        reply.non_disclosure_reason = _("导入时原件注明不予公开")
    validated(reply).save()
    reply_number_reserve(unit, doc_number)
    audit.record(reply, "coordination.reply.import", actor=actor, changes={"doc_number": doc_number})
    return reply


@transaction.atomic
def reply_disclosure_confirm(*, actor, reply: Reply) -> Reply:
    """The office has read the preview of an imported 主动公开 letter: it goes public, with a 索引号."""
    reply = lock(reply)
    check("reply.confirm_disclosure", actor, reply)
    reply.disclosure_confirmed_at, reply.disclosure_confirmed_by = timezone.now(), actor
    if not reply.index_number:
        reply.index_number = index_number_take(year=timezone.localdate().year)
    validated(reply).save()
    audit.record(reply, "coordination.reply.confirm_disclosure", actor=actor, changes={"index": reply.index_number})
    _public_changed(reply)
    return reply
