"""The item page tells what happened to the item, oldest first, to those who may open the item."""

import datetime
import re

import time_machine
from django.utils import timezone

from coordination import services
from coordination.models import ActionItem
from tests.factories import UserFactory


def timeline(client, user, item) -> list[str]:
    client.force_login(user)
    response = client.get(f"/workbench/items/{item.pk}/")
    assert response.status_code == 200
    listing = re.search(r'<ol class="events" id="timeline-list">(.*?)</ol>', response.content.decode(), re.S)
    return [re.sub(r"\s+", " ", li) for li in re.findall(r"<li\b.*?</li>", listing.group(1), re.S)]


def test_the_timeline_tells_the_items_story_in_order(client, item, liaisons, office_user, units):
    lead, co = liaisons["lead"], liaisons["co"]
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=True):
        services.action_item_report_progress(actor=co, item=item, unit=units[7], text="配合单位完成摸底", percent=40)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2), tick=True):
        urge = services.action_item_urge(actor=office_user, item=item, unit=units[5], text="请抓紧报送")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3), tick=True):
        services.urge_acknowledge(actor=lead, urge=urge)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=4), tick=True):
        request = services.extension_request(
            actor=lead, item=item, reason="需等待财政拨款", new_deadline=datetime.date(2027, 3, 31)
        )
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=True):
        services.extension_decide(actor=office_user, request=request, approve=True, note="同意")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=True):
        services.action_item_report_progress(actor=lead, item=item, unit=units[5], text="台账已建立", completion=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=7), tick=True):
        services.action_item_return(actor=office_user, item=item, reason="缺少乡镇台账附件")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=8), tick=True):
        services.action_item_report_progress(actor=lead, item=item, unit=units[5], text="已补齐附件", completion=True)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=9), tick=True):
        services.action_item_close(actor=office_user, item=item)

    events = timeline(client, lead, item)

    expected = [
        "交办事项",
        "报告进展（40%）",
        "催办 区民政局",
        "确认催办",
        "申请延期至 2027-03-31",
        "延期申请：已同意",
        "报办结",
        "退回事项",
        "报办结",
        "确认办结",
    ]
    assert [re.search(r"<strong>(.*?)</strong>", e).group(1) for e in events] == expected
    assert "配合单位完成摸底" in events[1] and "区财政局" in events[1]
    assert "需等待财政拨款" in events[4]
    assert "缺少乡镇台账附件" in events[7]


def test_the_return_reason_shows_to_the_liaison_on_the_item_page(client, item, liaisons, office_user, units):
    services.action_item_report_progress(actor=liaisons["lead"], item=item, unit=units[5], text="完成", completion=True)
    services.action_item_return(actor=office_user, item=item, reason="缺少乡镇台账附件")

    client.force_login(liaisons["lead"])
    body = client.get(f"/workbench/items/{item.pk}/").content.decode()

    assert "<dd><strong>缺少乡镇台账附件</strong></dd>" in body  # in the item's facts
    assert "缺少乡镇台账附件" in timeline(client, liaisons["lead"], item)[-1]


def test_a_cancelled_item_shows_why(client, item, liaisons, office_user):
    services.action_item_cancel(actor=office_user, item=item, reason="并入年度台账事项")
    events = timeline(client, liaisons["co"], item)
    assert "撤销事项" in events[-1] and "并入年度台账事项" in events[-1]


def test_an_item_of_issued_minutes_starts_with_its_source(client, units, office_user):
    item = ActionItem.objects.create(
        source=ActionItem.Source.AGREED_ITEM,
        title="议定事项",
        lead_unit=units[5],
        deadline=datetime.date(2026, 12, 31),
        source_reference="陈社救联纪〔2026〕1号 第1项",
    )
    events = timeline(client, office_user, item)
    assert len(events) == 1
    assert "列入督办" in events[0] and "陈社救联纪〔2026〕1号 第1项" in events[0]


def test_a_co_unit_does_not_see_another_co_units_report(client, item, liaisons, units, make_liaison, office_user):
    third = make_liaison(units[9], "third")
    item.co_units.add(units[9])
    services.action_item_report_progress(actor=third, item=item, unit=units[9], text="第三家单位的内部情况")

    assert not any("第三家单位的内部情况" in e for e in timeline(client, liaisons["co"], item))
    assert any("第三家单位的内部情况" in e for e in timeline(client, office_user, item))


def test_the_timeline_is_not_shown_to_a_unit_not_on_the_item(client, item, liaisons):
    client.force_login(liaisons["other"])
    assert client.get(f"/workbench/items/{item.pk}/").status_code == 404
    client.force_login(UserFactory(username="nobody"))
    assert client.get(f"/workbench/items/{item.pk}/").status_code == 404
