"""Suggestions and proposals (建议提案) with their proposers and reply letters, half of them disclosed."""

import datetime
from functools import partial

from django.utils import timezone

from coordination.models import Proposal, Proposer, Reply
from coordination.numbering import INDEX_SERIES, REPLY_WORDS, reply_number, reply_series

from ..index_numbers import portal_index_number
from .bulk import Progress, Serials
from .vocabulary import SESSIONS, Writer

HANDLING = [Proposal.Status.ASSIGNED, Proposal.Status.IN_HANDLING, Proposal.Status.REPLY_DRAFTED]


def proposals(
    count: int, units: list, writer: Writer, serials: Serials, progress: Progress, today, used: set[str]
) -> None:
    """`used`: the 索引号 already written (the replies share the policy pages' series)."""
    rng = writer.rng
    numbers: dict[tuple[str, str], int] = {}
    rows, co_units = [], []
    for _ in range(count):
        kind = rng.choice(Proposal.Kind.values)
        session = SESSIONS[0 if kind == Proposal.Kind.NPC else 1].format(n="一二三四五"[rng.randrange(5)])
        key = (kind, session)
        numbers[key] = numbers.get(key, 0) + 1
        received = today - datetime.timedelta(days=rng.randint(20, 1800))
        lead = rng.choice(units)
        replied = rng.random() < 0.6
        rows.append(
            Proposal(
                kind=kind,
                session=session,
                number=f"L{numbers[key]:04d}",
                title=writer.proposal_title(),
                content=writer.paragraph((3, 6)),
                received_on=received,
                lead_unit=lead,
                status=rng.choice([Proposal.Status.REPLIED, Proposal.Status.CLOSED])
                if replied
                else rng.choice(HANDLING),
                assigned_on=received + datetime.timedelta(days=3),
                deadline=received + datetime.timedelta(days=90),
                original_deadline=received + datetime.timedelta(days=90),
                rating=rng.choice(Proposal.Rating.values[:2]) if replied else "",
            )
        )
        co_units.append(rng.sample([u for u in units if u != lead], rng.randint(0, 2)))
    progress.insert("proposals", Proposal, rows)
    through = Proposal.co_units.through
    progress.insert(
        "proposal co-units",
        through,
        [
            through(proposal_id=p.pk, memberunit_id=u.pk)
            for p, chosen in zip(rows, co_units, strict=True)
            for u in chosen
        ],
    )
    names = [writer.person() for _ in rows]
    progress.insert("proposers", Proposer, [Proposer(proposal=p, name=n) for p, n in zip(rows, names, strict=True)])
    doc_numbers = set(Reply.objects.exclude(doc_number="").values_list("doc_number", flat=True))
    replies = [
        reply(p, name, writer, serials, used, doc_numbers)
        for p, name in zip(rows, names, strict=True)
        if p.status in (Proposal.Status.REPLIED, Proposal.Status.CLOSED)
    ]
    progress.insert("replies", Reply, replies)


def reply(proposal: Proposal, name: str, writer: Writer, serials: Serials, used: set, doc_numbers: set) -> Reply:
    rng = writer.rng
    day = proposal.received_on + datetime.timedelta(days=rng.randint(30, 85))
    word = REPLY_WORDS[proposal.kind]
    disclosed = rng.random() < 0.8
    unit = proposal.lead_unit
    return Reply(
        proposal=proposal,
        unit=proposal.lead_unit,
        status=Reply.Status.SENT,
        doc_number=serials.number(
            reply_series(unit, word), day.year, partial(reply_number, unit, word, day.year), doc_numbers
        ),
        signer=writer.person(),
        reply_date=day,
        sent_on=day,
        category=rng.choices(Reply.Category.values, weights=[5, 4, 1])[0],
        addressee=f"{name}{proposal.proposer_role}",
        body="\n".join(writer.paragraph((4, 8)) for _ in range(rng.randint(2, 4))),
        contact_person=writer.person(),
        disclosure=Reply.Disclosure.PROACTIVE if disclosed else Reply.Disclosure.ON_REQUEST,
        index_number=serials.number(INDEX_SERIES, day.year, partial(portal_index_number, day.year), used)
        if disclosed
        else "",
        rating=proposal.rating,
        rated_on=day + datetime.timedelta(days=10) if proposal.rating else None,
        signed_off_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(16))),
    )
