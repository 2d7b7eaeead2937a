"""The standing measures (常态化措施) as the public reads them: what the policy document itself
says — the measure, who leads, who co-operates — and nothing of how the work is going."""

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


def _public(item: ActionItem) -> PublicMeasure:
    co = [u.short_name for u in sorted(item.co_units.all(), key=lambda u: u.order)]
    if item.external_cooperators:
        co += [name.strip() for name in item.external_cooperators.replace("，", "、").split("、") if name.strip()]
    return PublicMeasure(
        title=item.title,
        description=item.description,
        source_reference=item.source_reference,
        lead=item.lead_unit.short_name,
        co_operators=tuple(co),
        towns_carry_out=item.towns_carry_out,
    )


def _measures():
    return (
        ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE)
        .exclude(status=ActionItem.Status.CANCELLED)
        .select_related("lead_unit")
        .prefetch_related("co_units")
        .order_by("pk")  # the order of the notice's articles, as imported
    )


def measures_of_policy(doc_number: str) -> list[PublicMeasure]:
    """The measures a policy document sets (their 来源文件 names its 文号)."""
    if not doc_number:
        return []
    return [_public(item) for item in _measures().filter(source_reference__startswith=doc_number)]


def measures_of_unit(unit: MemberUnit) -> list[PublicMeasure]:
    """The measures a unit leads or co-operates on."""
    items = _measures().filter(Q(lead_unit=unit) | Q(co_units=unit)).distinct()
    return [_public(item) for item in items]
