"""Figures of the handling of suggestions and proposals (建议提案办理统计), counted by the database.

A proposal is *answered* when a reply letter was sent (答复) to the deputy or member; a signed
letter that was never sent has answered nobody. It is answered *on time* when its first sent
letter went out by the deadline in force (after any extension). The on-time rate is on-time
answers over the proposals that are due: answered, or past their deadline unanswered.
Category and rating are those of the latest sent letter and of the proposal's rating.
"""

import dataclasses
import datetime
import itertools

from django.db.models import QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Proposal, Reply

COUNTS = {
    "received": _("收到"),
    "answered": _("已答复"),
    "on_time": _("按期答复"),
    "late": _("逾期答复"),
    "overdue": _("逾期未答复"),
    "A": _("A类"),
    "B": _("B类"),
    "C": _("C类"),
    "satisfied": _("满意"),
    "basically": _("基本满意"),
    "unsatisfied": _("不满意"),
}
KEYS = {"year": _("年度"), "kind": _("类型"), "unit": _("主办单位")}


@dataclasses.dataclass
class FigureRow:
    year: int | None
    kind: str
    unit: str
    counts: dict

    @property
    def due(self) -> int:
        return self.counts["answered"] + self.counts["overdue"]

    @property
    def on_time_rate(self) -> str:
        """As a percentage with one decimal, or "—" when nothing is due yet."""
        return f"{100 * self.counts['on_time'] / self.due:.1f}%" if self.due else "—"

    def cells(self) -> list:
        return [self.year or "", self.kind, self.unit, *self.counts.values(), self.on_time_rate]


def header() -> list[str]:
    return [str(label) for label in (*KEYS.values(), *COUNTS.values(), _("按期答复率"))]


def _answers(proposals: QuerySet[Proposal]) -> dict[int, tuple]:
    """Each answered proposal's first answer (the date its first sent letter went out) and the
    category of its last sent letter, from the sent letters read once in answer order (ties by
    the earliest letter, NULLs where the database sorts them)."""
    replies = (
        Reply.objects.filter(status=Reply.Status.SENT, proposal__in=proposals.values("pk"))
        .annotate(answered_on=Coalesce("sent_on", "reply_date"))
        .order_by("proposal_id", "answered_on", "-pk")
        .values_list("proposal_id", "answered_on", "category")
    )
    answers: dict[int, tuple] = {}
    for proposal_id, answered_on, category in replies:
        first = answers.get(proposal_id)
        answers[proposal_id] = (first[0] if first else answered_on, category)
    return answers


def _counts(facts: list[tuple], today: datetime.date) -> dict:
    """The figures of one row from its proposals' (deadline, first answer, last category, rating)."""
    counts = dict.fromkeys(COUNTS, 0)
    categories, ratings = set(Reply.Category.values), set(Proposal.Rating.values)
    for deadline, first_answer, category, rating in facts:
        counts["received"] += 1
        if first_answer is not None:
            counts["answered"] += 1
            if deadline is not None:
                counts["on_time" if first_answer <= deadline else "late"] += 1
        elif deadline is not None and deadline < today:
            counts["overdue"] += 1
        if category in categories:
            counts[category] += 1
        if rating in ratings:
            counts[rating] += 1
    return counts


def _summed(rows: list[FigureRow]) -> dict:
    return {key: sum(row.counts[key] for row in rows) for key in COUNTS}


def proposal_figures(proposals: QuerySet[Proposal], *, today: datetime.date | None = None) -> dict:
    """Rows per year, kind and lead unit, a subtotal per year and kind, and the grand total.

    Two queries, whatever the number of proposals: the proposals, and their sent letters (for
    each proposal's first answer and last category), counted here. Counting in SQL made PostgreSQL
    run two reply subqueries again for every measure that names them (ten times per proposal: 94 ms
    for 5,000 proposals); one subquery pair per proposal still took 70 ms, reading the letters once
    takes a few. Every proposal falls in exactly one row,
    so the subtotals and the total are the rows' counts added up. Returns `rows`,
    `subtotals` and `total` (FigureRow each; a subtotal's unit reads 小计, the total's 合计 and
    its year and kind are blank).
    """
    today = today or timezone.localdate()
    answers = _answers(proposals)
    proposals = proposals.order_by().annotate(year=ExtractYear("received_on"))
    kinds = {value: str(label) for value, label in Proposal.Kind.choices}  # translated once, not per row
    group = ("year", "kind", "lead_unit__order", "lead_unit", "lead_unit__short_name")
    facts: dict[tuple, list[tuple]] = {}
    for *key, pk, deadline, rating in proposals.values_list(*group, "pk", "deadline", "rating"):
        first_answer, category = answers.get(pk, (None, None))
        facts.setdefault(tuple(key), []).append((deadline, first_answer, category, rating))
    rows = [
        FigureRow(year=key[0], kind=kinds.get(key[1], ""), unit=key[4], counts=_counts(facts[key], today))
        for key in sorted(facts)  # in the order of `group`: year, kind, then the units' order
    ]
    subtotal = str(_("小计"))
    subtotals = [
        FigureRow(year=year, kind=kind, unit=subtotal, counts=_summed(list(same)))
        for (year, kind), same in itertools.groupby(rows, key=lambda row: (row.year, row.kind))
    ]
    total = FigureRow(year=None, kind="", unit=str(_("合计")), counts=_summed(rows))
    return {"rows": rows, "subtotals": subtotals, "total": total}
