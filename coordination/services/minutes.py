"""Minutes (会议纪要): the draft with its agreed items and revisions, issue as a numbered 公文, its PDF."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import tasks
from coordination.documents import minutes_document
from coordination.errors import DomainError, StaleEdit
from coordination.models import ActionItem, AgreedItem, Meeting, MemberUnit, Minutes, MinutesRevision
from coordination.official import render_pdf

from .common import audit, check, liaison_users, lock, take_number, validated
from .notifications import notification_send
from .outbox import outbox_enqueue


def _save_agreed_items(minutes: Minutes, items: list[dict]) -> list[dict]:
    """Replace the agreed items; returns their snapshot for the revision."""
    if not items:
        raise DomainError(_("会议纪要至少要有一项议定事项。"))
    minutes.agreed_items.all().delete()
    snapshot = []
    for order, data in enumerate(items, start=1):
        lead = data.get("lead_unit")
        if lead is None or not lead.is_active:
            raise DomainError(_("第%(n)s项议定事项须指定一个现有成员单位作为牵头单位。") % {"n": order})
        co_units = [u for u in data.get("co_units", []) if u.pk != lead.pk]
        item = AgreedItem(
            minutes=minutes,
            order=order,
            title=(data.get("title") or "").strip(),
            lead_unit=lead,
            deadline=data.get("deadline"),
            expected_result=(data.get("expected_result") or "").strip(),
        )
        if not item.title or not item.deadline:
            raise DomainError(_("第%(n)s项议定事项须填写事项内容和完成时限。") % {"n": order})
        validated(item).save()
        item.co_units.set(co_units)
        snapshot.append(
            {
                "order": order,
                "title": item.title,
                "lead_unit": lead.short_name,
                "co_units": [u.short_name for u in sorted(co_units, key=lambda u: u.order)],
                "deadline": str(item.deadline),
                "expected_result": item.expected_result,
            }
        )
    return snapshot


def _revise(minutes: Minutes, actor, title: str, body: str, items: list[dict], note: str) -> MinutesRevision:
    minutes.title, minutes.body = title.strip(), body.strip()
    if not minutes.title or not minutes.body:
        raise DomainError(_("请填写纪要标题和正文。"))
    validated(minutes).save()
    snapshot = _save_agreed_items(minutes, items)
    return MinutesRevision.objects.create(
        minutes=minutes,
        version=minutes.version,
        title=minutes.title,
        body=minutes.body,
        agreed_items=snapshot,
        note=note,
        created_by=actor,
    )


@transaction.atomic
def minutes_draft(*, actor, meeting: Meeting, title: str, body: str, agreed_items: list[dict]) -> Minutes:
    """Start the minutes of a held meeting (version 1)."""
    meeting = lock(meeting)
    check("minutes.draft", actor, meeting)
    minutes = Minutes(meeting=meeting, title=title, body=body, copies_to=settings.PORTAL_MINUTES_COPIES_TO)
    _revise(minutes, actor, title, body, agreed_items, note=_("初稿"))
    audit.record(minutes, "coordination.minutes.draft", actor=actor, changes={"version": 1})
    return minutes


@transaction.atomic
def minutes_revise(
    *, actor, minutes: Minutes, base_version: int, title: str, body: str, agreed_items: list[dict], note: str = ""
) -> Minutes:
    """Save a new revision of the draft.

    `base_version` is the version the editor started from; if someone saved since, the save is
    refused with `StaleEdit` carrying the current revision, and nothing is written. Revising while
    a consent round is open closes that round (the units must see the new text).
    """
    minutes = lock(minutes)
    check("minutes.revise", actor, minutes)
    if base_version != minutes.version:
        raise StaleEdit(minutes.revisions.get(version=minutes.version))
    superseded = minutes.consent_rounds.filter(closed_at__isnull=True).first()
    if superseded:
        superseded.closed_at = timezone.now()
        superseded.save(update_fields=["closed_at"])
        minutes.status = Minutes.Status.DRAFT
    minutes.version += 1
    _revise(minutes, actor, title, body, agreed_items, note=note)
    audit.record(
        minutes,
        "coordination.minutes.revise",
        actor=actor,
        changes={"version": minutes.version, "closed_round": superseded.number if superseded else None},
        note=note,
    )
    return minutes


@transaction.atomic
def minutes_issue(*, actor, minutes: Minutes, reported_on: datetime.date) -> Minutes:
    """Issue the agreed minutes: freeze, number, create the action items, notify, report upward.

    The 文号 comes from the minutes series of the issue year inside this transaction, so a
    failure anywhere here leaves neither a number used nor half-created action items.
    """
    minutes = lock(minutes)
    check("minutes.issue", actor, minutes)
    now = timezone.now()
    if reported_on > timezone.localdate(now):
        raise DomainError(_("上报区政府的日期不能晚于今天。"))
    year = timezone.localdate(now).year
    minutes.doc_number = settings.PORTAL_MINUTES_NUMBER_PATTERN.format(year=year, serial=take_number("minutes", year))
    minutes.status, minutes.issued_at, minutes.issued_by, minutes.reported_on = (
        Minutes.Status.ISSUED,
        now,
        actor,
        reported_on,
    )
    validated(minutes).save()
    for item in minutes.agreed_items.prefetch_related("co_units"):
        action = ActionItem.objects.create(
            source=ActionItem.Source.AGREED_ITEM,
            agreed_item=item,
            title=item.title,
            description=item.expected_result,
            lead_unit=item.lead_unit,
            deadline=item.deadline,
            original_deadline=item.deadline,
            source_reference=f"{minutes.doc_number} 第{item.order}项",
        )
        action.co_units.set(item.co_units.all())
    Meeting.objects.filter(pk=minutes.meeting_id).update(status=Meeting.Status.MINUTES_ISSUED)
    assigned = AgreedItem.objects.filter(minutes=minutes)
    units = MemberUnit.objects.filter(
        Q(attendances__meeting=minutes.meeting_id)
        | Q(pk__in=assigned.values("lead_unit"))
        | Q(pk__in=assigned.values("co_units"))
    ).distinct()
    notification_send(
        recipients=liaison_users(units),
        title=_("会议纪要已印发：%(number)s") % {"number": minutes.doc_number},
        body=_("%(title)s 已印发，本单位承担的议定事项已列入督办。") % {"title": minutes.title},
        url=minutes.get_absolute_url(),
    )
    audit.record(
        minutes,
        "coordination.minutes.issue",
        actor=actor,
        changes={
            "doc_number": minutes.doc_number,
            "reported_on": str(reported_on),
            "action_items": minutes.agreed_items.count(),
        },
    )
    outbox_enqueue(tasks.render_minutes_pdf, minutes.pk)
    return minutes


@transaction.atomic
def minutes_pdf_request(*, minutes_id: int) -> None:
    """Ask for the minutes' PDF to be rendered (a download found none stored yet)."""
    outbox_enqueue(tasks.render_minutes_pdf, minutes_id)


def minutes_store_pdf(*, minutes_id: int) -> bool:
    """Render the minutes' PDF into storage if what it prints changed since the last rendering.

    Rendering takes a second or two, so it runs outside the row lock; the lock is taken only to
    store the result, and a concurrent rendering of the same content is simply not stored twice.
    """
    minutes = Minutes.objects.select_related("meeting").get(pk=minutes_id)
    document = minutes_document(minutes)
    digest = document.fingerprint()
    if minutes.pdf and minutes.pdf_fingerprint == digest:
        return False
    content = render_pdf(document)
    with transaction.atomic():
        minutes = lock(minutes)
        if minutes.pdf_fingerprint == digest and minutes.pdf:
            return False
        name = f"{minutes.meeting.year}-{minutes.meeting.number}-minutes.pdf"
        minutes.pdf.save(name, ContentFile(content), save=False)
        minutes.pdf_fingerprint = digest
        minutes.save(update_fields=["pdf", "pdf_fingerprint"])
    return True
