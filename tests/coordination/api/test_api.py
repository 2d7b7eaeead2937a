import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from coordination.models import ProgressReport


@pytest.fixture
def api(liaisons):
    client = APIClient()
    token = Token.objects.create(user=liaisons["lead"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_api_needs_credentials(db):
    assert APIClient().get("/api/items/").status_code == 401


def test_a_unit_lists_and_reads_its_items(api, item):
    listing = api.get("/api/items/").json()
    assert [row["title"] for row in listing["results"]] == ["建立低保边缘家庭帮扶台账"]
    detail = api.get(f"/api/items/{item.pk}/").json()
    assert detail["lead_unit"] == "区民政局" and detail["co_units"] == ["区财政局"]


def test_another_unit_cannot_see_the_item(item, liaisons):
    client = APIClient()
    client.force_authenticate(liaisons["other"])
    assert client.get(f"/api/items/{item.pk}/").status_code == 404
    assert client.get("/api/items/").json()["results"] == []


def test_a_unit_posts_progress_through_the_same_service(api, item):
    response = api.post(f"/api/items/{item.pk}/progress/", {"text": "已完成三个街道", "percent": 40}, format="json")
    assert response.status_code == 201
    assert ProgressReport.objects.get().percent == 40
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_a_co_unit_cannot_report_completion_by_api(item, liaisons):
    client = APIClient()
    client.force_authenticate(liaisons["co"])
    response = client.post(f"/api/items/{item.pk}/progress/", {"text": "完成", "completion": True}, format="json")
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_bad_input_is_a_400_with_the_field(api, item):
    response = api.post(f"/api/items/{item.pk}/progress/", {"percent": 140}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"text", "percent"}
