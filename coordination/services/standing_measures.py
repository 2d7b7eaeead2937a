"""Standing measures (常态化措施) of a policy as supervised items, and the unit aliases they need."""

from django.db import transaction

from coordination.founding_units import FOUNDING_ALIASES
from coordination.models import ActionItem, MemberUnit, UnitAlias

from .action_items import action_item_create
from .common import audit, check, validated


@transaction.atomic
def standing_measure_upsert(
    *,
    actor,
    reference: str,
    title: str,
    description: str = "",
    lead_unit: MemberUnit,
    co_units: list[MemberUnit],
    towns_carry_out: bool,
    external_cooperators: str = "",
) -> tuple[ActionItem, str]:
    """Create or update the standing action item of one measure of a policy; idempotent.

    Returns the item and what happened: "created", "updated" or "unchanged".
    """
    check("item.create", actor)
    item = (
        ActionItem.objects.select_for_update()
        .filter(source=ActionItem.Source.STANDING_MEASURE, source_reference=reference)
        .first()
    )
    co_ids = sorted({u.pk for u in co_units} - {lead_unit.pk})
    wanted = {
        "title": title.strip(),
        "description": description.strip(),
        "lead_unit_id": lead_unit.pk,
        "towns_carry_out": towns_carry_out,
        "external_cooperators": external_cooperators.strip(),
    }
    if item is None:
        item = action_item_create(
            actor=actor,
            title=wanted["title"],
            description=wanted["description"],
            lead_unit=lead_unit,
            co_units=co_units,
            deadline=None,
            source=ActionItem.Source.STANDING_MEASURE,
            source_reference=reference,
            towns_carry_out=towns_carry_out,
        )
        if wanted["external_cooperators"]:
            item.external_cooperators = wanted["external_cooperators"]
            validated(item).save(update_fields=["external_cooperators"])
        return item, "created"
    changed = [name for name, value in wanted.items() if getattr(item, name) != value]
    if sorted(item.co_units.values_list("pk", flat=True)) != co_ids:
        changed.append("co_units")
    if not changed:
        return item, "unchanged"
    for name, value in wanted.items():
        setattr(item, name, value)
    validated(item).save()
    item.co_units.set(co_ids)
    audit.record(item, "coordination.item.update", actor=actor, changes={"reference": reference, "fields": changed})
    return item, "updated"


@transaction.atomic
def unit_aliases_seed(*, actor) -> list[UnitAlias]:
    """Add the founding units' usual other names to the alias table, for the units that exist.

    Only names missing from the table are added: an alias the office changed stays as it is.
    """
    check("item.create", actor)  # part of importing standing measures, which is the office's
    units = {u.short_name: u for u in MemberUnit.objects.all()}
    known = set(UnitAlias.objects.values_list("name", flat=True))
    added = []
    for name, short_name in FOUNDING_ALIASES.items():
        if name in known or (short_name is not None and short_name not in units):
            continue
        added.append(UnitAlias.objects.create(name=name, unit=units.get(short_name) if short_name else None))
    return added
