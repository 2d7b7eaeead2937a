"""Reads of supervision (督查督办) by graded light: per-unit counts, the red list, the 通报's snapshot.

Every count is made by the database over `ActionItem.objects.with_light()`, so the supervision
page, the filtered item list and the 通报 agree with `coordination.grading` and never load all
items into Python to count them.
"""

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from .. import grading
from ..grading import Light
from ..models import ActionItem, MemberUnit

# The lights of work in hand, most urgent first; STANDING (常态化, no deadline) is counted apart.
OPEN_LIGHTS = (Light.RED, Light.YELLOW, Light.GREEN)
COUNTED = ("red", "yellow", "green", "standing", "on_time", "late")


def _units() -> QuerySet[MemberUnit]:
    return MemberUnit.objects.filter(is_active=True).order_by("order")


def supervision_by_unit(items: QuerySet[ActionItem] | None = None, *, today: datetime.date | None = None) -> list[dict]:
    """Per active unit, as lead: red, yellow, green and standing items in hand, items closed on
    time and late; `open` is the dated work in hand (red + yellow + green), `lights` the four
    counts in hand with their Light, most urgent first. Two grouped queries.

    `items` is the item list's filter (source, status, light, lead unit, meeting): single-valued
    relations only, so each item is one row and is counted without DISTINCT, which would make
    PostgreSQL sort every item in hand instead of hashing the groups."""
    items = items if items is not None else ActionItem.objects.all()
    rows = {unit.pk: {"unit": unit, **dict.fromkeys(COUNTED, 0)} for unit in _units()}
    in_hand = (
        items.with_light(today)
        .exclude(status__in=ActionItem.FINISHED_STATUSES)
        .order_by()
        .values("lead_unit", "light")
        .annotate(n=Count("pk"))
    )
    for group in in_hand:
        if group["lead_unit"] in rows:
            rows[group["lead_unit"]][group["light"]] += group["n"]
    closed_day = TruncDate("closed_at", tzinfo=timezone.get_current_timezone())
    on_time = Q(deadline__isnull=True) | Q(closed_day__lte=F("deadline"))
    closed = (
        items.filter(status=ActionItem.Status.CLOSED, closed_at__isnull=False)
        .annotate(closed_day=closed_day)
        .order_by()
        .values("lead_unit")
        .annotate(on_time=Count("pk", filter=on_time), late=Count("pk", filter=~on_time))
    )
    for group in closed:
        if group["lead_unit"] in rows:
            rows[group["lead_unit"]]["on_time"] += group["on_time"]
            rows[group["lead_unit"]]["late"] += group["late"]
    for row in rows.values():
        row["open"] = sum(row[light.value] for light in OPEN_LIGHTS)
        row["lights"] = [(light, row[light.value]) for light in (*OPEN_LIGHTS, Light.STANDING)]
    return list(rows.values())


def supervision_totals(rows: list[dict]) -> dict:
    return {key: sum(row[key] for row in rows) for key in (*COUNTED, "open")}


def red_items(items: QuerySet[ActionItem], *, today: datetime.date | None = None) -> QuerySet[ActionItem]:
    """The red items among `items`, overdue longest first, with their escalations."""
    today = today or timezone.localdate()
    return (
        items.with_light(today)
        .filter(grading.red_bound(today=today), light=Light.RED)
        .select_related("lead_unit")
        .prefetch_related("escalations")
        .order_by("deadline", "pk")
    )


def circular_snapshot(period_start: datetime.date, period_end: datetime.date) -> list[dict]:
    """Per unit (as lead): items completed in the period, items overdue at its end, the red items
    (graded as of the period's end), and the number of items in hand that are not overdue."""
    closed_in_period = Q(status=ActionItem.Status.CLOSED, closed_at__date__range=(period_start, period_end))
    items = (
        ActionItem.objects.filter(closed_in_period | ~Q(status__in=ActionItem.FINISHED_STATUSES))
        .with_light(period_end)
        .order_by("deadline", "pk")
    )
    by_unit: dict[int, list[ActionItem]] = {}
    for item in items:
        by_unit.setdefault(item.lead_unit_id, []).append(item)
    rows = []
    for unit in _units():
        own = by_unit.get(unit.pk, [])
        completed = [i for i in own if i.status == ActionItem.Status.CLOSED]
        open_items = [i for i in own if i.status not in ActionItem.FINISHED_STATUSES]
        overdue = [i for i in open_items if i.deadline and i.deadline < period_end]
        if not (completed or open_items):
            continue
        rows.append(
            {
                "unit": unit.short_name,
                "completed": [{"title": i.title, "on_time": bool(i.closed_on_time)} for i in completed],
                "overdue": [{"title": i.title, "deadline": str(i.deadline)} for i in overdue],
                "red": [{"title": i.title, "deadline": str(i.deadline)} for i in open_items if i.light == Light.RED],
                "in_hand": len(open_items) - len(overdue),
            }
        )
    return rows
