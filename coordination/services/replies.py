"""Reply letters (答复/复函): drafting, sign-off (签发) with 文号, reopening, sending (imports: `reply_import`).

A proposal rated 不满意 owes a second reply (再次答复, `Proposal.reply_round` 2): a new letter of the
same unit, drafted, signed off and sent like the first. It takes the next 文号 of the same series
(文号 are never shared), says "（再次答复）" in its title and cites the first letter's 文号 in its
opening (`documents.reply_letter`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError
from coordination.models import Proposal, Reply
from coordination.numbering import REPLY_WORDS, index_number_take, reply_number, reply_series
from coordination.public import reply_public_changed

from .common import audit, check, lock, required_text, take_number, validated
from .proposals import sync_supervision

REPLY_FIELDS = (
    "category",
    "addressee",
    "body",
    "contact_person",
    "contact_phone",
    "copies_to",
    "disclosure",
    "non_disclosure_reason",
    "signer",
    "reply_date",
)


@transaction.atomic
def reply_save(*, actor, proposal: Proposal, **fields) -> Reply:
    """The lead unit's liaison drafts (or edits the draft of) the reply letter."""
    proposal = lock(proposal)
    check("reply.save", actor, proposal)
    unknown = set(fields) - set(REPLY_FIELDS)
    if unknown:
        raise DomainError(_("未知字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    reply = proposal.replies.filter(status=Reply.Status.DRAFT).first() or Reply(
        proposal=proposal,
        round=proposal.reply_round,
        unit=proposal.lead_unit,
        drafted_by=actor,
        addressee="、".join(f"{p.name}{proposal.proposer_role}" for p in proposal.proposers.all()),
    )
    for name, value in fields.items():
        setattr(reply, name, value.strip() if isinstance(value, str) else value)
    validated(reply).save()
    proposal.status = Proposal.Status.REPLY_DRAFTED
    proposal.save(update_fields=["status"])
    audit.record(reply, "coordination.reply.save", actor=actor, changes={"fields": sorted(fields)})
    return reply


@transaction.atomic
def reply_sign_off(*, actor, reply: Reply) -> Reply:
    """签发: a holder of the unit's sign-off permission freezes the reply and gives it its 文号."""
    reply = lock(reply)
    check("reply.sign_off", actor, reply)
    missing = [
        str(Reply._meta.get_field(f).verbose_name) for f in ("category", "body", "addressee") if not getattr(reply, f)
    ]
    if missing:
        raise DomainError(_("签发前请填写：%(f)s") % {"f": "、".join(missing)})
    proposal = lock(reply.proposal)
    year = timezone.localdate().year
    if not reply.doc_number:
        reply.doc_number = _next_reply_number(reply.unit, REPLY_WORDS[proposal.kind], year)
    reply.status, reply.signed_off_by, reply.signed_off_at = Reply.Status.SIGNED_OFF, actor, timezone.now()
    reply.signer = reply.signer or actor.get_full_name() or actor.get_username()
    reply.reply_date = reply.reply_date or timezone.localdate()
    if reply.disclosure == Reply.Disclosure.PROACTIVE and not reply.index_number:
        reply.index_number = index_number_take(year=year)
    validated(reply).save()
    proposal.status = Proposal.Status.SIGNED_OFF
    proposal.save(update_fields=["status"])
    audit.record(reply, "coordination.reply.sign_off", actor=actor, changes={"doc_number": reply.doc_number})
    if reply.is_public:
        _public_changed(reply)
    return reply


def _next_reply_number(unit, word: str, year: int) -> str:
    """The series' next 文号 the unit does not hold yet. Imports reserve their numbers
    (`numbering.reply_number_reserve`); a letter recorded before they did is stepped over, so a
    unit never stays stuck on a number it already used."""
    while True:
        number = reply_number(unit, word, year, take_number(reply_series(unit, word), year))
        if not Reply.objects.filter(unit=unit, doc_number=number).exists():
            return number


def _public_changed(reply: Reply) -> None:
    """Tell the public site (after the commit) that what it may show of `reply` changed."""
    transaction.on_commit(lambda: reply_public_changed.send(sender=Reply, reply=reply))


@transaction.atomic
def reply_reopen(*, actor, reply: Reply, reason: str) -> Reply:
    """A recorded re-opening of a signed-off reply, by a holder of the sign-off permission."""
    reply = lock(reply)
    check("reply.reopen", actor, reply)
    reason = required_text(reason, _("重新打开须说明理由。"))
    was_public = reply.is_public
    reply.status = Reply.Status.DRAFT
    reply.save(update_fields=["status"])
    Proposal.objects.filter(pk=reply.proposal_id).update(status=Proposal.Status.REPLY_DRAFTED)
    audit.record(reply, "coordination.reply.reopen", actor=actor, changes={"status": reply.status}, note=reason)
    if was_public:
        _public_changed(reply)
    return reply


@transaction.atomic
def reply_send(*, actor, reply: Reply) -> Reply:
    """The signed-off reply is sent to the deputy or member (答复)."""
    reply = lock(reply)
    check("reply.send", actor, reply)
    reply.status, reply.sent_on = Reply.Status.SENT, timezone.localdate()
    reply.save(update_fields=["status", "sent_on"])
    Proposal.objects.filter(pk=reply.proposal_id).update(status=Proposal.Status.REPLIED)
    sync_supervision(Proposal.objects.get(pk=reply.proposal_id))
    audit.record(reply, "coordination.reply.send", actor=actor, changes={"status": reply.status})
    return reply
