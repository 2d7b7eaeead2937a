"""The day's reminder digests: one notification per unit's liaison, and one per office member.

Entries are gathered as plain tuples while the scan reads its rows; only the links a digest shows
(`DIGEST_LINKS` at most) are formatted, so the cost of a digest does not grow with the items.
"""

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext as _

from coordination import cadence, permissions
from coordination.models import Liaison, Notification, ReminderDigest

from .notifications import notifications_deliver

# A digest lists this many entries with their links; the rest are counted and found in the lists.
DIGEST_LINKS = 50

ITEM, OFFICE, CO_OPINION = "item", "office", "co_opinion"


class Entry(NamedTuple):
    due: datetime.date
    title: str
    pk: int  # the item's, or the proposal's for a co-units' opinion
    kind: str = ITEM
    unit: str = ""  # the lead unit's short name, in the office's digest


class Digests:
    """The day's entries per unit and for the office, sent as one digest each by `send()`."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.units: dict[int, list[Entry]] = defaultdict(list)
        self.office: list[Entry] = []

    def add(self, unit_ids, entry: Entry) -> None:
        for unit_id in unit_ids:
            self.units[unit_id].append(entry)

    def send(self) -> int:
        """A `ReminderDigest` row per digest and a notification per recipient; returns how many digests."""
        liaisons = defaultdict(list)
        for unit_id, user_id in Liaison.objects.active().filter(unit__in=list(self.units)).values_list("unit", "user"):
            liaisons[unit_id].append(user_id)
        office = list(permissions.office_users().values_list("pk", flat=True)) if self.office else []
        digests = [ReminderDigest(unit_id=unit, day=self.today, entries=len(rows)) for unit, rows in self.units.items()]
        if self.office:
            digests.append(ReminderDigest(unit=None, day=self.today, entries=len(self.office)))
        ReminderDigest.objects.bulk_create(digests)
        notifications = []
        for unit, entries in self.units.items():
            message = self._unit_message(entries)
            notifications += [Notification(recipient_id=user, **message) for user in liaisons[unit]]
        if office:
            message = self._office_message()
            notifications += [Notification(recipient_id=user, **message) for user in office]
        notifications_deliver(notifications)
        return len(digests)

    def _unit_message(self, entries: list[Entry]) -> dict:
        counts = _("即将到期 %(coming)s 项，今日到期 %(due)s 项，已逾期 %(overdue)s 项。") % {
            "coming": sum(entry.due > self.today for entry in entries),
            "due": sum(entry.due == self.today for entry in entries),
            "overdue": sum(entry.due < self.today for entry in entries),
        }
        return {
            "title": _("督办提醒（%(day)s）：%(n)s 项事项需要办理") % {"day": self.today, "n": len(entries)},
            "body": counts + self._more(len(entries)),
            "url": reverse("workbench:items"),
            "links": self._links(entries),
        }

    def _office_message(self) -> dict:
        weeks = cadence.overdue_weeks()
        return {
            "title": _("逾期满 %(w)s 周仍未办结：%(n)s 项") % {"w": weeks, "n": len(self.office)},
            "body": _("这些事项已逾期 %(w)s 周以上，已不再向承办单位重复提醒，请办公室督办。") % {"w": weeks}
            + self._more(len(self.office)),
            "url": reverse("workbench:red_list"),
            "links": self._links(self.office),
        }

    def _links(self, entries: list[Entry]) -> list[dict]:
        return [self._link(entry) for entry in sorted(entries)[:DIGEST_LINKS]]

    def _link(self, entry: Entry) -> dict:
        if entry.kind == CO_OPINION:
            days = (entry.due - self.today).days
            title = _("协办意见将在 %(n)s 天后到期：%(t)s") % {"n": days, "t": entry.title}
            return {"title": title, "url": reverse("workbench:proposal", args=[entry.pk])}
        state = cadence.state_label(entry.due, self.today)
        if entry.kind == OFFICE:
            title = _("%(unit)s：%(title)s（完成时限 %(d)s，%(state)s）") % {
                "unit": entry.unit,
                "title": entry.title,
                "d": entry.due,
                "state": state,
            }
        else:
            title = _("%(state)s：%(title)s（完成时限 %(d)s）") % {"state": state, "title": entry.title, "d": entry.due}
        return {"title": title, "url": reverse("workbench:item", args=[entry.pk])}

    @staticmethod
    def _more(count: int) -> str:
        if count <= DIGEST_LINKS:
            return ""
        return _("下列 %(shown)s 项之外另有 %(n)s 项，请在列表中查看。") % {
            "shown": DIGEST_LINKS,
            "n": count - DIGEST_LINKS,
        }
