"""Agenda topics (议题): units propose, the office accepts, defers or declines, and orders them."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from coordination.errors import DomainError, InvalidState
from coordination.models import AgendaTopic, Meeting, MemberUnit, TopicAttachment
from coordination.uploads import validate_upload

from .common import TEXT_LENGTH, audit, check, clean_text, liaison_users, lock, validated
from .notifications import notification_send


@transaction.atomic
def topic_propose(
    *,
    actor,
    meeting: Meeting,
    unit: MemberUnit | None,
    title: str,
    background: str,
    decision_requested: str,
    files: Iterable = (),
) -> AgendaTopic:
    """A unit proposes a topic before the deadline; the office (unit None) may add its own until the meeting."""
    meeting = lock(meeting)
    check("topic.propose", actor, meeting, unit=unit)
    if unit is not None and not meeting.attendances.filter(unit=unit).exists():
        raise InvalidState(_("本单位未被邀请参加此次会议。"))
    files = list(files)
    for upload in files:
        validate_upload(upload)  # before anything is written: a bad file saves nothing
    topic = AgendaTopic(
        meeting=meeting,
        unit=unit,
        title=title.strip(),
        background=clean_text(background, max_length=TEXT_LENGTH),
        decision_requested=clean_text(decision_requested, max_length=TEXT_LENGTH),
        proposed_by=actor,
    )
    validated(topic).save()
    for upload in files:
        TopicAttachment.objects.create(topic=topic, file=upload, name=upload.name[:200])
    audit.record(topic, "coordination.topic.propose", actor=actor, changes={"title": topic.title})
    return topic


def _topic_decision(actor, topic: AgendaTopic, status: str, reason: str) -> AgendaTopic:
    # Lock the meeting before the topic: two decisions on one agenda must not take the same slot.
    meeting = lock(topic.meeting)
    topic = lock(topic)
    topic.meeting = meeting
    check("topic.decide", actor, topic, decision=status)
    reason = clean_text(reason)
    if status != AgendaTopic.Status.ACCEPTED and not reason:
        raise DomainError(_("暂缓或不予列入议程，须说明理由。"))
    topic.status, topic.reason = status, reason
    if status == AgendaTopic.Status.ACCEPTED:
        last = meeting.topics.aggregate(last=Max("agenda_order"))["last"] or 0
        topic.agenda_order = last + 1
    else:
        topic.agenda_order = None
    topic.save(update_fields=["status", "reason", "agenda_order"])
    audit.record(topic, f"coordination.topic.{status}", actor=actor, changes={"status": status}, note=topic.reason)
    if topic.unit_id:
        notification_send(
            recipients=liaison_users([topic.unit]),
            title=_("议题“%(title)s”：%(status)s") % {"title": topic.title, "status": topic.get_status_display()},
            body=topic.reason,
            url=meeting.get_absolute_url(),
        )
    return topic


@transaction.atomic
def topic_accept(*, actor, topic: AgendaTopic) -> AgendaTopic:
    """Put a topic on the agenda, after the topics already there."""
    return _topic_decision(actor, topic, AgendaTopic.Status.ACCEPTED, "")


@transaction.atomic
def topic_defer(*, actor, topic: AgendaTopic, reason: str) -> AgendaTopic:
    """Keep a topic for a later meeting, saying why."""
    return _topic_decision(actor, topic, AgendaTopic.Status.DEFERRED, reason)


@transaction.atomic
def topic_decline(*, actor, topic: AgendaTopic, reason: str) -> AgendaTopic:
    """Refuse a topic, saying why."""
    return _topic_decision(actor, topic, AgendaTopic.Status.DECLINED, reason)


@transaction.atomic
def agenda_reorder(*, actor, meeting: Meeting, topic_ids: list[int]) -> None:
    """Set the order of the accepted topics; the list must name each of them once."""
    meeting = lock(meeting)
    check("agenda.change", actor, meeting)
    accepted = {t.pk: t for t in meeting.topics.select_for_update().filter(status=AgendaTopic.Status.ACCEPTED)}
    if sorted(topic_ids) != sorted(accepted):
        raise DomainError(_("议程顺序须包含全部已列入议程的议题，且每个只出现一次。"))
    # Two passes keep the (meeting, agenda_order) constraint satisfied while slots are swapped.
    AgendaTopic.objects.filter(pk__in=topic_ids).update(agenda_order=None)
    for position, pk in enumerate(topic_ids, start=1):
        AgendaTopic.objects.filter(pk=pk).update(agenda_order=position)
    audit.record(meeting, "coordination.meeting.reorder_agenda", actor=actor, changes={"order": topic_ids})


@transaction.atomic
def topic_carry_over(*, actor, topic: AgendaTopic, meeting: Meeting) -> AgendaTopic:
    """Put a topic deferred at an earlier meeting on this meeting's agenda, as the office's one decision.

    The new topic keeps the unit, text and attachments and points back to the deferred one, which
    can be carried over once (a database constraint as well as the rule).
    """
    meeting = lock(meeting)
    topic = lock(topic)
    check("topic.carry_over", actor, topic, meeting=meeting)
    last = meeting.topics.aggregate(last=Max("agenda_order"))["last"] or 0
    carried = AgendaTopic(
        meeting=meeting,
        unit=topic.unit,
        title=topic.title,
        background=topic.background,
        decision_requested=topic.decision_requested,
        status=AgendaTopic.Status.ACCEPTED,
        agenda_order=last + 1,
        proposed_by=topic.proposed_by,
        carried_from=topic,
    )
    validated(carried).save()
    TopicAttachment.objects.bulk_create(
        TopicAttachment(topic=carried, file=a.file.name, name=a.name) for a in topic.attachments.all()
    )
    audit.record(
        carried,
        "coordination.topic.carry_over",
        actor=actor,
        changes={"from_meeting": str(topic.meeting), "from_topic": topic.pk, "to_meeting": str(meeting)},
    )
    return carried
