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

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
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


def _sent(field: str) -> Subquery:
    answered_on = Coalesce("sent_on", "reply_date")
    replies = Reply.objects.filter(proposal=OuterRef("pk"), status=Reply.Status.SENT).annotate(answered_on=answered_on)
    order = "answered_on" if field == "answered_on" else "-answered_on"
    return Subquery(replies.order_by(order, "pk").values(field)[:1])


def _measures(today: datetime.date) -> dict:
    answered = Q(first_answer__isnull=False)
    return {
        "received": Count("pk"),
        "answered": Count("pk", filter=answered),
        "on_time": Count("pk", filter=answered & Q(first_answer__lte=F("deadline"))),
        "late": Count("pk", filter=answered & Q(first_answer__gt=F("deadline"))),
        "overdue": Count("pk", filter=~answered & Q(deadline__lt=today)),
        **{c: Count("pk", filter=Q(last_category=c)) for c in Reply.Category.values},
        **{r: Count("pk", filter=Q(rating=r)) for r in Proposal.Rating.values},
    }


def _summed(rows: list[FigureRow]) -> dict:
    return {key: sum(row.counts[key] for row in rows) for key in COUNTS}


def proposal_figures(proposals: QuerySet[Proposal], *, today: datetime.date | None = None) -> dict:
    """Rows per year, kind and lead unit, a subtotal per year and kind, and the grand total.

    One grouped query, whatever the number of proposals: every proposal falls in exactly one
    row, so the subtotals and the total are the rows' counts added up. Returns `rows`,
    `subtotals` and `total` (FigureRow each; a subtotal's unit reads 小计, the total's 合计 and
    its year and kind are blank).
    """
    today = today or timezone.localdate()
    proposals = proposals.order_by().annotate(
        first_answer=_sent("answered_on"), last_category=_sent("category"), year=ExtractYear("received_on")
    )
    kinds = dict(Proposal.Kind.choices)
    group = ("year", "kind", "lead_unit__order", "lead_unit", "lead_unit__short_name")
    rows = [
        FigureRow(
            year=values["year"],
            kind=str(kinds.get(values["kind"], "")),
            unit=values["lead_unit__short_name"],
            counts={key: values[key] for key in COUNTS},
        )
        for values in proposals.values(*group).order_by(*group).annotate(**_measures(today))
    ]
    subtotal = str(_("小计"))
    subtotals = [
        FigureRow(year=year, kind=kind, unit=subtotal, counts=_summed(list(same)))
        for (year, kind), same in itertools.groupby(rows, key=lambda row: (row.year, row.kind))
    ]
    total = FigureRow(year=None, kind="", unit=str(_("合计")), counts=_summed(rows))
    return {"rows": rows, "subtotals": subtotals, "total": total}
