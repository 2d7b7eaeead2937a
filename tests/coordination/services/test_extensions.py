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


@pytest.fixture
def second_item(units, office_user, make_liaison):
    """An item led by 区医保局 (its own liaison), with 区财政局 as co-unit."""
    make_liaison(units[19], "yb")
    return services.action_item_create(
        actor=office_user,
        title="医疗救助一站式结算",
        lead_unit=units[19],
        co_units=[units[7]],
        deadline=datetime.date(2026, 10, 31),
    )


def urged_units(item) -> set[str]:
    return set(item.urges.values_list("unit__short_name", flat=True))


def test_bulk_urging_reaches_the_lead_unit_of_every_selected_item(item, second_item, liaisons, office_user):
    from coordination.models import Notification

    urges = services.action_items_urge(actor=office_user, items=[item, second_item], text="请于本周内报送进展")
    assert len(urges) == 2
    assert urged_units(item) == {"区民政局"} and urged_units(second_item) == {"区医保局"}
    assert all(not urge.acknowledged_at and urge.text == "请于本周内报送进展" for urge in urges)
    lead_note = Notification.objects.get(recipient=liaisons["lead"], title__startswith="催办通知")
    assert lead_note.url == item.get_absolute_url()
    assert not Notification.objects.filter(recipient=liaisons["co"], title__startswith="催办通知").exists()
    assert not Notification.objects.filter(recipient=liaisons["other"], title__startswith="催办通知").exists()


def test_bulk_urging_can_include_the_co_units(item, second_item, office_user):
    services.action_items_urge(actor=office_user, items=[item, second_item], text="请抓紧", co_units=True)
    assert urged_units(item) == {"区民政局", "区财政局"}
    assert urged_units(second_item) == {"区医保局", "区财政局"}


@pytest.mark.parametrize("who", ["lead", "co", "other"])
def test_liaisons_cannot_urge_in_bulk(item, second_item, liaisons, who):
    with pytest.raises(NotPermitted):
        services.action_items_urge(actor=liaisons[who], items=[item, second_item], text="请抓紧")
    assert not Urge.objects.exists()


def test_bulk_urging_is_all_or_nothing_and_names_the_item_refused(item, second_item, office_user):
    services.action_item_cancel(actor=office_user, item=second_item, reason="并入其他事项")
    with pytest.raises(InvalidState) as refused:
        services.action_items_urge(actor=office_user, items=[item, second_item], text="请抓紧")
    assert "医疗救助一站式结算" in refused.value.message and "没有发出任何催办" in refused.value.message
    assert not Urge.objects.exists()


def test_bulk_urging_needs_a_selection_and_a_text(item, office_user):
    with pytest.raises(InvalidState):
        services.action_items_urge(actor=office_user, items=[], text="请抓紧")
    with pytest.raises(DomainError):
        services.action_items_urge(actor=office_user, items=[item], text="  ")
    assert not Urge.objects.exists()
