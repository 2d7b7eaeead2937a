"""Action items (督办事项) over two years, their co-units and the units' progress reports."""

import datetime

from django.utils import timezone

from coordination.models import ActionItem, Liaison, ProgressReport

from .bulk import Progress, own_stamps
from .vocabulary import Writer

STATUSES_PAST = [
    (ActionItem.Status.CLOSED, 45),
    (ActionItem.Status.CANCELLED, 5),
    (ActionItem.Status.COMPLETION_REPORTED, 15),
    (ActionItem.Status.IN_PROGRESS, 20),
    (ActionItem.Status.OPEN, 15),
]
STATUSES_AHEAD = [
    (ActionItem.Status.OPEN, 35),
    (ActionItem.Status.IN_PROGRESS, 50),
    (ActionItem.Status.COMPLETION_REPORTED, 10),
    (ActionItem.Status.CLOSED, 5),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _status(rng, deadline: datetime.date, today: datetime.date) -> str:
    choices = STATUSES_PAST if deadline < today else STATUSES_AHEAD
    return rng.choices([s for s, _ in choices], weights=[w for _, w in choices])[0]


def action_items(count: int, units: list, writer: Writer, progress: Progress, today: datetime.date) -> list:
    rng = writer.rng
    items, co_units = [], []
    for _ in range(count):
        deadline = today + datetime.timedelta(days=rng.randint(-420, 240))
        created = min(deadline - datetime.timedelta(days=rng.randint(30, 180)), today)
        status = _status(rng, deadline, today)
        closed = None
        if status == ActionItem.Status.CLOSED:
            closed = _at(min(today, deadline + datetime.timedelta(days=rng.randint(-25, 10))), 15)
        lead = rng.choice(units)
        measure = rng.random() < 0.3
        items.append(
            ActionItem(
                source=ActionItem.Source.STANDING_MEASURE if measure else ActionItem.Source.OFFICE,
                source_reference=f"陈社救联发〔{created.year}〕{rng.randint(1, 40)}号 第{rng.randint(1, 12)}条"
                if measure
                else "",
                title=writer.item_title(),
                description=writer.paragraph((1, 3)),
                lead_unit=lead,
                deadline=deadline,
                original_deadline=deadline,
                status=status,
                created_at=_at(created, 9),
                closed_at=closed,
            )
        )
        co_units.append(rng.sample([u for u in units if u != lead], rng.choice([0, 0, 1, 1, 2, 3])))
    with own_stamps(ActionItem._meta.get_field("created_at")):
        progress.insert("action items", ActionItem, items)
    through = ActionItem.co_units.through
    progress.insert(
        "item co-units",
        through,
        [
            through(actionitem_id=i.pk, memberunit_id=u.pk)
            for i, chosen in zip(items, co_units, strict=True)
            for u in chosen
        ],
    )
    return list(zip(items, co_units, strict=True))


def progress_reports(count: int, items_with_co_units: list, writer: Writer, progress: Progress, today) -> None:
    """`count` reports spread over the items, each by the lead or a co-unit's liaison, percent rising."""
    rng = writer.rng
    authors = dict(Liaison.objects.active().values_list("unit_id", "user_id"))
    now = timezone.now()
    reports = []
    for _ in range(count):
        item, co = rng.choice(items_with_co_units)
        unit = rng.choice([item.lead_unit, *co])
        end = item.closed_at or min(now, _at(item.deadline, 18))
        start = item.created_at
        moment = start + (end - start) * rng.random() if end > start else start
        elapsed = (moment - start) / (end - start) if end > start else 1
        percent = min(100, int(elapsed * 100)) if rng.random() < 0.8 else None
        reports.append(
            ProgressReport(
                action_item=item,
                unit=unit,
                author_id=authors[unit.pk],
                text=writer.progress(percent),
                percent=percent,
                is_completion=percent == 100,
                created_at=moment,
            )
        )
    with own_stamps(ProgressReport._meta.get_field("created_at")):
        progress.insert("progress reports", ProgressReport, reports)
