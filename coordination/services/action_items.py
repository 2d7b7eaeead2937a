"""Action items (督办事项): assignment, progress, completion, return, cancel."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError
from coordination.models import ActionItem, MemberUnit, ProgressAttachment, ProgressReport
from coordination.uploads import validate_upload

from .common import TEXT_LENGTH, audit, check, clean_text, liaison_users, lock, required_text, validated
from .notifications import notification_send


def item_units(item: ActionItem) -> list[MemberUnit]:
    """The lead unit first, then the co-units: everyone who owes work on the item."""
    return [item.lead_unit, *item.co_units.all()]


@transaction.atomic
def action_item_create(
    *,
    actor,
    title: str,
    lead_unit: MemberUnit,
    co_units: Iterable[MemberUnit] = (),
    deadline: datetime.date | None,
    description: str = "",
    source: str = ActionItem.Source.OFFICE,
    source_reference: str = "",
    towns_carry_out: bool = False,
) -> ActionItem:
    """The office assigns work directly, or records a standing measure of a policy."""
    check("item.create", actor)
    item = ActionItem(
        source=source,
        title=title.strip(),
        description=clean_text(description, max_length=TEXT_LENGTH),
        lead_unit=lead_unit,
        deadline=deadline,
        original_deadline=deadline,
        source_reference=source_reference,
        towns_carry_out=towns_carry_out,
    )
    validated(item).save()
    item.co_units.set([u for u in co_units if u.pk != lead_unit.pk])
    notification_send(
        recipients=liaison_users(item_units(item)),
        title=_("新的督办事项：%(t)s") % {"t": item.title},
        body=item.description,
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.create", actor=actor, changes={"lead_unit": lead_unit.short_name})
    return item


@transaction.atomic
def action_item_report_progress(
    *,
    actor,
    item: ActionItem,
    unit: MemberUnit,
    text: str,
    percent: int | None = None,
    completion: bool = False,
    files: Iterable = (),
) -> ProgressReport:
    """A lead or co-unit reports progress; only the lead unit reports completion.

    Every upload is checked before anything is written, so a rejected file leaves no report behind.
    """
    item = lock(item)
    check("item.report", actor, item, unit=unit, completion=completion)
    text = required_text(text, _("请填写进展情况。"), max_length=TEXT_LENGTH)
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(_("完成进度应在 0 到 100 之间。"))
    files = list(files)
    kinds = [validate_upload(upload) for upload in files]
    report = ProgressReport.objects.create(
        action_item=item,
        unit=unit,
        author=actor,
        text=text,
        percent=100 if completion else percent,
        is_completion=completion,
    )
    for upload, kind in zip(files, kinds, strict=True):
        ProgressAttachment.objects.create(
            report=report, file=upload, name=upload.name[:200], kind=kind, size=upload.size
        )
    if completion:
        item.status = ActionItem.Status.COMPLETION_REPORTED
    elif item.status == ActionItem.Status.OPEN:
        item.status = ActionItem.Status.IN_PROGRESS
    item.save(update_fields=["status"])
    is_lead = unit.pk == item.lead_unit_id
    notification_send(
        recipients=list(permissions.office_users()) if is_lead else liaison_users([item.lead_unit]),
        title=_("%(unit)s 报告了进展：%(t)s") % {"unit": unit.short_name, "t": item.title},
        body=report.text,
        url=item.get_absolute_url(),
    )
    audit.record(
        item,
        "coordination.item.report",
        actor=actor,
        changes={"unit": unit.short_name, "completion": completion, "status": item.status},
    )
    return report


@transaction.atomic
def action_item_close(*, actor, item: ActionItem) -> ActionItem:
    """The office accepts a reported completion (办结)."""
    item = lock(item)
    check("item.close", actor, item)
    item.status, item.closed_at, item.status_reason = ActionItem.Status.CLOSED, timezone.now(), ""
    item.save(update_fields=["status", "closed_at", "status_reason"])
    notification_send(
        recipients=liaison_users([item.lead_unit]),
        title=_("事项已办结：%(t)s") % {"t": item.title},
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.close", actor=actor, changes={"status": item.status})
    return item


@transaction.atomic
def action_item_return(*, actor, item: ActionItem, reason: str) -> ActionItem:
    """The office sends a reported completion back to the lead unit, saying why."""
    item = lock(item)
    check("item.return", actor, item)
    reason = required_text(reason, _("退回须说明理由。"))
    item.status, item.status_reason = ActionItem.Status.IN_PROGRESS, reason
    item.save(update_fields=["status", "status_reason"])
    notification_send(
        recipients=liaison_users([item.lead_unit]),
        title=_("事项被退回：%(t)s") % {"t": item.title},
        body=reason,
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.return", actor=actor, changes={"status": item.status}, note=reason)
    return item


@transaction.atomic
def action_item_cancel(*, actor, item: ActionItem, reason: str) -> ActionItem:
    """The office withdraws an item (撤销), saying why; every unit on it is told."""
    item = lock(item)
    check("item.cancel", actor, item)
    reason = required_text(reason, _("撤销须说明理由。"))
    item.status, item.status_reason = ActionItem.Status.CANCELLED, reason
    item.save(update_fields=["status", "status_reason"])
    notification_send(
        recipients=liaison_users(item_units(item)),
        title=_("事项已撤销：%(t)s") % {"t": item.title},
        body=reason,
        url=item.get_absolute_url(),
    )
    audit.record(item, "coordination.item.cancel", actor=actor, changes={"status": item.status}, note=reason)
    return item
