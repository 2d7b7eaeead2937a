"""Extensions of a deadline (延期) and urging (催办) with its acknowledgement."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError
from coordination.models import ActionItem, ExtensionRequest, MemberUnit, Urge

from .action_items import item_units
from .common import audit, check, liaison_users, lock, required_text
from .notifications import notification_send


@transaction.atomic
def extension_request(*, actor, item: ActionItem, reason: str, new_deadline: datetime.date) -> ExtensionRequest:
    """The lead unit asks for more time; one request at a time."""
    item = lock(item)
    check("item.request_extension", actor, item)
    if new_deadline <= item.deadline:
        raise DomainError(_("申请的新时限须晚于现在的时限。"))
    reason = required_text(reason, _("请说明延期理由。"))
    request = ExtensionRequest.objects.create(
        action_item=item, requested_by=actor, reason=reason, new_deadline=new_deadline
    )
    audit.record(
        item,
        "coordination.item.extension_request",
        actor=actor,
        changes={"new_deadline": str(new_deadline)},
        note=reason,
    )
    return request


@transaction.atomic
def extension_decide(*, actor, request: ExtensionRequest, approve: bool, note: str = "") -> ExtensionRequest:
    """The office approves (the deadline moves; the original stays on record) or refuses."""
    request = lock(request)
    check("extension.decide", actor, request)
    if not approve and not note.strip():
        raise DomainError(_("不同意延期须说明理由。"))
    request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    item = lock(request.action_item)
    if approve:
        item.deadline = request.new_deadline
        item.save(update_fields=["deadline"])
    notification_send(
        recipients=liaison_users([item.lead_unit]),
        title=_("延期申请%(d)s：%(t)s") % {"d": request.get_status_display(), "t": item.title},
        body=note,
        url=item.get_absolute_url(),
    )
    audit.record(
        item,
        "coordination.item.extension_decide",
        actor=actor,
        changes={"approved": approve, "deadline": str(item.deadline)},
        note=note,
    )
    return request


@transaction.atomic
def action_item_urge(*, actor, item: ActionItem, unit: MemberUnit, text: str) -> Urge:
    """The office urges a unit (催办); the unit's liaison must acknowledge it."""
    check("item.urge", actor, item)
    if unit not in item_units(item):
        raise DomainError(_("%(unit)s 不承担此事项。") % {"unit": unit})
    text = required_text(text, _("请填写催办内容。"))
    urge = Urge.objects.create(action_item=item, unit=unit, text=text, sent_by=actor)
    notification_send(
        recipients=liaison_users([unit]),
        title=_("催办通知：%(t)s") % {"t": item.title},
        body=text,
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.urge", actor=actor, changes={"unit": unit.short_name}, note=text)
    return urge


@transaction.atomic
def urge_acknowledge(*, actor, urge: Urge) -> Urge:
    """The urged unit's liaison confirms they have seen the urging."""
    urge = lock(urge)
    check("urge.acknowledge", actor, urge)
    urge.acknowledged_by, urge.acknowledged_at = actor, timezone.now()
    urge.save(update_fields=["acknowledged_by", "acknowledged_at"])
    audit.record(
        urge.action_item, "coordination.item.urge_acknowledge", actor=actor, changes={"unit": urge.unit.short_name}
    )
    return urge
