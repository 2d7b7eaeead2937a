"""Bad input is answered with a 400 or a clear message, never a server error or a saved record."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from coordination.forms import ActionItemForm, BoundedDateField, ProgressForm
from coordination.models import ActionItem, ProgressReport, Urge


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("url", ["/search/?q=%00", "/search/?q=abc%00def", "/replies/?kind=%00", "/?x%00=1"])
def test_a_nul_character_in_a_query_string_is_a_bad_request(client, db, url):
    assert client.get(url).status_code == 400


def test_a_nul_character_in_a_form_field_is_a_bad_request(client, item, liaisons):
    client.force_login(liaisons["lead"])
    response = client.post(f"/workbench/items/{item.pk}/", {"text": "进展\x00", "percent": "10"})
    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_a_nul_character_sent_to_the_api_is_a_bad_request_in_json(client, item, liaisons):
    client.force_login(liaisons["lead"])
    response = client.post(f"/api/items/{item.pk}/progress/", {"text": "进展\x00", "percent": "10"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "NUL" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_an_urge_naming_no_unit_id_says_so(client, item, office_user):
    client.force_login(office_user)
    response = client.post(f"/workbench/items/{item.pk}/urge/", {"unit": "abc", "text": "请抓紧"})
    assert response.status_code == 302
    assert "请选择被催办的单位。" in messages_of(response)
    assert not Urge.objects.exists()


def test_a_reassignment_to_no_unit_id_says_so(client, office_user, units):
    from coordination.models import Proposal

    proposal = Proposal.objects.create(
        kind="npc", session="届次", number="1", title="建议", received_on=datetime.date(2026, 1, 5), lead_unit=units[5]
    )
    client.force_login(office_user)
    response = client.post(f"/workbench/proposals/{proposal.pk}/reassign/", {"lead_unit": "１２"})
    assert "请选择新的主办单位。" in messages_of(response)
    response = client.post(
        f"/workbench/proposals/{proposal.pk}/extend/", {"new_deadline": "1900-01-01", "reason": "复杂"}
    )
    assert "请填写有效的新时限。" in messages_of(response)


def test_a_two_million_character_progress_report_is_refused(client, item, liaisons):
    client.force_login(liaisons["lead"])
    response = client.post(f"/workbench/items/{item.pk}/", {"text": "x" * 2_000_000, "percent": "10"})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not ProgressReport.objects.exists()


def test_a_too_long_reason_posted_without_a_form_is_a_message(client, item, office_user):
    client.force_login(office_user)
    response = client.post(f"/workbench/items/{item.pk}/cancel/", {"reason": "理" * 301})
    assert response.status_code == 302
    assert "填写的内容过长，最多 300 字。" in messages_of(response)
    item.refresh_from_db()
    assert item.status != ActionItem.Status.CANCELLED


def test_a_deadline_in_1900_is_refused_by_the_item_form(units):
    form = ActionItemForm({"title": "事项", "lead_unit": units[5].pk, "deadline": "1900-01-01"})
    assert not form.is_valid()
    assert form.errors["deadline"] == ["日期不能早于 2000-01-01。"]


def test_date_bounds_are_2000_and_ten_years_ahead():
    field = BoundedDateField()
    today = timezone.localdate()
    ten_years = today.replace(year=today.year + 10, day=min(today.day, 28))
    assert field.clean("2000-01-01") == datetime.date(2000, 1, 1)
    assert field.clean(ten_years.isoformat()) == ten_years
    for bad in ("1999-12-31", (ten_years + datetime.timedelta(days=3)).isoformat()):
        with pytest.raises(ValidationError, match="日期不能"):
            field.clean(bad)


def test_progress_text_is_bounded():
    assert ProgressForm({"text": "x" * 10_000}).is_valid()
    assert not ProgressForm({"text": "x" * 10_001}).is_valid()
