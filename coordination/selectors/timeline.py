"""An action item's timeline: everything that happened to it, oldest first.

Built from the audit trail (creation, update, return, closing, cancelling, with the office's
reason) and from the dated rows that carry more than the audit entry does (progress reports with
their text and percent, urgings and their acknowledgement, extension requests and decisions).
Progress reports follow `reports_visible_to`: a co-unit sees its own and the lead unit's only.
Whoever may open the item sees its timeline; the item page is the only place it is shown.
"""

import dataclasses
import datetime

from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from .. import audit
from ..models import ActionItem, ExtensionRequest, MemberUnit
from . import reports_visible_to

# Transitions whose audit entry is the record; the others are told from their own rows.
AUDITED = ("create", "update", "return", "close", "cancel")


@dataclasses.dataclass(frozen=True)
class Event:
    at: datetime.datetime
    kind: str  # for the page's styling: created, report, completion, urge, acknowledged, extension, return, …
    label: str
    actor: str = ""
    text: str = ""


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _label(action: str) -> str:
    return str(audit.ACTIONS[f"coordination.item.{action}"][0])


def item_timeline(user, item: ActionItem, unit: MemberUnit | None) -> list[Event]:
    """What happened to `item`, oldest first, as `user` (acting for `unit`, if any) may see it."""
    events = []
    entries = ModelLogEntry.objects.for_instance(item).select_related("user")
    entries = entries.filter(action__in=[f"coordination.item.{a}" for a in AUDITED])
    for entry in entries:
        action = entry.action.rsplit(".", 1)[1]
        events.append(
            Event(entry.timestamp, action, _label(action), _name(entry.user), (entry.data or {}).get("note", ""))
        )
    if not any(event.kind == "create" for event in events):
        # Items of issued minutes and of proposals are created with their source, not by a create call.
        source = f"{item.get_source_display()} {item.source_reference}".strip()
        events.append(Event(item.created_at, "create", _("列入督办"), text=source))
    for report in reports_visible_to(user, item, unit).prefetch_related(None):
        label = _("报办结") if report.is_completion else _label("report")
        percent = f"（{report.percent}%）" if report.percent is not None and not report.is_completion else ""
        kind = "completion" if report.is_completion else "report"
        events.append(
            Event(report.created_at, kind, f"{label}{percent}", _actor(report.author, report.unit), report.text)
        )
    for urge in item.urges.select_related("unit", "sent_by", "acknowledged_by"):
        label = _("催办 %(unit)s") % {"unit": urge.unit.short_name}
        events.append(Event(urge.sent_at, "urge", label, _name(urge.sent_by), urge.text))
        if urge.acknowledged_at:
            ack = _actor(urge.acknowledged_by, urge.unit)
            events.append(Event(urge.acknowledged_at, "acknowledged", _label("urge_acknowledge"), ack))
    for request in item.extension_requests.select_related("requested_by", "decided_by"):
        label = _("申请延期至 %(d)s") % {"d": f"{request.new_deadline:%Y-%m-%d}"}
        events.append(Event(request.created_at, "extension", label, _name(request.requested_by), request.reason))
        if request.status != ExtensionRequest.Status.PENDING and request.decided_at:
            label = _("延期申请：%(decision)s") % {"decision": request.get_status_display()}
            events.append(
                Event(request.decided_at, "decision", label, _name(request.decided_by), request.decision_note)
            )
    return sorted(events, key=lambda event: event.at)


def _actor(user, unit: MemberUnit) -> str:
    return f"{unit.short_name} {_name(user)}".strip()
