"""Migration 0022 keys the reminders sent before the cadence by the deadline they were sent for."""

import datetime
import importlib

from django.apps import apps

from coordination.models import ReminderLog
from tests.coordination.services.conftest import *  # noqa: F403  (the people and proposal fixtures)

fill_deadlines = importlib.import_module("coordination.migrations.0022_reminder_cadence").fill_deadlines


def test_old_reminders_get_their_deadline_and_the_daily_overdue_rows_shrink_to_the_last(proposal, people):
    item = proposal.action_item
    # Rows as 0021 kept them (its deadline column is filled with the day here: the one this schema needs)
    for kind, day in (("before_7", "2027-01-02"), ("overdue", "2027-01-12"), ("overdue", "2027-01-13")):
        day = datetime.date.fromisoformat(day)
        ReminderLog.objects.create(action_item=item, stage=kind, day=day, deadline=day)
    ReminderLog.objects.create(
        action_item=item, stage="co_opinion_7", day=datetime.date(2026, 12, 27), deadline=item.deadline
    )

    fill_deadlines(apps, None)

    rows = ReminderLog.objects.order_by("day").values_list("stage", "day", "deadline")
    assert list(rows) == [
        ("co_opinion_7", datetime.date(2026, 12, 27), proposal.co_opinion_deadline),
        ("before_7", datetime.date(2027, 1, 2), item.deadline),
        ("overdue", datetime.date(2027, 1, 13), item.deadline),
    ]
