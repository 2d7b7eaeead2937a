"""Supervision by graded light in the workbench: counts, lists, red list, bulk urging, ledger,
API and the circular's preview. The clock stands at 2 March 2026 (Beijing time)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from coordination import services
from coordination.models import Circular, DocumentNumberSequence, Urge
from tests.coordination.views.test_ledger_export import ledger_sheet

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0)), tick=False):
        yield


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def graded(units, office_user, liaisons):
    """区民政局 leads one item of each light and a standing measure; 区财政局 one red, one green."""
    make = lambda title, unit, deadline: services.action_item_create(  # noqa: E731
        actor=office_user, title=title, lead_unit=unit, deadline=deadline
    )
    return {
        "red": make("逾期未报的台账", units[5], days(-5)),
        "red_slow": make("临期进度滞后", units[5], days(2)),
        "yellow": make("临近时限的核查", units[5], days(6)),
        "green": make("年底完成的修订", units[5], days(60)),
        "standing": make("常态化走访", units[5], None),
        "other_red": make("资金拨付逾期", units[7], days(-1)),
        "other_green": make("预算编制", units[7], days(90)),
    }


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def listed(response) -> list[str]:
    return [item.title for item in response.context["items"]]


def test_supervision_counts_each_units_lights_and_standing_apart(office, graded, units):
    rows = {row["unit"].short_name: row for row in office.get("/workbench/supervision/").context["rows"]}
    assert {k: rows["区民政局"][k] for k in ("red", "yellow", "green", "standing", "open")} == {
        "red": 2,
        "yellow": 1,
        "green": 1,
        "standing": 1,
        "open": 4,
    }
    assert (rows["区财政局"]["red"], rows["区财政局"]["green"]) == (1, 1)


@pytest.mark.parametrize("light", ["red", "yellow", "green", "standing"])
def test_each_count_equals_the_list_filtered_by_that_light_and_unit(office, graded, units, light):
    page = office.get("/workbench/supervision/")
    for row in page.context["rows"]:
        titles = listed(office.get("/workbench/items/", {"unit": row["unit"].pk, "light": light}))
        assert len(titles) == row[light], (row["unit"], light)
    link = f"/workbench/items/?unit={units[5].pk}&amp;light={light}"
    assert link in page.content.decode()


def test_the_supervision_page_counts_in_the_database_not_per_item(office, graded, office_user, units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> list[str]:
        office.get("/workbench/supervision/")  # the session's first-request work out of the way
        with CaptureQueriesContext(connection) as captured:
            office.get("/workbench/supervision/")
        return [query["sql"] for query in captured.captured_queries]

    before = queries()
    for n in range(5):
        services.action_item_create(actor=office_user, title=f"新增{n}", lead_unit=units[n], deadline=days(n - 2))
    after = queries()
    assert len(after) == len(before), "\n".join(after)


def test_the_list_sorts_most_urgent_first_and_labels_each_light_in_text(office, graded):
    response = office.get("/workbench/items/")
    assert listed(response) == [
        "逾期未报的台账",
        "资金拨付逾期",
        "临期进度滞后",
        "临近时限的核查",
        "年底完成的修订",
        "预算编制",
        "常态化走访",
    ]
    page = response.content.decode()
    for label in ("红灯", "黄灯", "绿灯", "常态化"):
        assert f"</span>{label}</span>" in page


def test_a_liaisons_list_shows_the_lights_most_urgent_first(client, graded, liaisons):
    client.force_login(liaisons["lead"])
    response = client.get("/workbench/items/")
    assert [item.title for item in response.context["items"]][:2] == ["逾期未报的台账", "临期进度滞后"]
    assert 'class="light light--red"' in response.content.decode()


def test_select_all_overdue_ticks_the_overdue_items_only(office, graded):
    page = office.get("/workbench/items/", {"select": "overdue"}).content.decode()
    assert f'value="{graded["red"].pk}" id="pick-{graded["red"].pk}" checked' in page
    assert f'value="{graded["other_red"].pk}" id="pick-{graded["other_red"].pk}" checked' in page
    assert f'value="{graded["red_slow"].pk}" id="pick-{graded["red_slow"].pk}">' in page


def test_the_office_urges_the_ticked_items_in_one_go(office, graded):
    picked = [graded["red"].pk, graded["other_red"].pk]
    response = office.post("/workbench/items/urge/", {"items": picked, "text": "请本周内报送", "co_units": ""})
    assert response.status_code == 302
    assert set(Urge.objects.values_list("action_item_id", "unit__short_name")) == {
        (graded["red"].pk, "区民政局"),
        (graded["other_red"].pk, "区财政局"),
    }


def test_a_bulk_urge_without_a_selection_says_so_and_sends_nothing(office, graded):
    response = office.post("/workbench/items/urge/", {"text": "请本周内报送"}, follow=True)
    assert "请先勾选要催办的事项。" in response.content.decode()
    assert not Urge.objects.exists()


@pytest.mark.parametrize("role", ["liaison", "convenor"])
def test_only_the_office_urges_in_bulk(client, graded, liaisons, convenor_user, role):
    client.force_login(liaisons["lead"] if role == "liaison" else convenor_user)
    response = client.post("/workbench/items/urge/", {"items": [graded["red"].pk], "text": "请抓紧"})
    assert response.status_code == 403
    assert not Urge.objects.exists()


def test_the_red_list_shows_every_red_item_linked_for_the_convenor(client, graded, convenor_user, liaisons):
    client.force_login(convenor_user)
    response = client.get("/workbench/supervision/red/")
    assert listed(response) == ["逾期未报的台账", "资金拨付逾期", "临期进度滞后"]
    assert f'href="/workbench/items/{graded["red_slow"].pk}/"' in response.content.decode()
    client.force_login(liaisons["lead"])
    assert client.get("/workbench/supervision/red/").status_code == 403


def test_the_ledger_has_a_warning_column(office, graded, django_capture_on_commit_callbacks):
    sheet = ledger_sheet(office, django_capture_on_commit_callbacks)
    header = [cell.value for cell in sheet[2]]
    column = header.index("预警")
    lights = {row[3].value: row[column].value for row in sheet.iter_rows(min_row=3)}
    assert lights["逾期未报的台账"] == "红灯" and lights["临近时限的核查"] == "黄灯"
    assert lights["常态化走访"] == "常态化" and lights["年底完成的修订"] == "绿灯"


def test_the_api_gives_each_item_its_light_as_documented(graded, liaisons):
    api = APIClient()
    api.force_authenticate(liaisons["lead"])
    rows = {row["title"]: row["light"] for row in api.get("/api/items/").json()["results"]}
    assert rows["逾期未报的台账"] == "red" and rows["常态化走访"] == "standing"
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    light = schema["components"]["schemas"]["ActionItem"]["properties"]["light"]
    assert light.get("readOnly") and "红灯" in light["description"]


def test_the_preview_shows_what_issuing_creates(office, graded):
    period = {"period_start": "2026-02-01", "period_end": "2026-03-01"}
    preview = office.get("/workbench/circulars/preview/", period)
    draft = preview.context["draft"]
    page = preview.content.decode()
    assert "关于2026年2月1日至2026年3月1日联席会议议定事项落实情况的通报" in page
    assert "逾期未报的台账" in page and "红灯预警" in page
    assert 'name="period_start" value="2026-02-01"' in page
    assert not Circular.objects.exists()
    response = office.post("/workbench/circulars/preview/", period)
    assert response.status_code == 302
    issued = Circular.objects.get()
    assert (issued.title, issued.snapshot) == (draft.title, draft.snapshot)


def test_a_duplicate_from_the_preview_is_refused_with_a_message_and_takes_no_number(office, graded):
    period = {"period_start": "2026-02-01", "period_end": "2026-03-01"}
    office.post("/workbench/circulars/preview/", period)
    page = office.get("/workbench/circulars/preview/", period).content.decode()
    assert "本期已印发过通报" in page and 'name="second"' in page
    response = office.post("/workbench/circulars/preview/", period, follow=True)
    assert "如确需再印发一份" in response.content.decode()
    assert Circular.objects.count() == 1
    assert DocumentNumberSequence.objects.get(series="circular").last == 1
    office.post("/workbench/circulars/preview/", {**period, "second": "on"})
    assert Circular.objects.count() == 2


@pytest.mark.parametrize(
    "period",
    [{"period_start": "2026-03-01", "period_end": "2026-02-01"}, {"period_start": "x", "period_end": ""}],
)
def test_a_bad_period_is_explained_on_the_list_not_a_500(office, graded, period):
    response = office.get("/workbench/circulars/preview/", period)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_ledger_follows_the_light_filter(office, graded, django_capture_on_commit_callbacks):
    sheet = ledger_sheet(office, django_capture_on_commit_callbacks, query="light=red")
    assert {row[3].value for row in sheet.iter_rows(min_row=3)} == {"逾期未报的台账", "临期进度滞后", "资金拨付逾期"}


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_lights_and_the_preview_read_in_english(office, graded):
    office.cookies["django_language"] = "en"
    items = office.get("/workbench/items/").content.decode()
    assert "</span>Red</span>" in items and "Select all overdue items" in items
    supervision = office.get("/workbench/supervision/").content.decode()
    assert "dated items in hand" in supervision
    preview = office.get("/workbench/circulars/preview/", {"period_start": "2026-02-01", "period_end": "2026-03-01"})
    assert "Circular preview" in preview.content.decode()
