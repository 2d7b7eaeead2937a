"""Workbench lists come a page at a time, with the same number of queries whatever the number of
items; ticking "every overdue item" still ticks those on other pages."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import ActionItem
from coordination.views.common import PER_PAGE


def make_items(units, count: int, *, overdue_every: int = 3) -> None:
    today = timezone.localdate()
    late, later = today - datetime.timedelta(days=5), today + datetime.timedelta(days=30)
    ActionItem.objects.bulk_create(
        ActionItem(
            source=ActionItem.Source.OFFICE,
            title=f"事项{number}",
            lead_unit=units[number % 3 + 5],
            deadline=late if number % overdue_every == 0 else later,
        )
        for number in range(count)
    )


def queries(client, url: str) -> int:
    client.get(url)  # the first request of a session also fills caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def rows(response) -> int:
    return len(re.findall(r'<tr><td><input type="checkbox" name="items"', response.content.decode()))


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def test_the_office_list_shows_a_page_and_the_query_count_does_not_grow(office, units):
    make_items(units, 60)
    small = queries(office, "/workbench/items/")
    make_items(units, 240)
    assert queries(office, "/workbench/items/") == small
    assert queries(office, "/workbench/items/?page=3") == small
    response = office.get("/workbench/items/")
    assert rows(response) == PER_PAGE
    assert "第 1 / 6 页" in response.content.decode()


@pytest.mark.parametrize("page,shown", [("2", 2), ("999", 6), ("x", 1), ("-1", 6)])
def test_any_page_number_gives_a_page(office, units, page, shown):
    make_items(units, 300)
    response = office.get(f"/workbench/items/?page={page}")
    assert response.status_code == 200 and response.context["items"].number == shown


def test_ticking_every_overdue_item_reaches_the_other_pages(office, units):
    make_items(units, 300)
    page = office.get("/workbench/items/?select=overdue").content.decode()
    ticked = set(re.findall(r'name="items" value="(\d+)"[^>]*checked', page))
    hidden = set(re.findall(r'<input type="hidden" name="items" value="(\d+)">', page))
    overdue = {str(pk) for pk in ActionItem.objects.overdue().values_list("pk", flat=True)}
    assert len(overdue) == 100 and ticked | hidden == overdue and not ticked & hidden


def test_a_liaisons_list_is_paged_too(client, units, make_liaison):
    make_items(units, 160, overdue_every=1)
    client.force_login(make_liaison(units[5], "mz"))
    small = queries(client, "/workbench/items/")
    make_items(units, 300, overdue_every=1)
    assert queries(client, "/workbench/items/") == small
    page = client.get("/workbench/items/")
    assert page.context["items"].paginator.count == ActionItem.objects.for_unit(units[5]).count()
    assert len(page.context["items"]) == PER_PAGE
