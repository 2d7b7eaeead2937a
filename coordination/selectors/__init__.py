"""Every read of the coordination domain that carries a rule (who sees what, in which order)."""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .. import permissions, rules, scheduling
from ..models import (
    ActionItem,
    AgendaTopic,
    Circular,
    ConsentAnswer,
    Meeting,
    MemberUnit,
    Minutes,
    Proposal,
    Reply,
    ScheduledJobRun,
)
from ..models.expressions import InSubquery
from ..permissions import liaison_unit as liaison_unit
from ..personal_data import mask_phones
from .proposal_figures import proposal_figures as proposal_figures
from .supervision import circular_snapshot as circular_snapshot
from .supervision import red_items as red_items
from .supervision import supervision_by_unit as supervision_by_unit
from .supervision import supervision_totals as supervision_totals


def active_units() -> QuerySet[MemberUnit]:
    """The current member units in notice order."""
    return MemberUnit.objects.filter(is_active=True).order_by("order")


def disclosed_replies() -> QuerySet[Reply]:
    """Replies the public may read, newest first, with what their lists show."""
    return Reply.objects.disclosed().select_related("proposal", "unit").order_by("-reply_date", "-pk")


def public_reply_fields(reply: Reply) -> dict:
    """The fields of a disclosed reply as the public sees them.

    Fields named in `PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS` are emptied; in every other text, phone
    numbers in any notation are masked (see `personal_data`). The proposers' own contact details
    are not part of a reply and never shown.
    """
    hidden = set(settings.PORTAL_REPLY_PUBLIC_HIDDEN_FIELDS)
    fields = {
        "title": reply.title,
        "unit": reply.unit.full_name,
        "doc_number": reply.doc_number,
        "signer": "" if "signer" in hidden else reply.signer,
        "reply_date": reply.reply_date,
        "category": reply.category,
        "category_label": reply.get_category_display(),
        "addressee": "" if "addressee" in hidden else reply.addressee,
        "proposal_title": reply.proposal.title,
        "session": reply.proposal.session,
        "number": reply.proposal.number,
        "kind": reply.proposal.get_kind_display(),
        "body": reply.body,
        "contact_person": "" if "contact_person" in hidden else reply.contact_person,
        "contact_phone": "" if "contact_phone" in hidden else reply.contact_phone,
        "copies_to": reply.copies_to,
        "index_number": reply.index_number,
        "imported": reply.imported,  # its body is the whole letter, its own opening included
    }
    shown_as_is = {"contact_phone"}  # shown only where the deployment chose to publish it
    return {
        key: mask_phones(value) if isinstance(value, str) and key not in shown_as_is else value
        for key, value in fields.items()
    }


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """The office and convenors see every meeting; a liaison those their unit is invited to, once
    the notice has gone out: a meeting still being prepared (筹备中) is the office's draft."""
    meetings = Meeting.objects.select_related("chair").order_by("-starts_at")
    if permissions.can_oversee(user):
        return meetings
    unit = liaison_unit(user)
    if unit is None:
        return meetings.none()
    return meetings.filter(attendances__unit=unit, notified_at__isnull=False)


def topics_visible_to(user, meeting: Meeting) -> QuerySet[AgendaTopic]:
    """A liaison sees their own unit's proposals and the agenda; other units' proposals stay private."""
    topics = meeting.topics.select_related("unit").order_by("agenda_order", "proposed_at")
    if permissions.can_oversee(user):
        return topics
    unit = liaison_unit(user)
    own = Q(unit=unit) if unit else Q(pk__in=[])
    return topics.filter(own | Q(status=AgendaTopic.Status.ACCEPTED))


def minutes_visible_to(user) -> QuerySet[Minutes]:
    """The office and convenors see every draft; a liaison of an invited unit sees the minutes
    once they have been circulated for consent (or issued), not the office's first draft."""
    minutes = Minutes.objects.select_related("meeting")
    if permissions.can_oversee(user):
        return minutes
    unit = liaison_unit(user)
    if unit is None:
        return minutes.none()
    circulated = Q(consent_rounds__isnull=False) | Q(status=Minutes.Status.ISSUED)
    invited = Q(circulated, meeting__attendances__unit=unit)
    # A unit given an agreed item is asked for consent even when it was not invited.
    return minutes.filter(invited | Q(consent_rounds__answers__unit=unit)).distinct()


def circulars_visible_to(user) -> QuerySet[Circular]:
    """A circular (通报) goes to every unit: the office, convenors and current liaisons read it."""
    if rules.can("circular.read", user):
        return Circular.objects.select_related("issued_by")
    return Circular.objects.none()


