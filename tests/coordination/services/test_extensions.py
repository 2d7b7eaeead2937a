"""Extension requests and decisions, urging and its acknowledgement."""

import datetime

import pytest

from coordination import services
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import ExtensionRequest, Urge


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(item, liaisons, office_user):
    request = services.extension_request(
        actor=liaisons["lead"], item=item, reason="等待数据比对", new_deadline=datetime.date(2027, 2, 28)
    )
    with pytest.raises(InvalidState):
        services.extension_request(
            actor=liaisons["lead"], item=item, reason="再次", new_deadline=datetime.date(2027, 3, 1)
        )
    services.extension_decide(actor=office_user, request=request, approve=True)
    item.refresh_from_db()
    assert (item.deadline, item.original_deadline) == (datetime.date(2027, 2, 28), datetime.date(2026, 12, 31))


def test_a_refused_extension_needs_a_reason_and_changes_nothing(item, liaisons, office_user):
    request = services.extension_request(
        actor=liaisons["lead"], item=item, reason="人手不足", new_deadline=datetime.date(2027, 2, 28)
    )
    with pytest.raises(DomainError):
        services.extension_decide(actor=office_user, request=request, approve=False)
    services.extension_decide(actor=office_user, request=request, approve=False, note="时限不能调整")
    item.refresh_from_db()
    assert item.deadline == datetime.date(2026, 12, 31)
    assert ExtensionRequest.objects.get().status == ExtensionRequest.Status.REFUSED


def test_only_the_lead_unit_asks_for_an_extension(item, liaisons):
    with pytest.raises(NotPermitted):
        services.extension_request(actor=liaisons["co"], item=item, reason="x", new_deadline=datetime.date(2027, 1, 5))


def test_urging_needs_the_units_acknowledgement(item, liaisons, office_user, units):
    urge = services.action_item_urge(actor=office_user, item=item, unit=units[7], text="请于本周内反馈资金测算")
    with pytest.raises(NotPermitted):
        services.urge_acknowledge(actor=liaisons["lead"], urge=urge)
    services.urge_acknowledge(actor=liaisons["co"], urge=urge)
    assert Urge.objects.get().acknowledged_by == liaisons["co"]
    with pytest.raises(InvalidState):
        services.urge_acknowledge(actor=liaisons["co"], urge=urge)
