"""Extensions of a deadline (延期) and urging (催办) with its acknowledgement."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError
from coordination.models import ActionItem, ExtensionRequest, MemberUnit, Urge

from .action_items import item_units
from .common import NOTE_LENGTH, audit, check, clean_text, liaison_users, lock, required_text
from .notifications import notification_send


@transaction.atomic
def extension_request(*, actor, item: ActionItem, reason: str, new_deadline: datetime.date) -> ExtensionRequest:
    """The lead unit asks for more time; one request at a time."""
    item = lock(item)
    check("item.request_extension", actor, item)
    if new_deadline <= item.deadline:
        raise DomainError(_("申请的新时限须晚于现在的时限。"))
    reason = required_text(reason, _("请说明延期理由。"), max_length=NOTE_LENGTH)
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
    note = clean_text(note)
    if not approve and not note:
        raise DomainError(_("不同意延期须说明理由。"))
    request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
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
    return _urge(actor, item, unit, required_text(text, _("请填写催办内容。"), max_length=NOTE_LENGTH))


@transaction.atomic
def action_items_urge(*, actor, items: Iterable[ActionItem], text: str, co_units: bool = False) -> list[Urge]:
    """The office urges the lead unit (and, if asked, the co-units) of several items with one text.

    All or nothing: if any item may not be urged now (finished meanwhile, say), nothing is sent and
    the refusal names that item, so the office sees exactly what to take off the selection.
    """
    items = list(ActionItem.objects.select_for_update().filter(pk__in=[i.pk for i in items]).order_by("pk"))
    check("item.urge_many", actor, items)
    for item in items:
        try:
            check("item.urge", actor, item)
        except DomainError as error:
            raise type(error)(
                _("《%(t)s》：%(reason)s 没有发出任何催办。") % {"t": item.title, "reason": error.message}
            ) from error
    text = required_text(text, _("请填写催办内容。"), max_length=NOTE_LENGTH)
    return [
        _urge(actor, item, unit, text)
        for item in items
        for unit in (item_units(item) if co_units else [item.lead_unit])
    ]


def _urge(actor, item: ActionItem, unit: MemberUnit, text: str) -> Urge:
    urge = Urge.objects.create(action_item=item, unit=unit, text=text, sent_by=actor)
    notification_send(
        recipients=liaison_users([unit]),
        title=_("催办通知：%(t)s") % {"t": item.title},
        body=text,
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.urge", actor=actor, changes={"unit": urge.unit.short_name}, note=text)
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