def consent_overview(minutes: Minutes):
    """The open (or latest) round with every unit's answer, for the office's one-screen view."""
    round_ = minutes.consent_rounds.order_by("-number").first()
    if round_ is None:
        return None, []
    return round_, list(round_.answers.select_related("unit", "answered_by"))


def pending_consents(user) -> QuerySet[ConsentAnswer]:
    """Consent requests the user's unit has not answered yet."""
    unit = liaison_unit(user)
    if unit is None:
        return ConsentAnswer.objects.none()
    return ConsentAnswer.objects.filter(
        unit=unit, answer=ConsentAnswer.Answer.PENDING, round__closed_at__isnull=True
    ).select_related("round__minutes")


def action_items_visible_to(user) -> QuerySet[ActionItem]:
    """Convenors and the office see every item; a liaison the items their unit leads or supports."""
    items = ActionItem.objects.select_related("lead_unit").prefetch_related("co_units")
    if permissions.can_oversee(user):
        return items
    unit = liaison_unit(user)
    return items.for_unit(unit) if unit else items.none()


def reports_visible_to(user, item: ActionItem, unit: MemberUnit | None):
    """An item's progress reports: all for the lead unit and overseers; a co-unit sees its own and the lead's."""
    reports = item.reports.select_related("unit", "author").prefetch_related("attachments")
    if unit is not None and unit.pk != item.lead_unit_id and not permissions.can_oversee(user):
        reports = reports.filter(unit__in=[unit, item.lead_unit])
    return reports


def unit_obligations(unit: MemberUnit) -> QuerySet[ActionItem]:
    """What a unit owes: open items it leads or supports, most urgent light first, then by deadline."""
    return (
        ActionItem.objects.open()
        .for_unit(unit)
        .with_light()
        .select_related("lead_unit")
        .prefetch_related("co_units")
        .order_by("light_rank", "deadline", "pk")
    )


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """The office and convenors see all; a liaison what their unit leads or supports; a leader what they sign off."""
    proposals = Proposal.objects.select_related("lead_unit").prefetch_related("co_units")
    if permissions.can_oversee(user):
        return proposals
    # Build the condition only from what the user holds: `Q(co_units=None)` would match every
    # proposal without co-units, which is how a leader once read other units' drafts.
    visible = Q(lead_unit__in=permissions.unit_ids_signed_off_by(user))
    unit = liaison_unit(user)
    if unit is not None:
        # Co-units by a subquery: a join would repeat rows and need DISTINCT over every column.
        supported = Proposal.co_units.through.objects.filter(memberunit=unit).values("proposal_id")
        visible |= Q(lead_unit=unit) | Q(InSubquery("pk", supported))
    return proposals.filter(visible)


def unit_by_name(name: str | None) -> MemberUnit | None:
    """A unit by its full or short name as a letter writes it ("宝鸡市陈仓区民政局", "区民政局")."""
    if not name:
        return None
    return MemberUnit.objects.filter(Q(full_name=name) | Q(short_name=name)).first()


def scheduled_jobs(*, now: datetime.datetime | None = None) -> dict:
    """The last run of each scheduled job and of the scheduler itself, and whether any is late.

    For /healthz and the office's dashboard: `late` is true when the scheduler has not ticked for
    longer than expected, or a job has been due longer than `PORTAL_SCHEDULER_LATE_AFTER_SECONDS`.
    Each job: name, label, last_started_at, last_success_at, succeeded, error, state (ok, late,
    never, failed).
    """
    now = now or timezone.now()
    runs = {run.name: run for run in ScheduledJobRun.objects.all()}
    beat = runs.get(scheduling.SCHEDULER)
    scheduler = {
        "name": scheduling.SCHEDULER,
        "label": scheduling.LABELS[scheduling.SCHEDULER],
        "last_tick_at": beat and beat.finished_at,
        "late": scheduling.heartbeat_is_late(beat and beat.finished_at, now),
    }
    scheduler["state"] = "never" if beat is None else "late" if scheduler["late"] else "ok"
    jobs = []
    for name, spec in settings.PORTAL_SCHEDULE.items():
        run = runs.get(name)
        last_success = run and run.last_success_at
        since = scheduling.due_since(spec, last_success=last_success, now=now)
        late = last_success is not None and since is not None and now - since > scheduling.late_after()
        if run is None:
            state = "never"
        elif late:
            state = "late"
        elif run.succeeded is False:
            state = "failed"
        else:
            state = "ok"
        jobs.append(
            {
                "name": name,
                "label": scheduling.LABELS.get(name, name),
                "last_started_at": run and run.started_at,
                "last_success_at": last_success,
                "succeeded": run and run.succeeded,
                "error": run.error if run else "",
                "state": state,
                "late": late,
            }
        )
    return {"late": scheduler["late"] or any(job["late"] for job in jobs), "scheduler": scheduler, "jobs": jobs}
