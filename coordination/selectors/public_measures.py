"""The standing measures (常态化措施) as the public reads them: what the policy document itself
says — the measure, who leads, who co-operates — and nothing of how the work is going."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from coordination.models import ActionItem, MemberUnit


@dataclass(frozen=True)
class PublicMeasure:
    title: str
    description: str
    source_reference: str
    lead: str
    co_operators: tuple[str, ...]
    towns_carry_out: bool

    def role_of(self, unit: MemberUnit) -> str:
        return "lead" if self.lead == unit.short_name else "co"


def _measures():
    return (
        ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE)
        .exclude(status=ActionItem.Status.CANCELLED)
        .order_by("pk")  # the order of the notice's articles, as imported
    )


def _public_measures(items) -> list[PublicMeasure]:
    """The measures as plain values, in two queries however many there are: rows, then co-units."""
    fields = ("title", "description", "source_reference", "lead_unit__short_name", "towns_carry_out")
    rows = list(items.values_list("pk", *fields, "external_cooperators"))
    if not rows:
        return []
    co_units = defaultdict(list)
    links = ActionItem.co_units.through.objects.filter(actionitem_id__in=items.values("pk"))
    for item_id, name in links.order_by("memberunit__order").values_list("actionitem_id", "memberunit__short_name"):
        co_units[item_id].append(name)
    measures = []
    for pk, title, description, reference, lead, towns, external in rows:
        co = co_units[pk]
        if external:
            co += [name.strip() for name in external.replace("，", "、").split("、") if name.strip()]
        measures.append(PublicMeasure(title, description, reference, lead, tuple(co), towns))
    return measures


def measures_of_policy(doc_number: str) -> list[PublicMeasure]:
    """The measures a policy document sets (their 来源文件 names its 文号)."""
    if not doc_number:
        return []
    return _public_measures(_measures().filter(source_reference__startswith=doc_number))


def measures_of_unit(unit: MemberUnit) -> list[PublicMeasure]:
    """The measures a unit leads or co-operates on."""
    co_operated = ActionItem.co_units.through.objects.filter(memberunit=unit).values("actionitem_id")
    return _public_measures(_measures().filter(Q(lead_unit=unit) | Q(pk__in=co_operated)))
