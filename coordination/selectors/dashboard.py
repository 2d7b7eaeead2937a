"""The workbench home: for each role the user holds, what they should do next.

A section that can grow with the data is a `Shortlist`: its first `HOME_ROWS` rows and the count of
all of them, so the home shows the most urgent few and links to the full list. Every section costs
a fixed number of queries, however many rows it holds.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .. import permissions
from ..grading import Light
from ..models import (
    ActionItem,
    AgendaTopic,
    ConsentAnswer,
    ConsentRound,
    DisclosureRequest,
    ExtensionRequest,
    Meeting,
    MemberUnit,
    Proposal,
    Reply,
    Urge,
)
from ..rules.meetings import OPEN_MEETING
from . import liaison_unit, pending_consents
from .disclosure_requests import disclosures_due
from .supervision import red_items

# How many rows a home section lists; its count covers them all and a link leads to the rest.
HOME_ROWS = 10


@dataclasses.dataclass
class Shortlist:
    """The first rows of a home section and how many there are in all."""

    rows: list
    total: int

    @property
    def rest(self) -> int:
        return self.total - len(self.rows)


def first_rows(queryset: QuerySet, limit: int = HOME_ROWS, *, offset: int = 0) -> list:
    """`limit` rows of `queryset` (ordered down to the primary key) from `offset`, found by key first.

    The keys are sorted without the joined rows; only the rows kept are read and joined. Sorting
    the joined rows, PostgreSQL misjudged how many items are red (the light is a computed CASE)
    and joined every candidate to the units by a nested loop.
    """
    return list(queryset.filter(pk__in=queryset.values("pk")[offset : offset + limit]))


def shortlist(queryset: QuerySet, limit: int = HOME_ROWS) -> Shortlist:
    """Two queries, whatever the number of rows: the first `limit` rows and the count."""
    return Shortlist(rows=first_rows(queryset, limit), total=queryset.count())


@dataclasses.dataclass
class LiaisonHome:
    """What a unit owes: dated items by light (most urgent first), standing measures apart,
    consent requests, urgings to acknowledge, and work the office sent back with its reason."""

    unit: MemberUnit
    items: Shortlist
    lights: dict[str, int]
    standing: Shortlist
    consents: list[ConsentAnswer]
    urges: Shortlist
    returned_items: Shortlist
    returned_topics: list[AgendaTopic]

    @property
    def returned_count(self) -> int:
        return self.returned_items.total + len(self.returned_topics)


@dataclasses.dataclass
class OfficeHome:
    consent_rounds: list[ConsentRound]
    completions: Shortlist
    extensions: Shortlist
    topics: list[AgendaTopic]
    late_minutes: list[Meeting]
    returned_proposals: Shortlist
    disclosures_due: list[DisclosureRequest]  # information requests overdue or due within the first reminder


@dataclasses.dataclass
class Home:
    liaison: LiaisonHome | None = None
    sign_offs: Shortlist | None = None
    office: OfficeHome | None = None
    red_items: Shortlist | None = None


def home_for(user, *, today: datetime.date | None = None) -> Home:
    """Every section of the home the user's roles call for (a user may hold several)."""
    today = today or timezone.localdate()
    home = Home()
    unit = liaison_unit(user)
    if unit is not None:
        home.liaison = liaison_home(user, unit, today=today)
    signed_units = list(permissions.units_signed_off_by(user))
    if signed_units:
        home.sign_offs = replies_awaiting_sign_off(signed_units)
    if permissions.is_office(user):
        home.office = office_home(today=today)
    if permissions.can_oversee(user):
        home.red_items = shortlist(red_items(ActionItem.objects.all(), today=today))
    return home


