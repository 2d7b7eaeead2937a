"""Reply letters (答复/复函): drafting, sign-off (签发) with 文号, reopening, sending, importing old letters."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError, InvalidState
from coordination.models import MemberUnit, Proposal, Proposer, Reply
from coordination.numbering import index_number_take
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
    word = "建" if proposal.kind == Proposal.Kind.NPC else "提"
    prefix = reply.unit.reply_prefix or f"陈{reply.unit.short_name.removeprefix('区').removesuffix('局')}"
    if not reply.doc_number:
        serial = take_number(f"reply:{reply.unit_id}:{word}", year)
        reply.doc_number = settings.PORTAL_REPLY_NUMBER_PATTERN.format(
            prefix=prefix, word=word, year=year, serial=serial
        )
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
    reply.status = Reply.Status.SENT
    reply.save(update_fields=["status"])
    Proposal.objects.filter(pk=reply.proposal_id).update(status=Proposal.Status.REPLIED)
    sync_supervision(Proposal.objects.get(pk=reply.proposal_id))
    audit.record(reply, "coordination.reply.send", actor=actor, changes={"status": reply.status})
    return reply


@transaction.atomic
def reply_import(*, actor, unit: MemberUnit, fields: dict) -> Reply:
    """Record a reply letter the unit sent before the portal existed (from `importers.letters`).

    The suggestion is found by kind, session and number, or registered; the reply is stored as
    sent. Nothing is guessed: the fields needed to identify the letter must be present.
    """
    check("reply.import", actor)
    required = {"kind": _("类型"), "session": _("届次会议"), "proposal_number": _("编号"), "body": _("正文")}
    missing = [label for name, label in required.items() if not fields.get(name)]
    if missing:
        raise DomainError(_("缺少：%(f)s。请在表单中补全后再保存。") % {"f": "、".join(str(m) for m in missing)})
    if fields.get("doc_number") and Reply.objects.filter(unit=unit, doc_number=fields["doc_number"]).exists():
        raise InvalidState(_("%(unit)s 的 %(n)s 已经导入过。") % {"unit": unit, "n": fields["doc_number"]})
    day = fields.get("date") or timezone.localdate()
    proposal, created = Proposal.objects.get_or_create(
        kind=fields["kind"],
        session=fields["session"],
        number=fields["proposal_number"],
        defaults={
            "title": fields.get("suggestion_title") or _("（标题未载明）"),
            "received_on": day,
            "lead_unit": unit,
            "assigned_on": day,
            "deadline": day,
            "original_deadline": day,
            "status": Proposal.Status.REPLIED,
        },
    )
    if created and fields.get("proposer_name"):
        Proposer.objects.create(proposal=proposal, name=fields["proposer_name"])
    contact = fields.get("contact_person") or fields.get("handler") or fields.get("responsible_person") or ""
    reply = Reply(
        proposal=proposal,
        unit=unit,
        status=Reply.Status.SENT,
        doc_number=fields.get("doc_number") or "",
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
    if reply.disclosure == Reply.Disclosure.PROACTIVE:
        reply.index_number = index_number_take(year=day.year)
    validated(reply).save()
    audit.record(reply, "coordination.reply.import", actor=actor, changes={"doc_number": reply.doc_number})
    if reply.is_public:
        _public_changed(reply)
    return reply
