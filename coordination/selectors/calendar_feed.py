"""What a personal calendar feed carries: recent and coming meetings and deadlines only, so a
calendar app is not handed years of history (issue 16 measured 533 KB of long-overdue items).

Calendar apps poll every feed often; the file is kept in the cache per token until a meeting, an
action item, a liaison term, a role or the token changes (coordination/invalidation.py bumps
FEEDS), and at most FEED_SECONDS, so the window still moves with the date.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

from portal.generations import Generation

from .. import calendar
from . import liaison_unit, meetings_visible_to, unit_obligations

MEETINGS_BACK = datetime.timedelta(days=90)
DEADLINES_BACK = datetime.timedelta(days=30)  # older overdue items are the workbench's, not the calendar's
AHEAD = datetime.timedelta(days=400)
FEEDS = Generation("calendar:generation")
FEED_SECONDS = 3600


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


def feed_ics(token) -> str:
    """The iCalendar file of a `CalendarToken`'s owner, from the cache when nothing changed since."""
    key = f"calendar:feed:{FEEDS.current()}:{token.token}"
    ics = cache.get(key)
    if ics is None:
        meetings, items = calendar_entries(token.user)
        ics = calendar.meetings_ics(meetings, name="联席会议", items=items)
        cache.set(key, ics, FEED_SECONDS)
    return ics
