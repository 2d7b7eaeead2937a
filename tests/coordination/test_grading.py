"""The graded warning: the Python rule and the SQL rule agree, and the thresholds come from settings."""

import collections
import datetime

import pytest
from django.db.models import Count

from coordination import grading
from coordination.grading import Light
from coordination.models import ActionItem, ProgressReport

TODAY = datetime.date(2026, 6, 10)
LIMITS = grading.Thresholds(yellow_days=7, red_days=3, red_below_percent=80)


@pytest.mark.parametrize(
    ("deadline_in", "status", "percent", "light"),
    [
        (None, "open", None, Light.STANDING),
        (-30, "closed", None, Light.DONE),
        (-30, "cancelled", 10, Light.DONE),
        (-1, "completion_reported", None, Light.GREEN),
        (-1, "in_progress", 90, Light.RED),
        (0, "in_progress", 79, Light.RED),
        (3, "open", None, Light.RED),
        (3, "in_progress", 80, Light.YELLOW),
        (4, "in_progress", 10, Light.YELLOW),
        (7, "open", None, Light.YELLOW),
        (8, "open", None, Light.GREEN),
        (60, "in_progress", 0, Light.GREEN),
    ],
)
def test_grade(deadline_in, status, percent, light):
    deadline = None if deadline_in is None else TODAY + datetime.timedelta(days=deadline_in)
    assert grading.grade(deadline=deadline, status=status, percent=percent, today=TODAY, thresholds=LIMITS) == light


def test_thresholds_come_from_settings(settings):
    settings.PORTAL_GRADING = {"yellow_days": 30, "red_days": 10, "red_below_percent": 50}
    deadline = TODAY + datetime.timedelta(days=20)
    assert grading.grade(deadline=deadline, status="open", percent=None, today=TODAY) == Light.YELLOW
    deadline = TODAY + datetime.timedelta(days=9)
    assert grading.grade(deadline=deadline, status="open", percent=60, today=TODAY) == Light.YELLOW
    assert grading.grade(deadline=deadline, status="open", percent=40, today=TODAY) == Light.RED


@pytest.mark.django_db
def test_database_and_python_agree(units, liaisons, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 9, tzinfo=datetime.UTC))
    cases = [
        (None, "open", []),
        (-3, "open", []),
        (-3, "completion_reported", [100]),
        (2, "in_progress", [90, 30]),  # the newest report counts: 30 % → red
        (2, "in_progress", [30, 90]),
        (2, "in_progress", [None]),
        (5, "in_progress", [20]),
        (20, "open", []),
        (20, "closed", []),
    ]
    for days, status, percents in cases:
        deadline = None if days is None else TODAY + datetime.timedelta(days=days)
        item = ActionItem.objects.create(
            source=ActionItem.Source.OFFICE,
            title=f"事项{days}{status}",
            lead_unit=units[5],
            deadline=deadline,
            status=status,
        )
        for moment, percent in enumerate(percents):
            report = ProgressReport.objects.create(
                action_item=item, unit=units[5], author=liaisons["lead"], text="进展", percent=percent
            )
            ProgressReport.objects.filter(pk=report.pk).update(
                created_at=datetime.datetime(2026, 6, 1 + moment, tzinfo=datetime.UTC)
            )
    annotated = {item.pk: item.grade for item in ActionItem.objects.with_light()}
    computed = {item.pk: item.grade for item in ActionItem.objects.all()}
    assert annotated == computed
    ranks = dict(ActionItem.objects.with_light().values_list("pk", "light_rank"))
    assert ranks == {pk: grading.RANK[light] for pk, light in computed.items()}
    # The light filters and groups in SQL as it reads.
    counted = ActionItem.objects.with_light().order_by().values("light").annotate(n=Count("pk"))
    assert {row["light"]: row["n"] for row in counted} == dict(collections.Counter(computed.values()))
    assert set(ActionItem.objects.with_light().filter(light=Light.RED).values_list("pk", flat=True)) == {
        pk for pk, light in computed.items() if light == Light.RED
    }
    assert sorted(computed.values()) == sorted(
        [
            Light.STANDING,
            Light.RED,
            Light.GREEN,
            Light.RED,
            Light.YELLOW,
            Light.RED,
            Light.YELLOW,
            Light.GREEN,
            Light.DONE,
        ]
    )


@pytest.mark.parametrize("days", range(-5, 12))
@pytest.mark.parametrize("status", ActionItem.Status.values)
@pytest.mark.parametrize("percent", [None, 0, 79, 80, 100])
def test_every_red_item_meets_the_red_bound(days, status, percent):
    deadline = TODAY + datetime.timedelta(days=days)
    light = grading.grade(deadline=deadline, status=status, percent=percent, today=TODAY, thresholds=LIMITS)
    bound = grading.red_bound(today=TODAY, thresholds=LIMITS)
    fields = dict(bound.children)
    meets = status in fields["status__in"] and deadline <= fields["deadline__lte"]
    assert meets or light != Light.RED


def test_database_and_python_agree_when_no_progress_is_too_little(units, settings, time_machine):
    """With `red_below_percent` 0 no progress is too little: an item near its deadline with no
    report is yellow in both (the database once took "no report" as slow whatever the threshold)."""
    time_machine.move_to(datetime.datetime(2026, 6, 10, 9, tzinfo=datetime.UTC))
    settings.PORTAL_GRADING = {"yellow_days": 7, "red_days": 3, "red_below_percent": 0}
    ActionItem.objects.create(
        source=ActionItem.Source.OFFICE,
        title="临近期限",
        lead_unit=units[5],
        deadline=TODAY + datetime.timedelta(days=2),
    )
    assert ActionItem.objects.with_light().get().grade == ActionItem.objects.get().grade == Light.YELLOW
