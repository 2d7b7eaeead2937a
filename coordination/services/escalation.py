"""Escalation (升级督办): red items reported to the convenors and the office, once per deadline.

Run daily by the scheduler (`escalate_red_items`). Each item is one transaction: the `Escalation`
row (unique per item and deadline) commits with its notifications and audit entry, so a rerun,
a second scheduler or a retried task finds the row and sends nothing twice. What "once" means
when a deadline moves is said on the model (`coordination.models.Escalation`).
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import audit, permissions
from coordination.grading import Light
from coordination.models import ActionItem, Escalation

from .notifications import notification_send

logger = logging.getLogger(__name__)


def escalation_recipients() -> list:
    """The convenors (召集人) and the office's staff."""
    users = [*permissions.users_in_role(permissions.Role.CONVENOR), *permissions.office_users()]
    return list({user.pk: user for user in users}.values())


def red_items_escalate(*, today: datetime.date | None = None) -> int:
    """Escalate every red item not yet escalated under its current deadline; returns how many."""
    today = today or timezone.localdate()
    escalated = Escalation.objects.filter(action_item=OuterRef("pk"), deadline=OuterRef("deadline"))
    items = (
        ActionItem.objects.with_light(today)
        .filter(light=Light.RED)
        .exclude(Exists(escalated))
        .select_related("lead_unit")
        .order_by("deadline", "pk")
    )
    recipients = escalation_recipients()
    sent = 0
    for item in items:
        sent += _escalate(item, recipients=recipients, today=today)
    logger.info("escalation for %s: %d red items escalated", today, sent)
    return sent


def _escalate(item: ActionItem, *, recipients: list, today: datetime.date) -> bool:
    days = (item.deadline - today).days
    state = _("已逾期 %(n)s 天") % {"n": -days} if days < 0 else _("%(n)s 天后到期且进度滞后") % {"n": days}
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(action_item=item, deadline=item.deadline)
            notification_send(
                recipients=recipients,
                title=_("红灯事项升级督办：%(t)s") % {"t": item.title},
                body=_("牵头单位：%(u)s；完成时限：%(d)s；%(s)s。")
                % {"u": item.lead_unit.short_name, "d": item.deadline, "s": state},
                url=item.get_absolute_url(),
            )
            audit.record(
                item,
                "coordination.item.escalate",
                actor=None,
                changes={"deadline": str(escalation.deadline), "lead_unit": item.lead_unit.short_name},
            )
    except IntegrityError:  # escalated meanwhile by another run
        return False
    return True
