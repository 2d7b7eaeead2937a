"""Reads of the meeting cycle: deferred topics waiting for a later meeting, and the sign-in order."""

from django.db.models import QuerySet

from ..models import AgendaTopic, Attendance, Meeting


def deferred_topics_for(meeting: Meeting) -> QuerySet[AgendaTopic]:
    """Topics deferred (暂缓) at earlier meetings and not yet carried to any meeting, oldest first:
    what the office is offered to carry onto this meeting's agenda."""
    return (
        AgendaTopic.objects.filter(
            status=AgendaTopic.Status.DEFERRED,
            meeting__starts_at__lt=meeting.starts_at,
            carried_to__isnull=True,
        )
        .select_related("meeting", "unit")
        .order_by("meeting__starts_at", "proposed_at")
    )


def sign_in_rows(meeting: Meeting) -> QuerySet[Attendance]:
    """The invited units in notice order, with who said they would come: the notice's and the sign-in sheet's rows."""
    return meeting.attendances.select_related("unit").order_by("unit__order")
