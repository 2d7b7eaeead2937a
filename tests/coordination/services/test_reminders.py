"""Deadline reminders: the cadence, one digest per unit and day, a scan in constant queries; the weekly digest."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from coordination import services
from coordination.models import ActionItem, Notification, Proposal, ReminderDigest, ReminderLog

DEADLINE = datetime.date(2026, 12, 31)  # the `item` fixture's deadline, a Thursday


def day(offset: int) -> datetime.date:
    return DEADLINE + datetime.timedelta(days=offset)


def digests_of(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, title__startswith="督办提醒").order_by("pk"))


def stages(item) -> list[str]:
    return list(ReminderLog.objects.filter(action_item=item).order_by("pk").values_list("stage", flat=True))


@override_settings(PORTAL_REMINDER_DAYS=[7, 1], PORTAL_OVERDUE_REMINDER_WEEKS=2)
def test_the_cadence_before_on_the_day_weekly_then_the_office_once(item, liaisons, office_user):
    sent = {offset: services.reminders_send(today=day(offset)) for offset in (-7, -3, -1, 0, 1, 6, 7, 13, 14, 21, 28)}
    assert sent == {-7: 1, -3: 0, -1: 1, 0: 1, 1: 0, 6: 0, 7: 1, 13: 0, 14: 2, 21: 0, 28: 0}
    assert stages(item) == ["before_7", "before_1", "due", "week_1", "week_2", "office"]
    for liaison in (liaisons["lead"], liaisons["co"]):
        assert len(digests_of(liaison)) == 5
    assert digests_of(liaisons["other"]) == []
    told = Notification.objects.get(recipient=office_user, title__startswith="逾期满 2 周仍未办结")
    assert told.links == [
        {"title": f"区民政局：{item.title}（完成时限 2026-12-31，已逾期 14 天）", "url": f"/workbench/items/{item.pk}/"}
    ]


def test_a_rerun_the_same_day_sends_nothing(item, liaisons):
    assert services.reminders_send(today=day(0)) == 1
    assert services.reminders_send(today=day(0)) == 0
    assert ReminderDigest.objects.filter(day=day(0)).count() == 2  # the lead unit and the co-unit
    assert len(digests_of(liaisons["lead"])) == 1


def test_each_stage_and_each_digest_is_unique_in_the_database(item, units):
    ReminderLog.objects.create(action_item=item, deadline=DEADLINE, stage="due", day=day(0))
    with pytest.raises(IntegrityError):
        ReminderLog.objects.create(action_item=item, deadline=DEADLINE, stage="due", day=day(1))


def test_one_digest_per_unit_and_day_at_most_in_the_database(units):
    ReminderDigest.objects.create(unit=units[5], day=day(0), entries=1)
    ReminderDigest.objects.create(unit=None, day=day(0), entries=1)  # the office's
    ReminderDigest.objects.create(unit=units[7], day=day(0), entries=1)
    for unit in (units[5], None):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReminderDigest.objects.create(unit=unit, day=day(0), entries=2)


def test_nothing_on_a_rest_day_and_the_stage_goes_out_on_the_next_working_day(item, liaisons):
    saturday, monday = datetime.date(2027, 1, 9), datetime.date(2027, 1, 11)  # 9 and 11 days overdue
    assert services.reminders_send(today=saturday) == 0
    assert services.reminders_send(today=monday) == 1
    assert stages(item) == ["week_1"]  # the current stage; the missed "due" is not sent late


@override_settings(PORTAL_REMINDERS_WORKDAYS_ONLY=False)
def test_sending_every_day_the_digest_goes_out_on_a_saturday(item, liaisons):
    assert services.reminders_send(today=datetime.date(2027, 1, 9)) == 1
    assert stages(item) == ["week_1"]


def test_an_extension_starts_the_cadence_again(item, liaisons, office_user):
    services.reminders_send(today=day(0))
    request = services.extension_request(actor=liaisons["lead"], item=item, reason="资金未到位", new_deadline=day(33))
    services.extension_decide(actor=office_user, request=request, approve=True, note="")
    assert services.reminders_send(today=day(33)) == 1
    assert list(ReminderLog.objects.values_list("deadline", "stage")) == [(DEADLINE, "due"), (day(33), "due")]


def test_finished_items_and_items_without_a_deadline_are_not_reminded(item, office_user, units):
    services.action_item_create(actor=office_user, title="常态化走访", lead_unit=units[5], deadline=None)
    ActionItem.objects.filter(pk=item.pk).update(status=ActionItem.Status.CLOSED)
    assert services.reminders_send(today=day(0)) == 0
    assert not ReminderDigest.objects.exists()


def test_the_digest_lists_every_items_link_and_each_link_opens(item, liaisons, office_user, units, client):
    other = services.action_item_create(
        actor=office_user, title="核查救助资金发放", lead_unit=units[5], deadline=day(-7)
    )
    services.reminders_send(today=day(0))
    (digest,) = digests_of(liaisons["lead"])
    assert [link["url"] for link in digest.links] == [other.get_absolute_url(), item.get_absolute_url()]
    assert "已逾期 7 天" in digest.links[0]["title"] and "今日到期" in digest.links[1]["title"]
    client.force_login(liaisons["lead"])
    for url in [digest.url, *(link["url"] for link in digest.links)]:
        assert client.get(url).status_code == 200, url
    page = client.get("/workbench/notifications/").content.decode()
    assert f'href="{other.get_absolute_url()}"' in page


@override_settings(WAGTAILADMIN_BASE_URL="https://lianxi.example.gov.cn")
def test_one_email_per_digest_with_the_full_addresses(item, liaisons, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(today=day(0))
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in (liaisons["lead"], liaisons["co"]))
    assert f"https://lianxi.example.gov.cn/workbench/items/{item.pk}/" in mailoutbox[0].body


def make_items(count: int, units) -> None:
    """`count` open items spread over every stage of the cadence, a third with two co-units."""
    offsets = [7, 3, 1, 0, -2, -7, -10, -14, -40]
    items = ActionItem.objects.bulk_create(
        ActionItem(
            source=ActionItem.Source.OFFICE,
            title=f"事项{n}",
            lead_unit=units[n % 27],
            deadline=day(offsets[n % len(offsets)]),
        )
        for n in range(count)
    )
    through = ActionItem.co_units.through
    through.objects.bulk_create(
        through(actionitem_id=item.pk, memberunit_id=units[(n + k) % 27].pk)
        for n, item in enumerate(items)
        if n % 3 == 0
        for k in (1, 2)
    )


@pytest.mark.parametrize("count", [30, 300])
def test_the_scan_takes_the_same_queries_whatever_the_number_of_items(count, units, make_liaison, office_user):
    for unit in units:
        make_liaison(unit)
    make_items(count, units)
    with CaptureQueriesContext(connection) as queries:
        sent = services.reminders_send(today=day(0))
    assert sent == count + ActionItem.objects.filter(deadline__lte=day(-14)).count()  # + the office's
    assert len(queries) == 15
    per_unit = ReminderDigest.objects.filter(day=day(0)).values_list("unit", flat=True)
    assert len(per_unit) == len(set(per_unit)) == 28  # 27 units and the office
    assert Notification.objects.filter(title__startswith="督办提醒").count() == 27


def test_the_office_gets_one_weekly_digest_with_counts_and_links(item, office_user, units):
    late = services.action_item_create(
        actor=office_user, title="核查救助资金发放", lead_unit=units[7], deadline=day(-30)
    )
    monday = datetime.date(2026, 12, 28)
    assert services.office_digest_send(today=monday) is True
    assert services.office_digest_send(today=monday + datetime.timedelta(days=2)) is False
    digest = Notification.objects.get(recipient=office_user, title__startswith="督办周报")
    assert digest.title == "督办周报：逾期 1 项，一周内到期 1 项"
    assert [link["url"] for link in digest.links] == [late.get_absolute_url(), item.get_absolute_url()]
    assert digest.links[1]["title"] == "区民政局 建立低保边缘家庭帮扶台账（2026-12-31，3 天后到期）"


def test_co_units_are_reminded_of_their_opinion_once_in_their_digest(proposal, people, units):
    Proposal.objects.filter(pk=proposal.pk).update(co_opinion_deadline=DEADLINE)
    assert services.reminders_send(today=day(-7)) == 1
    assert ReminderLog.objects.get().stage == "co_opinion_7"
    (digest,) = digests_of(people["co"])
    assert digest.links == [
        {"title": "协办意见将在 7 天后到期：关于为独居老人安装应急呼叫设备的建议", "url": proposal.get_absolute_url()}
    ]
    assert digests_of(people["lead"]) == []
    services.proposal_co_opinion(actor=people["co"], proposal=proposal, unit=units[7], text="同意")
    assert services.reminders_send(today=day(-1)) == 0
    assert len(digests_of(people["co"])) == 1
