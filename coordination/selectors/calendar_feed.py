"""What a personal calendar feed carries: recent and coming meetings and deadlines only, so a
calendar app is not handed years of history (issue 16 measured 533 KB of long-overdue items)."""

import datetime

from django.utils import timezone

from . import liaison_unit, meetings_visible_to, unit_obligations

MEETINGS_BACK = datetime.timedelta(days=90)
DEADLINES_BACK = datetime.timedelta(days=30)  # older overdue items are the workbench's, not the calendar's
AHEAD = datetime.timedelta(days=400)


def calendar_entries(user, *, now: datetime.datetime | None = None) -> tuple:
    """The user's meetings and, for a liaison, the unit's open deadlines, within the window."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meetings = meetings_visible_to(user).filter(starts_at__gte=now - MEETINGS_BACK, starts_at__lte=now + AHEAD)
    unit = liaison_unit(user)
    items = (
        unit_obligations(unit).filter(deadline__gte=today - DEADLINES_BACK, deadline__lte=today + AHEAD) if unit else []
    )
    return meetings, items
