"""Deadline reminders (once per kind and day) and the office's weekly digest."""

import datetime

from coordination import services
from coordination.models import Notification, ReminderLog


def test_reminders_go_out_once_per_kind_and_day(item, liaisons):
    seven_days_before = item.deadline - datetime.timedelta(days=7)
    assert services.reminders_send(today=seven_days_before) == 1
    assert services.reminders_send(today=seven_days_before) == 0
    assert ReminderLog.objects.get().kind == "before_7"
    reminded = Notification.objects.filter(title__contains="7 天后到期")
    assert sorted(n.recipient.username for n in reminded) == ["co", "lead"]


def test_overdue_items_are_reminded_daily(item):
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=1)) == 1
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=2)) == 1
    assert services.reminders_send(today=item.deadline + datetime.timedelta(days=2)) == 0


def test_the_office_gets_one_weekly_digest(item, office_user):
    monday = datetime.date(2026, 12, 28)
    assert services.office_digest_send(today=monday) is True
    assert services.office_digest_send(today=monday + datetime.timedelta(days=2)) is False
    digest = Notification.objects.get(recipient=office_user, title__startswith="督办周报")
    assert "建立低保边缘家庭帮扶台账" in digest.body


def test_co_units_are_reminded_of_their_opinion_once(proposal, people, units):
    from coordination.models import Notification

    before = proposal.co_opinion_deadline - datetime.timedelta(days=7)
    assert services.reminders_send(today=before) == 1
    assert services.reminders_send(today=before) == 0
    assert Notification.objects.filter(recipient=people["co"], title__startswith="协办意见将在 7 天后到期").exists()
    services.proposal_co_opinion(actor=people["co"], proposal=proposal, unit=units[7], text="同意")
    assert services.reminders_send(today=proposal.co_opinion_deadline - datetime.timedelta(days=1)) == 0
