"""Graded warnings (绿灯 / 黄灯 / 红灯) of supervised work, from its deadline and reported progress.

One rule, written twice on purpose and tested to agree: `grade()` for an item in hand, and
`light_expression()` for the database, so lists, counts, the ledger and the 通报 sort and count
by the same light without loading items into Python.

- finished (closed or cancelled): DONE; no deadline: STANDING (常态化, counted apart from dated work);
- completion reported: GREEN (the office is checking it, the unit is not late);
- past the deadline: RED;
- within `red_days` of it with reported progress below `red_below_percent` (or none): RED;
- within `yellow_days` of it: YELLOW;
- otherwise GREEN.

Thresholds come from `settings.PORTAL_GRADING`.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    RED = "red", _("红灯")
    YELLOW = "yellow", _("黄灯")
    GREEN = "green", _("绿灯")
    STANDING = "standing", _("常态化")
    DONE = "done", _("已办结")


# Most urgent first: lists sort by this rank.
RANK = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.STANDING: 3, Light.DONE: 4}


@dataclasses.dataclass(frozen=True)
class Thresholds:
    yellow_days: int
    red_days: int
    red_below_percent: int

    @classmethod
    def from_settings(cls) -> "Thresholds":
        return cls(**settings.PORTAL_GRADING)


def grade(
    *,
    deadline: datetime.date | None,
    status: str,
    percent: int | None,
    today: datetime.date,
    thresholds: Thresholds | None = None,
) -> Light:
    """The light of one item; `percent` is the latest progress reported on it (None if none)."""
    from .models import ActionItem  # models import this module for their queryset

    limits = thresholds or Thresholds.from_settings()
    if status in ActionItem.FINISHED_STATUSES:
        return Light.DONE
    if deadline is None:
        return Light.STANDING
    if status == ActionItem.Status.COMPLETION_REPORTED:
        return Light.GREEN
    days_left = (deadline - today).days
    if days_left < 0:
        return Light.RED
    if days_left <= limits.red_days and (percent or 0) < limits.red_below_percent:
        return Light.RED
    if days_left <= limits.yellow_days:
        return Light.YELLOW
    return Light.GREEN


def _graded_when(*, percent_field: str, today: datetime.date, thresholds: Thresholds | None) -> list[tuple[Q, Light]]:
    """`grade()`'s steps as (condition, light) pairs, first match wins; GREEN when none matches."""
    from .models import ActionItem

    limits = thresholds or Thresholds.from_settings()
    # `(percent or 0) < red_below_percent` as grade() says it, naming the percent once: the
    # percent is a subquery, and each mention of it is compiled and run again.
    slow = LessThan(Coalesce(F(percent_field), Value(0)), limits.red_below_percent)
    return [
        (Q(status__in=ActionItem.FINISHED_STATUSES), Light.DONE),
        (Q(deadline__isnull=True), Light.STANDING),
        (Q(status=ActionItem.Status.COMPLETION_REPORTED), Light.GREEN),
        (Q(deadline__lt=today), Light.RED),
        (Q(deadline__lte=today + datetime.timedelta(days=limits.red_days)) & slow, Light.RED),
        (Q(deadline__lte=today + datetime.timedelta(days=limits.yellow_days)), Light.YELLOW),
    ]


def light_expression(*, percent_field: str, today: datetime.date, thresholds: Thresholds | None = None) -> Case:
    """`grade()` as a database expression over ActionItem rows; `percent_field` names the
    annotation that holds the latest reported percent."""
    steps = _graded_when(percent_field=percent_field, today=today, thresholds=thresholds)
    return Case(
        *(When(condition, then=Value(light.value)) for condition, light in steps),
        default=Value(Light.GREEN.value),
        output_field=CharField(),
    )


def rank_expression(*, percent_field: str, today: datetime.date, thresholds: Thresholds | None = None) -> Case:
    """Sort key of `light_expression()`, most urgent first, from the same steps rather than from
    the light: a CASE over the light's CASE made PostgreSQL grade every row up to five times
    again, which was most of the cost of sorting all items by light."""
    steps = _graded_when(percent_field=percent_field, today=today, thresholds=thresholds)
    return Case(
        *(When(condition, then=Value(RANK[light])) for condition, light in steps),
        default=Value(RANK[Light.GREEN]),
        output_field=models.IntegerField(),
    )


def red_bound(*, today: datetime.date, thresholds: Thresholds | None = None) -> Q:
    """What every red item also meets: in hand, not reported complete, due within `red_days`.

    Adding it to a filter on the red light changes nothing in the result; it lets the database
    find the candidates by the status and deadline index instead of grading every item."""
    from .models import ActionItem

    limits = thresholds or Thresholds.from_settings()
    graded = [
        status
        for status in ActionItem.Status.values
        if status not in ActionItem.FINISHED_STATUSES and status != ActionItem.Status.COMPLETION_REPORTED
    ]
    return Q(status__in=graded, deadline__lte=today + datetime.timedelta(days=limits.red_days))
