"""The office's filters over action items (django-filter): list, supervision dashboard and ledger."""

import datetime

import pytest

from coordination import services


@pytest.fixture
def items(units, office_user):
    """An item led by 区民政局 in progress and one led by 区财政局 still open."""
    lead = services.action_item_create(
        actor=office_user,
        title="建立低保边缘家庭帮扶台账",
        lead_unit=units[5],
        co_units=[],
        deadline=datetime.date(2026, 12, 31),
        description="",
    )
    other = services.action_item_create(
        actor=office_user,
        title="核拨临时救助资金",
        lead_unit=units[7],
        co_units=[],
        deadline=datetime.date(2026, 11, 30),
        description="",
    )
    return {"民政": lead, "财政": other}


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def listed(response):
    return [item.title for item in response.context["items"]]


def test_the_list_filters_by_lead_unit(office, items, units):
    assert listed(office.get("/workbench/items/", {"unit": units[7].pk})) == ["核拨临时救助资金"]


def test_the_list_filters_by_status(office, items, units):
    items["民政"].status = "in_progress"
    items["民政"].save(update_fields=["status"])
    assert listed(office.get("/workbench/items/", {"status": "in_progress"})) == ["建立低保边缘家庭帮扶台账"]


@pytest.mark.parametrize("query", ["unit=abc", "meeting=x1", "status=nope&source=%E4%BC%9A", "unit=99999"])
def test_a_value_that_does_not_validate_is_ignored_not_an_error(office, items, query):
    response = office.get(f"/workbench/items/?{query}")
    assert response.status_code == 200
    assert listed(response) == ["核拨临时救助资金", "建立低保边缘家庭帮扶台账"]


def test_the_filter_form_renders_every_field_with_all_as_the_empty_choice(office, items):
    page = office.get("/workbench/items/").content.decode()
    for name in ("source", "status", "light", "unit", "meeting"):
        assert f'name="{name}"' in page
    assert page.count('<option value="" selected>全部</option>') == 3


def test_the_supervision_dashboard_counts_only_the_filtered_items(office, items, units):
    rows = office.get("/workbench/supervision/", {"unit": units[5].pk}).context["rows"]
    assert sum(row["open"] for row in rows) == 1
