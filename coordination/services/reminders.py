"""Scheduled reminders: the daily scan of deadlines in digests, and the office's weekly digest.

The daily scan (`reminders_send`) works in a constant number of queries whatever the number of
items: the stage of every item is computed in SQL (`coordination.cadence`), the stages sent are
inserted with one INSERT … SELECT, and each unit's liaisons get one digest listing that day's items.
Everything commits in one transaction; the unique keys on `ReminderLog` (item, deadline, stage) and
`ReminderDigest` (unit, day) make a rerun, a second scheduler or a retried task send nothing twice:
a concurrent scan fails on them and rolls back.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, DateField, DateTimeField, Exists, F, OuterRef, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import cadence, permissions, workdays
from coordination.models import (
    ActionItem,
    CoOpinion,
    DigestLog,
    Proposal,
    ReminderDigest,
    ReminderLog,
)

from .common import insert_select
from .notifications import notification_send
from .reminder_digests import CO_OPINION, DIGEST_LINKS, OFFICE, Digests, Entry

logger = logging.getLogger(__name__)


def _once(log_row, **notification) -> bool:
    """Save the log row and send the notification together, or nothing if the row exists."""
    try:
        with transaction.atomic():
            log_row.save()
            notification_send(**notification)
    except IntegrityError:
        return False
    return True


def _not_sent(items, *, deadline: str = "deadline"):
    """`items` (annotated with `stage`) whose stage has not gone out under that deadline."""
    sent = ReminderLog.objects.filter(action_item=OuterRef("pk"), deadline=OuterRef(deadline), stage=OuterRef("stage"))
    return items.exclude(Exists(sent))


def _insert_sent(items, *, today: datetime.date, deadline: str = "deadline") -> None:
    """Record the stage of every row of `items` as sent today, with one INSERT … SELECT."""
    rows = items.annotate(
        sent_deadline=F(deadline),
        sent_day=Value(today, output_field=DateField()),
        sent_now=Value(timezone.now(), output_field=DateTimeField()),
    ).values_list("pk", "stage", "sent_deadline", "sent_day", "sent_now")
    insert_select(ReminderLog, ["action_item", "stage", "deadline", "day", "sent_at"], rows)


def _co_opinions_due(today: datetime.date):
    """Items of proposals whose co-units' opinions fall due within the reminder days."""
    field = "proposal__co_opinion_deadline"
    items = ActionItem.objects.open().filter(
        proposal__co_opinion_deadline__gt=today, proposal__co_opinion_deadline__lte=cadence.reminded_until(today)
    )
    return _not_sent(items.annotate(stage=cadence.co_opinion_expression(today, field)), deadline=field)


def reminders_send(*, today: datetime.date | None = None) -> int:
    """The daily scan: each open item's current cadence stage, if not yet sent, in one digest per
    unit (its liaisons) and one to the office; returns how many stages went out. Runs on working
    days only (unless PORTAL_REMINDERS_WORKDAYS_ONLY is off); a second run on a day that had its
    digests sends nothing."""
    today = today or timezone.localdate()
    if settings.PORTAL_REMINDERS_WORKDAYS_ONLY and not workdays.is_workday(today):
        logger.info("reminders for %s: not a working day, nothing sent", today)
        return 0
    if ReminderDigest.objects.filter(kind=ReminderDigest.Kind.REMINDERS, day=today).exists():
        logger.info("reminders for %s: the day's digests went out already", today)
        return 0
    try:
        with transaction.atomic():
            sent, digests = _scan(today)
    except IntegrityError:  # another scan of the same day committed first
        logger.info("reminders for %s: sent meanwhile by another run", today)
        return 0
    logger.info("reminders for %s: %d stages in %d digests", today, sent, digests)
    return sent


def _scan(today: datetime.date) -> tuple[int, int]:
    open_items = ActionItem.objects.open().filter(deadline__isnull=False)
    units = _not_sent(
        open_items.filter(deadline__lte=cadence.reminded_until(today)).annotate(stage=cadence.stage_expression(today))
    )
    office = _not_sent(
        open_items.filter(deadline__lte=cadence.office_deadline(today)).annotate(stage=Value(cadence.OFFICE))
    )
    opinions = _co_opinions_due(today)
    digests = Digests(today)
    sent = 0

    co_units = defaultdict(list)
    links = ActionItem.co_units.through.objects.filter(actionitem__in=units.values("pk"))
    for item_id, unit_id in links.values_list("actionitem", "memberunit"):
        co_units[item_id].append(unit_id)
    for pk, title, deadline, lead_unit in units.values_list("pk", "title", "deadline", "lead_unit"):
        digests.add((lead_unit, *co_units[pk]), Entry(deadline, title, pk))
        sent += 1
    for pk, title, deadline, unit in office.values_list("pk", "title", "deadline", "lead_unit__short_name"):
        digests.office.append(Entry(deadline, title, pk, OFFICE, unit))
        sent += 1

    sent += _add_co_opinions(digests, opinions, today)
    # The log rows after the reads above: inserting first would hide the rows from their own queries.
    _insert_sent(units, today=today)
    _insert_sent(office, today=today)
    _insert_sent(opinions, today=today, deadline="proposal__co_opinion_deadline")
    return sent, digests.send()


def _add_co_opinions(digests: Digests, opinions, today: datetime.date) -> int:
    """Co-units that have not given their opinion on a proposal due soon; returns how many proposals."""
    fields = ("proposal", "proposal__title", "proposal__co_opinion_deadline")
    proposals = {row[0]: row for row in opinions.values_list(*fields)}
    if not proposals:
        return 0
    given = set(CoOpinion.objects.filter(proposal__in=list(proposals)).values_list("proposal", "unit"))
    waiting = Proposal.co_units.through.objects.filter(proposal__in=list(proposals)).values_list(
        "proposal", "memberunit"
    )
    sent = set()
    for proposal_id, unit_id in waiting:
        if (proposal_id, unit_id) not in given:
            _pk, title, due = proposals[proposal_id]
            digests.add([unit_id], Entry(due, title, proposal_id, CO_OPINION))
            sent.add(proposal_id)
    return len(sent)


def office_digest_send(*, today: datetime.date | None = None) -> bool:
    """Weekly: tell the office how many items are overdue and how many fall due in the coming week,
    listing the most overdue first (`DIGEST_LINKS` at most) with links. Once per week."""
    today = today or timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    week_end = today + datetime.timedelta(days=7)
    items = ActionItem.objects.open().filter(deadline__isnull=False, deadline__lte=week_end)
    counts = items.aggregate(
        overdue=Count("pk", filter=Q(deadline__lt=today)), coming=Count("pk", filter=Q(deadline__gte=today))
    )
    listed = items.order_by("deadline", "pk").values_list("pk", "title", "deadline", "lead_unit__short_name")
    links = [
        {
            "title": f"{unit} {title}（{deadline}，{cadence.state_label(deadline, today)}）",
            "url": reverse("workbench:item", args=[pk]),
        }
        for pk, title, deadline, unit in listed[:DIGEST_LINKS]
    ]
    sent = _once(
        DigestLog(week=week_start),
        recipients=permissions.office_users(),
        title=_("督办周报：逾期 %(o)s 项，一周内到期 %(c)s 项") % {"o": counts["overdue"], "c": counts["coming"]},
        body=_("按完成时限排列，列出前 %(n)s 项；全部事项见督办页面。") % {"n": len(links)},
        url=reverse("workbench:supervision"),
        links=links,
    )
    logger.info("office digest for the week of %s: %s", week_start, "sent" if sent else "already sent")
    return sent
