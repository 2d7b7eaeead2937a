"""Escalation (升级督办): red items reported to the convenors and the office, once per deadline.

Run daily by the scheduler (`escalate_red_items`). One transaction escalates every item that turned
red: its `Escalation` row (unique per item and deadline), its audit entry, and one digest a day to
each convenor and office member listing that day's escalations (`ReminderDigest`, unique per kind
and day), so a rerun, a second scheduler or a retried task finds the rows and sends nothing twice;
a run racing another fails on the day's digest and rolls back. What "once" means when a deadline
moves is said on the model (`coordination.models.Escalation`).
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, OuterRef, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import audit, cadence, permissions
from coordination.grading import Light
from coordination.models import ActionItem, Escalation, Notification, ReminderDigest

from .common import insert_select
from .notifications import notifications_deliver
from .reminder_digests import DIGEST_LINKS

logger = logging.getLogger(__name__)


def escalation_recipients() -> list:
    """The convenors (召集人) and the office's staff."""
    users = [*permissions.users_in_role(permissions.Role.CONVENOR), *permissions.office_users()]
    return list({user.pk: user for user in users}.values())


def red_items_escalate(*, today: datetime.date | None = None) -> int:
    """Escalate every red item not yet escalated under its current deadline; returns how many.

    A second run on a day that had its digest sends nothing: what turns red later that day goes out
    the next day."""
    today = today or timezone.localdate()
    if ReminderDigest.objects.filter(kind=ReminderDigest.Kind.ESCALATIONS, day=today).exists():
        return 0
    try:
        with transaction.atomic():
            sent = _escalate(today)
    except IntegrityError:  # escalated meanwhile by another run
        return 0
    logger.info("escalation for %s: %d red items escalated", today, sent)
    return sent


def _escalate(today: datetime.date) -> int:
    escalated = Escalation.objects.filter(action_item=OuterRef("pk"), deadline=OuterRef("deadline"))
    items = ActionItem.objects.with_light(today).filter(light=Light.RED).exclude(Exists(escalated))
    rows = list(items.order_by("deadline", "pk").values_list("pk", "title", "deadline", "lead_unit__short_name"))
    if not rows:
        return 0
    now = Value(timezone.now(), output_field=DateTimeField())
    insert_select(
        Escalation,
        ["action_item", "deadline", "escalated_at"],
        items.annotate(now=now).values_list("pk", "deadline", "now"),
    )
    audit.record_many(
        ActionItem,
        "coordination.item.escalate",
        [(pk, title, {"deadline": str(deadline), "lead_unit": unit}) for pk, title, deadline, unit in rows],
    )
    ReminderDigest.objects.create(kind=ReminderDigest.Kind.ESCALATIONS, unit=None, day=today, entries=len(rows))
    message = _digest(rows, today)
    notifications_deliver(Notification(recipient=user, **message) for user in escalation_recipients())
    return len(rows)


def _digest(rows: list[tuple], today: datetime.date) -> dict:
    links = []
    for pk, title, deadline, unit in rows[:DIGEST_LINKS]:
        days = (deadline - today).days
        state = cadence.state_label(deadline, today) if days <= 0 else _("%(n)s 天后到期且进度滞后") % {"n": days}
        label = _("%(unit)s：%(title)s（完成时限 %(d)s，%(state)s）") % {
            "unit": unit,
            "title": title,
            "d": deadline,
            "state": state,
        }
        links.append({"title": label, "url": reverse("workbench:item", args=[pk])})
    more = len(rows) - len(links)
    body = _("以下事项已亮红灯，首次报召集人和办公室。")
    if more:
        body += _("下列 %(shown)s 项之外另有 %(n)s 项，请在列表中查看。") % {"shown": len(links), "n": more}
    return {
        "title": _("红灯事项升级督办：%(n)s 项") % {"n": len(rows)},
        "body": body,
        "url": reverse("workbench:red_list"),
        "links": links,
    }
