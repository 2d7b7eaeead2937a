"""Scheduled reminders: deadlines coming and passed, co-units' opinions, the office's weekly digest.

Each reminder is one transaction: its log row (unique per item, kind and day, or per week) and its
notifications commit together, so a second scheduler or a retried task finds the row and sends
nothing twice.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.models import ActionItem, DigestLog, ReminderLog

from .action_items import item_units
from .common import liaison_users
from .notifications import notification_send

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


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind liaisons of items due in N days (settings) and, daily, of overdue ones. Idempotent."""
    today = today or timezone.localdate()
    due = {f"before_{days}": today + datetime.timedelta(days=days) for days in settings.PORTAL_REMINDER_DAYS}
    items = ActionItem.objects.open().filter(deadline__isnull=False).select_related("lead_unit")
    sent = 0
    for item in items.filter(Q(deadline__in=list(due.values())) | Q(deadline__lt=today)).prefetch_related("co_units"):
        kind = "overdue" if item.deadline < today else next(k for k, d in due.items() if d == item.deadline)
        days = (item.deadline - today).days
        title = (
            _("事项已逾期 %(n)s 天：%(t)s") % {"n": -days, "t": item.title}
            if days < 0
            else _("事项将在 %(n)s 天后到期：%(t)s") % {"n": days, "t": item.title}
        )
        sent += _once(
            ReminderLog(action_item=item, kind=kind, day=today),
            recipients=liaison_users(item_units(item)),
            title=title,
            body=_("完成时限：%(d)s") % {"d": item.deadline},
            url=item.get_absolute_url(),
        )
    for item in (
        ActionItem.objects.open()
        .filter(proposal__co_opinion_deadline__in=list(due.values()))
        .select_related("proposal")
    ):
        proposal = item.proposal
        given = set(proposal.co_opinions.values_list("unit_id", flat=True))
        waiting = [unit for unit in proposal.co_units.all() if unit.pk not in given]
        if not waiting:
            continue
        days = (proposal.co_opinion_deadline - today).days
        sent += _once(
            ReminderLog(action_item=item, kind=f"co_opinion_{days}", day=today),
            recipients=liaison_users(waiting),
            title=_("协办意见将在 %(n)s 天后到期：%(t)s") % {"n": days, "t": proposal.title},
            url=proposal.get_absolute_url(),
        )
    logger.info("reminders for %s: %d sent", today, sent)
    return sent


def office_digest_send(*, today: datetime.date | None = None) -> bool:
    """Weekly: tell the office what is overdue and what falls due in the coming week. Once per week."""
    today = today or timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    items = list(ActionItem.objects.open().filter(deadline__isnull=False).select_related("lead_unit"))
    overdue = [i for i in items if i.deadline < today]
    coming = [i for i in items if today <= i.deadline <= today + datetime.timedelta(days=7)]
    lines = [_("逾期 %(n)s 项：") % {"n": len(overdue)}]
    lines += [f"· {i.lead_unit.short_name} {i.title}（{i.deadline}）" for i in overdue]
    lines += [_("未来一周到期 %(n)s 项：") % {"n": len(coming)}]
    lines += [f"· {i.lead_unit.short_name} {i.title}（{i.deadline}）" for i in coming]
    sent = _once(
        DigestLog(week=week_start),
        recipients=permissions.office_users(),
        title=_("督办周报：逾期 %(o)s 项，一周内到期 %(c)s 项") % {"o": len(overdue), "c": len(coming)},
        body="\n".join(lines),
        url=reverse("workbench:supervision"),
    )
    logger.info("office digest for the week of %s: %s", week_start, "sent" if sent else "already sent")
    return sent
