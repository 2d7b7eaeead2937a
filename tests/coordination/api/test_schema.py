"""The published OpenAPI schema describes what the API really answers.

Each test makes a real call and validates the response against the schema served at /api/schema/:
a field typed wrongly, a status code left undocumented or an error body of another shape fails here.
"""

import pytest
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def schema(db):
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def openapi(schema):
    return OpenAPI.from_dict(schema)


@pytest.fixture
def as_unit(liaisons):
    """An API client per liaison, authenticated by token as a unit's own system is."""

    def client(who):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=liaisons[who])[0].key}")
        return api

    return client


@pytest.fixture
def conforms(openapi):
    """Validate a test-client response against the schema; raises on any divergence."""

    def check(response, method, path):
        request = MockRequest("http://testserver", method, path)
        content_type = response.get("Content-Type", "").split(";")[0]
        answer = MockResponse(response.content, response.status_code, content_type=content_type)
        openapi.validate_response(request, answer)
        return response.json()

    return check


def test_the_schema_is_valid_openapi_and_lists_the_three_endpoints(schema):
    validate(schema)
    assert set(schema["paths"]) == {"/api/items/", "/api/items/{id}/", "/api/items/{id}/progress/"}


def test_co_units_are_documented_as_the_list_they_are(schema):
    co_units = schema["components"]["schemas"]["ActionItem"]["properties"]["co_units"]
    assert co_units["type"] == "array" and co_units["items"]["type"] == "string"


def test_the_list_conforms(as_unit, item, conforms):
    body = conforms(as_unit("lead").get("/api/items/"), "get", "/api/items/")
    assert body["results"][0]["co_units"] == ["区财政局"]


def test_the_detail_with_reports_conforms(as_unit, item, conforms):
    as_unit("lead").post(f"/api/items/{item.pk}/progress/", {"text": "已完成三个街道", "percent": 40}, format="json")
    path = f"/api/items/{item.pk}/"
    body = conforms(as_unit("lead").get(path), "get", path)
    assert body["reports"][0]["percent"] == 40


def test_a_progress_report_conforms(as_unit, item, conforms):
    path = f"/api/items/{item.pk}/progress/"
    response = as_unit("co").post(path, {"text": "已拨付资金"}, format="json")
    assert response.status_code == 201
    assert conforms(response, "post", path)["unit"] == "区财政局"


@pytest.mark.parametrize(
    "body",
    [{"percent": 140}, {"text": "进展", "unit": "没有的单位"}, "{not json"],
    ids=["field-errors", "unknown-unit", "unparsable"],
)
def test_a_bad_progress_report_is_a_documented_400(as_unit, item, conforms, body):
    path = f"/api/items/{item.pk}/progress/"
    if isinstance(body, str):
        response = as_unit("lead").generic("POST", path, body, content_type="application/json")
    else:
        response = as_unit("lead").post(path, body, format="json")
    assert response.status_code == 400
    conforms(response, "post", path)


def test_a_co_unit_reporting_completion_is_a_documented_403(as_unit, item, conforms):
    path = f"/api/items/{item.pk}/progress/"
    response = as_unit("co").post(path, {"text": "完成", "completion": True}, format="json")
    assert response.status_code == 403
    conforms(response, "post", path)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_units_item_is_a_documented_404(as_unit, item, conforms, method):
    if method == "get":
        path = f"/api/items/{item.pk}/"
        response = as_unit("other").get(path)
    else:
        path = f"/api/items/{item.pk}/progress/"
        response = as_unit("other").post(path, {"text": "进展"}, format="json")
    assert response.status_code == 404
    conforms(response, method, path)


def test_a_call_without_a_token_is_a_documented_401(db, conforms):
    response = APIClient().get("/api/items/")
    assert response.status_code == 401
    conforms(response, "get", "/api/items/")
