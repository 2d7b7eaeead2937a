"""Load data for measuring the portal at ten times a district's volume (`manage.py generate_load_data`).

Added on top of the demo (`load_demo`): its 27 units, their liaisons and its page tree are reused,
and everything here is bulk-inserted: `pages` (policy pages and their attachments), `proposals`
(suggestions and proposals with reply letters), `supervision` (action items and progress reports).
Text comes from `vocabulary`; the same seed gives the same rows on the same day (dates are counted
back and forward from today, so deadlines are overdue or ahead as in a live system).
"""

import dataclasses
import random

from django.db import transaction
from django.utils import timezone

from coordination.models import Liaison, MemberUnit

from ..models import PolicyDocumentPage, PolicyIndexPage
from .bulk import Progress, Serials
from .pages import SLUG_PREFIX, policy_pages
from .proposals import proposals
from .supervision import action_items, progress_reports
from .vocabulary import Writer


@dataclasses.dataclass(frozen=True)
class Sizes:
    policies: int = 2000
    proposals: int = 5000
    items: int = 20000
    reports: int = 60000


class NotReady(Exception):
    """The database cannot take load data (no demo, or load data already there)."""


def check_ready() -> list[MemberUnit]:
    units = list(MemberUnit.objects.filter(is_active=True).order_by("order"))
    if not units or not PolicyIndexPage.objects.exists():
        raise NotReady("no demo data here: run `manage.py load_demo` first (load data reuses its units and pages)")
    if {u.pk for u in units} - set(Liaison.objects.active().values_list("unit_id", flat=True)):
        raise NotReady("every active unit needs a liaison (run `manage.py load_demo`)")
    if PolicyDocumentPage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise NotReady("load data is already in this database: generate it into a fresh copy of the demo")
    return units


@transaction.atomic
def generate(sizes: Sizes, seed: int, progress: Progress) -> dict[str, int]:
    units = check_ready()
    writer = Writer(random.Random(seed))
    serials = Serials()
    today = timezone.localdate()
    _pages, index_numbers = policy_pages(sizes.policies, writer, serials, progress, today)
    proposals(sizes.proposals, units, writer, serials, progress, today, index_numbers)
    items = action_items(sizes.items, units, writer, progress, today)
    if items:
        progress_reports(sizes.reports, items, writer, progress, today)
    serials.reserve()
    return dataclasses.asdict(sizes)
