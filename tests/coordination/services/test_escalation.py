"""Escalation (升级督办): a red item goes to the convenors and the office once per deadline, in one digest a day."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from coordination import services, tasks
from coordination.models import ActionItem, Escalation, Notification, ReminderDigest
from coordination.services import escalation
from tests.coordination.services.helpers import report


@pytest.fixture
def watchers(office_user, convenor_user):
    return {office_user, convenor_user}


def escalated(item) -> list[Notification]:
    """The escalation digests that list `item`."""
    digests = Notification.objects.filter(title__startswith="红灯事项升级督办")
    return [n for n in digests if item.get_absolute_url() in (link["url"] for link in n.links)]


def test_a_red_item_is_escalated_to_the_convenors_and_the_office_with_a_link_to_it(clock, item, watchers):
    clock.set(2027, 1, 4, 9, 0)  # four days past its deadline (2026-12-31)
    assert services.red_items_escalate() == 1
    assert {n.recipient for n in escalated(item)} == watchers
    assert Escalation.objects.get(action_item=item).deadline == datetime.date(2026, 12, 31)
    assert ModelLogEntry.objects.filter(action="coordination.item.escalate", object_id=str(item.pk)).count() == 1


def test_a_rerun_escalates_nothing_twice(clock, item, watchers):
    clock.set(2027, 1, 4, 9, 0)
    services.red_items_escalate()
    clock.advance(days=1)
    assert services.red_items_escalate() == 0
    assert tasks.escalate_red_items() == 0  # the Celery task runs the same service
    assert len(escalated(item)) == len(watchers)


def test_a_second_job_that_raced_past_the_selection_meets_the_unique_key_and_sends_nothing(
    clock, item, watchers, monkeypatch
):
    clock.set(2027, 1, 4, 9, 0)
    insert = escalation.insert_select

    def raced(*args):  # another run escalated the item and sent the day's digest after this one read it
        Escalation.objects.create(action_item=item, deadline=item.deadline)
        ReminderDigest.objects.create(kind="escalations", day=datetime.date(2027, 1, 4), entries=1)
        insert(*args)

    monkeypatch.setattr(escalation, "insert_select", raced)
    assert services.red_items_escalate() == 0
    assert not Escalation.objects.exists() and escalated(item) == []  # all rolled back, nothing sent


def test_the_database_keeps_one_escalation_per_item_and_deadline(item):
    Escalation.objects.create(action_item=item, deadline=item.deadline)
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(action_item=item, deadline=item.deadline)


def test_green_yellow_standing_and_finished_items_are_not_escalated(clock, item, office_user, units):
    services.action_item_create(actor=office_user, title="常态化走访", lead_unit=units[5], deadline=None)
    clock.set(2026, 12, 20, 9, 0)  # eleven days left: green; then yellow at five days
    assert services.red_items_escalate() == 0
    clock.set(2026, 12, 26, 9, 0)
    assert item.grade == "yellow"
    assert services.red_items_escalate() == 0
    assert not Escalation.objects.exists()


def test_red_again_under_the_same_deadline_is_not_escalated_again(clock, item, liaisons):
    clock.set(2026, 12, 29, 9, 0)  # two days left and no progress reported: red
    assert services.red_items_escalate() == 1
    report(item, liaisons, text="已完成九成", percent=90)  # now yellow
    assert services.red_items_escalate() == 0
    clock.set(2027, 1, 2, 9, 0)  # overdue: red again, same deadline
    assert services.red_items_escalate() == 0
    assert Escalation.objects.count() == 1


def test_red_under_a_new_deadline_after_an_extension_is_escalated_again(clock, item, liaisons, office_user, watchers):
    clock.set(2027, 1, 4, 9, 0)
    services.red_items_escalate()
    request = services.extension_request(
        actor=liaisons["lead"], item=item, reason="资金未到位", new_deadline=datetime.date(2027, 3, 31)
    )
    services.extension_decide(actor=office_user, request=request, approve=True, note="")
    assert services.red_items_escalate() == 0  # green under the new deadline
    clock.set(2027, 4, 2, 9, 0)
    assert services.red_items_escalate() == 1
    deadlines = sorted(Escalation.objects.values_list("deadline", flat=True))
    assert deadlines == [datetime.date(2026, 12, 31), datetime.date(2027, 3, 31)]
    assert len(escalated(item)) == 2 * len(watchers)


def test_the_scheduled_job_runs_the_escalation_and_records_its_run(clock, item):
    from coordination.models import ScheduledJobRun

    clock.set(2027, 1, 4, 9, 0)
    assert services.scheduled_job_run(name="escalate_red_items") == 1
    assert ScheduledJobRun.objects.get(name="escalate_red_items").succeeded


def test_the_escalation_link_opens_for_the_convenor(clock, item, convenor_user, client):
    clock.set(2027, 1, 4, 9, 0)
    services.red_items_escalate()
    notification = Notification.objects.get(recipient=convenor_user, title__startswith="红灯事项升级督办")
    client.force_login(convenor_user)
    assert client.get(notification.url).status_code == 200


def make_red_items(count: int, office_user, units) -> None:
    """`count` items past their deadline (red), with nothing reported."""
    ActionItem.objects.bulk_create(
        ActionItem(source=ActionItem.Source.OFFICE, title=f"事项{n}", lead_unit=units[n % 27], deadline=DEADLINE)
        for n in range(count)
    )


DEADLINE = datetime.date(2026, 12, 31)


@pytest.mark.parametrize("count", [30, 300])
def test_all_red_items_of_a_day_go_out_in_one_digest_to_each_watcher(clock, count, office_user, units, watchers):
    make_red_items(count, office_user, units)
    clock.set(2027, 1, 4, 9, 0)
    with CaptureQueriesContext(connection) as queries:
        assert services.red_items_escalate() == count
    # The audit entries go in as many statements as the database takes rows in one (PostgreSQL: one).
    fields = [field for field in ModelLogEntry._meta.concrete_fields if not field.primary_key]
    batches = -(-count // connection.ops.bulk_batch_size(fields, [None] * count))
    assert len(queries) == 10 + batches
    digests = Notification.objects.filter(title=f"红灯事项升级督办：{count} 项")
    assert sorted(n.recipient_id for n in digests) == sorted(user.pk for user in watchers)
    assert len(digests[0].links) == min(count, 50)
    assert ModelLogEntry.objects.filter(action="coordination.item.escalate").count() == count
    assert ReminderDigest.objects.get(kind="escalations").entries == count
