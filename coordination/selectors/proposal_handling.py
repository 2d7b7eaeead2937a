"""Reads of proposal handling: the first-contact deadline, the 会签 state of a reply draft, and
what the proposal page shows of both and of the extension requests."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from coordination.models import (
    Countersign,
    CountersignWaiver,
    MemberUnit,
    Proposal,
    ProposalExtensionRequest,
    ProposerContact,
    Reply,
)
from coordination.workdays import add_workdays

# The fields that make the letter: a change to any of them is a new version to countersign.
DRAFT_FIELDS = (
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
AWAITING_CONTACT = (Proposal.Status.ASSIGNED, Proposal.Status.IN_HANDLING, Proposal.Status.REPLY_DRAFTED)


def first_contact_due(proposal: Proposal) -> datetime.date | None:
    """The last day for the first contact (办前面商): N working days after assignment."""
    if proposal.assigned_on is None:
        return None
    return add_workdays(proposal.assigned_on, settings.PORTAL_PROPOSAL_FIRST_CONTACT_WORKDAYS)


def first_contact_late(proposals, *, today: datetime.date | None = None) -> list[Proposal]:
    """Of `proposals`, those still in handling with no contact logged after their first-contact deadline."""
    today = today or timezone.localdate()
    waiting = proposals.filter(status__in=AWAITING_CONTACT, assigned_on__isnull=False, contacts__isnull=True)
    return [p for p in waiting if first_contact_due(p) < today]


def draft_stamp(reply: Reply) -> str:
    """The version of a reply draft: a hash of its letter fields (saving unchanged text keeps it)."""
    values = {name: str(getattr(reply, name) or "") for name in DRAFT_FIELDS}
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class CountersignState:
    """Per co-unit, its latest countersign of this reply, and whether it counts for this version."""

    reply: Reply
    stamp: str
    latest: dict[MemberUnit, Countersign | None]
    waiver: CountersignWaiver | None

    @property
    def current(self) -> dict[MemberUnit, bool]:
        return {u: bool(c and c.draft_stamp == self.stamp and c.agrees) for u, c in self.latest.items()}

    @property
    def missing(self) -> list[MemberUnit]:
        return [unit for unit, done in self.current.items() if not done]

    @property
    def complete(self) -> bool:
        return self.waiver is not None or not self.missing


def countersign_state(reply: Reply) -> CountersignState:
    units = list(reply.proposal.co_units.order_by("order"))
    signs = Countersign.objects.filter(reply=reply, unit__in=units).select_related("unit", "signed_by")
    latest: dict[MemberUnit, Countersign | None] = dict.fromkeys(units)
    for sign in signs:  # newest first
        if latest.get(sign.unit) is None:
            latest[sign.unit] = sign
    waiver = CountersignWaiver.objects.filter(reply=reply).first()
    return CountersignState(reply=reply, stamp=draft_stamp(reply), latest=latest, waiver=waiver)


def pending_extension(proposal: Proposal) -> ProposalExtensionRequest | None:
    return proposal.extension_requests.filter(status=ProposalExtensionRequest.Status.PENDING).first()


@dataclass
class Handling:
    """What the proposal page shows of the handling: contacts, 会签, extension requests."""

    proposal: Proposal
    contacts: list[ProposerContact]
    first_contact_due: datetime.date | None
    first_contact_late: bool
    countersign: CountersignState | None
    extension_requests: list[ProposalExtensionRequest] = field(default_factory=list)
    contact_kinds: list = field(default_factory=lambda: ProposerContact.Kind.choices)
    contact_manners: list = field(default_factory=lambda: ProposerContact.Manner.choices)
    contact_views: list = field(default_factory=lambda: ProposerContact.View.choices)
    countersign_decisions: list = field(default_factory=lambda: Countersign.Decision.choices)


def proposal_handling(proposal: Proposal, reply: Reply | None) -> Handling:
    contacts = list(proposal.contacts.select_related("unit"))
    due = first_contact_due(proposal)
    late = not contacts and due is not None and proposal.status in AWAITING_CONTACT and due < timezone.localdate()
    draft = reply if reply is not None and reply.status == Reply.Status.DRAFT else None
    return Handling(
        proposal=proposal,
        contacts=contacts,
        first_contact_due=due,
        first_contact_late=late,
        countersign=countersign_state(draft) if draft and proposal.co_units.exists() else None,
        extension_requests=list(proposal.extension_requests.select_related("requested_by", "decided_by")),
    )