def liaison_home(user, unit: MemberUnit, *, today: datetime.date) -> LiaisonHome:
    owed = (
        ActionItem.objects.open()
        .for_unit(unit)
        .with_light(today)
        .select_related("lead_unit")
        .order_by("light_rank", "deadline", "pk")
    )
    # Standing measures have no deadline, hence no light to compute: their list shows the title and
    # the unit's part, oldest first (what the graded order gives them too).
    standing = ActionItem.objects.open().for_unit(unit).filter(deadline__isnull=True).order_by("pk")
    dated = owed.exclude(light=Light.STANDING)
    returned = owed.filter(lead_unit=unit, status=ActionItem.Status.IN_PROGRESS).exclude(status_reason="")
    # One grouped count gives the lights of the dated items, their total and the standing measures'.
    counts = {group["light"]: group["n"] for group in owed.order_by().values("light").annotate(n=Count("pk"))}
    lights = {light.value: counts.get(light.value, 0) for light in (Light.RED, Light.YELLOW, Light.GREEN)}
    consents = list(pending_consents(user).order_by("round__deadline"))
    urges = shortlist(
        Urge.objects.filter(unit=unit, acknowledged_at__isnull=True)
        .exclude(action_item__status__in=ActionItem.FINISHED_STATUSES)
        .select_related("action_item")
        .order_by("sent_at", "pk")
    )
    topics = list(
        AgendaTopic.objects.filter(
            unit=unit,
            status__in=(AgendaTopic.Status.DEFERRED, AgendaTopic.Status.DECLINED),
            meeting__status__in=OPEN_MEETING,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    return LiaisonHome(
        unit=unit,
        items=Shortlist(rows=first_rows(dated), total=sum(lights.values())),
        lights=lights,
        standing=Shortlist(rows=first_rows(standing), total=counts.get(Light.STANDING.value, 0)),
        consents=consents,
        urges=urges,
        returned_items=shortlist(returned),
        returned_topics=topics,
    )


def replies_awaiting_sign_off(units) -> Shortlist:
    """Drafted replies of the units a leader signs for (签发), oldest draft first."""
    return shortlist(
        Reply.objects.filter(unit__in=units, status=Reply.Status.DRAFT)
        .select_related("proposal", "unit")
        .order_by("updated_at", "pk")
    )


def office_home(*, today: datetime.date) -> OfficeHome:
    answers = Prefetch("answers", queryset=ConsentAnswer.objects.select_related("unit"))
    rounds = list(
        ConsentRound.objects.filter(closed_at__isnull=True)
        .select_related("minutes")
        .prefetch_related(answers)
        .order_by("deadline", "pk")
    )
    for round_ in rounds:
        round_.waiting = [a.unit for a in round_.answers.all() if a.answer == ConsentAnswer.Answer.PENDING]
        round_.objections = [a for a in round_.answers.all() if a.answer == ConsentAnswer.Answer.CHANGES]
    due_days = datetime.timedelta(days=settings.PORTAL_MINUTES_DUE_DAYS)
    held_before = timezone.make_aware(datetime.datetime.combine(today - due_days, datetime.time.max))
    late = list(
        Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__lte=held_before)
        .select_related("minutes")
        .order_by("starts_at", "pk")
    )
    for meeting in late:
        meeting.days_since = (today - timezone.localdate(meeting.starts_at)).days
        meeting.draft = meeting.minutes if hasattr(meeting, "minutes") else None  # select_related: no query
    return OfficeHome(
        consent_rounds=rounds,
        completions=shortlist(
            ActionItem.objects.filter(status=ActionItem.Status.COMPLETION_REPORTED)
            .select_related("lead_unit")
            .order_by("deadline", "pk")
        ),
        extensions=shortlist(
            ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING)
            .select_related("action_item__lead_unit")
            .order_by("created_at", "pk")
        ),
        topics=list(
            AgendaTopic.objects.filter(status=AgendaTopic.Status.PROPOSED, meeting__status__in=OPEN_MEETING)
            .select_related("meeting", "unit")
            .order_by("meeting__starts_at", "proposed_at", "pk")
        ),
        late_minutes=late,
        returned_proposals=shortlist(
            Proposal.objects.filter(status=Proposal.Status.ASSIGNED)
            .exclude(return_reason="")
            .select_related("lead_unit")
            .order_by("assigned_on", "pk")
        ),
        disclosures_due=list(disclosures_due(today=today)),
    )
