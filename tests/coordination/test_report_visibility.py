"""Who reads which progress reports: a co-unit sees its own and the lead unit's, never another co-unit's.

The workbench item page and the API apply the same rule (selectors.reports_visible_to).
"""

import datetime

import pytest
from rest_framework.test import APIClient

from coordination import services


@pytest.fixture
def shared_item(units, office_user, liaisons):
    """An item of 区民政局 with two co-units, 区财政局 and 区教体局, each of which has reported."""
    item = services.action_item_create(
        actor=office_user,
        title="整合救助资金",
        lead_unit=units[5],
        co_units=[units[7], units[3]],
        deadline=datetime.date(2026, 12, 31),
        description="",
    )
    for who, unit in (("lead", units[5]), ("co", units[7]), ("other", units[3])):
        services.action_item_report_progress(
            actor=liaisons[who], item=item, unit=unit, text=f"{unit.short_name}的进展", percent=None, completion=False
        )
    return item


def test_a_co_unit_reads_its_own_and_the_lead_units_reports_on_the_workbench(client, shared_item, liaisons):
    client.force_login(liaisons["co"])
    page = client.get(f"/workbench/items/{shared_item.pk}/").content.decode()
    assert "区民政局的进展" in page and "区财政局的进展" in page
    assert "区教体局的进展" not in page


def test_a_co_unit_reads_the_same_reports_through_the_api(shared_item, liaisons):
    client = APIClient()
    client.force_authenticate(liaisons["co"])
    reports = client.get(f"/api/items/{shared_item.pk}/").json()["reports"]
    assert sorted(r["unit"] for r in reports) == ["区民政局", "区财政局"]


@pytest.mark.parametrize("who", ["lead", "office"])
def test_the_lead_unit_and_the_office_read_every_report_through_the_api(shared_item, liaisons, office_user, who):
    client = APIClient()
    client.force_authenticate(office_user if who == "office" else liaisons[who])
    reports = client.get(f"/api/items/{shared_item.pk}/").json()["reports"]
    assert sorted(r["unit"] for r in reports) == ["区教体局", "区民政局", "区财政局"]
