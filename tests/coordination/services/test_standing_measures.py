"""Standing measures as supervised items, and the seeding of the unit alias table."""

import pytest
from wagtail.models import ModelLogEntry

from coordination import services
from coordination.errors import NotPermitted
from coordination.models import ActionItem, MemberUnit, UnitAlias


def upsert(actor, units, **changes):
    fields = {
        "actor": actor,
        "reference": "陈政办发〔2026〕7号 附件2 第1条",
        "title": "健全医疗救助制度",
        "description": "健全医疗救助制度。落实分类资助参保。",
        "lead_unit": units[19],
        "co_units": [units[12], units[5]],
        "towns_carry_out": True,
        "external_cooperators": "区委文明办",
    }
    return services.standing_measure_upsert(**(fields | changes))


def test_a_measure_is_created_once_with_its_external_co_operators(units, office_user):
    item, outcome = upsert(office_user, units)
    assert outcome == "created"
    assert (item.title, item.external_cooperators, item.deadline) == ("健全医疗救助制度", "区委文明办", None)
    assert upsert(office_user, units)[1] == "unchanged"
    assert ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE).count() == 1


def test_a_changed_measure_is_updated_and_audited(units, office_user):
    item, _ = upsert(office_user, units)
    _, outcome = upsert(office_user, units, external_cooperators="", co_units=[units[12]])
    item.refresh_from_db()
    assert outcome == "updated"
    assert item.external_cooperators == "" and [u.pk for u in item.co_units.all()] == [units[12].pk]
    entry = ModelLogEntry.objects.filter(action="coordination.item.update", object_id=str(item.pk)).get()
    assert entry.data["changes"]["fields"] == ["external_cooperators", "co_units"]


def test_only_the_office_records_standing_measures(units, make_liaison):
    with pytest.raises(NotPermitted):
        upsert(make_liaison(units[19]), units)
    assert not ActionItem.objects.exists()


def test_seeding_keeps_an_alias_the_office_changed(units, office_user):
    UnitAlias.objects.create(name="区教育局", unit=MemberUnit.objects.get(short_name="区委宣传部"))
    added = services.unit_aliases_seed(actor=office_user)
    assert added
    assert UnitAlias.objects.get(name="区教育局").unit.short_name == "区委宣传部"
    assert UnitAlias.objects.get(name="区发展和改革局").unit.short_name == "区发改局"
    assert UnitAlias.objects.get(name="区委文明办").unit is None
    assert services.unit_aliases_seed(actor=office_user) == []


def test_seeding_skips_aliases_of_units_that_do_not_exist(office_user):
    services.unit_aliases_seed(actor=office_user)
    assert not UnitAlias.objects.filter(unit__isnull=False).exists()
    assert UnitAlias.objects.filter(name="区纪委", unit=None).exists()
