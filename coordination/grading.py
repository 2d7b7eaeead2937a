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
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce
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


class Graded(models.Expression):
    """`grade()`'s steps as one SQL CASE over an item's status, deadline and latest percent; each
    step yields `results[light]` (the light's value, or its rank), GREEN's when none matches.

    One expression with three inputs instead of `Case(When(Q…))`: Django resolved and compiled each
    step's lookups on every query, about half of the time it took to build and compile a graded
    list's query, which names the light in its columns, its filter and its order. The SQL is the
    CASE that `Case` wrote, with the same parameters.
    """

    def __init__(
        self, percent_field: str, *, today: datetime.date, thresholds: Thresholds, results: dict, output_field
    ):
        super().__init__(output_field=output_field)
        self.today, self.limits, self.results = today, thresholds, results
        # `(percent or 0) < red_below_percent` as grade() says it, so no report counts as 0 %.
        self.inputs = [F("status"), F("deadline"), Coalesce(F(percent_field), Value(0))]

    def get_source_expressions(self):
        return self.inputs

    def set_source_expressions(self, exprs):
        self.inputs = list(exprs)

    def as_sql(self, compiler, connection):
        from .models import ActionItem

        compiled = map(compiler.compile, self.inputs)
        (status, status_params), (deadline, deadline_params), (percent, percent_params) = compiled

        def day(days: int):
            return connection.ops.adapt_datefield_value(self.today + datetime.timedelta(days=days))

        finished = list(ActionItem.FINISHED_STATUSES)
        steps = [  # (condition, its parameters, light): grade()'s order, first match wins
            (f"{status} IN ({', '.join(['%s'] * len(finished))})", [*status_params, *finished], Light.DONE),
            (f"{deadline} IS NULL", deadline_params, Light.STANDING),
            (f"{status} = %s", [*status_params, ActionItem.Status.COMPLETION_REPORTED.value], Light.GREEN),
            (f"{deadline} < %s", [*deadline_params, day(0)], Light.RED),
            (
                f"({deadline} <= %s AND {percent} < %s)",
                [*deadline_params, day(self.limits.red_days), *percent_params, self.limits.red_below_percent],
                Light.RED,
            ),
            (f"{deadline} <= %s", [*deadline_params, day(self.limits.yellow_days)], Light.YELLOW),
        ]
        sql = "CASE " + " ".join(f"WHEN {condition} THEN %s" for condition, _params, _light in steps) + " ELSE %s END"
        params = [value for _sql, params, light in steps for value in (*params, self.results[light])]
        return sql, (*params, self.results[Light.GREEN])


def light_expression(*, percent_field: str, today: datetime.date, thresholds: Thresholds | None = None) -> Graded:
    """`grade()` as a database expression over ActionItem rows; `percent_field` names the
    annotation that holds the latest reported percent."""
    limits = thresholds or Thresholds.from_settings()
    values = {light: light.value for light in Light}
    return Graded(percent_field, today=today, thresholds=limits, results=values, output_field=CharField())


def rank_expression(*, percent_field: str, today: datetime.date, thresholds: Thresholds | None = None) -> Graded:
    """Sort key of `light_expression()`, most urgent first, from the same steps rather than from
    the light: a CASE over the light's CASE made PostgreSQL grade every row up to five times
    again, which was most of the cost of sorting all items by light."""
    limits = thresholds or Thresholds.from_settings()
    return Graded(percent_field, today=today, thresholds=limits, results=RANK, output_field=models.IntegerField())


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
