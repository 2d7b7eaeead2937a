"""The public progress (办理进度) of suggestions and proposals, before and after their reply.

What is public before the reply, as the congress and CPPCC offices' own systems publish it: once
the office has assigned an item, its kind, session, number, title and lead unit, and the dates
of its handling steps. Never the proposers (names, phones, addresses), never the content, and
never an item that is not assigned: one returned by the unit and awaiting reassignment, or one
whose reply is marked 不予公开 (not to be disclosed), is not listed.
"""

import dataclasses
import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import Proposal, ProposerContact, Reply


@dataclasses.dataclass(frozen=True)
class ProgressStep:
    label: str
    date: datetime.date | None

    @property
    def done(self) -> bool:
        return self.date is not None


def disclosed_proposals() -> QuerySet[Proposal]:
    """Assigned items the public may follow, newest assignment first, with `answered_on` and `public_reply_id`
    (its disclosed reply, if any) annotated."""
    first_sent = (
        Reply.objects.filter(proposal=OuterRef("pk"), status=Reply.Status.SENT)
        .annotate(day=Coalesce("sent_on", "reply_date"))
        .order_by("day", "pk")
        .values("day")[:1]
    )
    public_reply = Reply.objects.disclosed().filter(proposal=OuterRef("pk")).order_by("-reply_date", "-pk")
    public_reply = public_reply.values("pk")[:1]
    first_contact = ProposerContact.objects.filter(proposal=OuterRef("pk")).order_by("contacted_on")
    first_contact = first_contact.values("contacted_on")[:1]
    return (
        Proposal.objects.filter(assigned_on__isnull=False, return_reason="")
        .exclude(replies__disclosure=Reply.Disclosure.NOT_DISCLOSED)
        .select_related("lead_unit")
        .annotate(
            answered_on=Subquery(first_sent),
            public_reply_id=Subquery(public_reply),
            contacted_on=Subquery(first_contact),
        )
        .only("kind", "session", "number", "title", "received_on", "assigned_on", "lead_unit__short_name")
        .order_by("-assigned_on", "-pk")
    )


def progress_steps(proposal: Proposal) -> list[ProgressStep]:
    """Registered → assigned → contacted → replied, each with its date (None while not reached).

    `proposal` comes from `disclosed_proposals()` (it carries `contacted_on` and `answered_on`).
    Contacted is the first contact the unit logged with the proposer (its date only, never what
    was said). Replied means the letter was sent: a signed letter still with the unit has
    answered nobody.
    """
    return [
        ProgressStep(_("登记"), proposal.received_on),
        ProgressStep(_("交办"), proposal.assigned_on),
        ProgressStep(_("沟通联系"), getattr(proposal, "contacted_on", None)),
        ProgressStep(_("答复"), getattr(proposal, "answered_on", None)),
    ]
