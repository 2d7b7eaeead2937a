"""Workbench screens of meetings and their agenda topics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import calendar, permissions, selectors, services
from coordination.errors import DomainError, DuplicateMeeting
from coordination.forms import (
    AttendanceFormSet,
    AttendeeForm,
    MeetingForm,
    MeetingTimeForm,
    ObserversForm,
    ReasonForm,
    TopicForm,
)
from coordination.models import AgendaTopic, Attendance, Meeting
from coordination.selectors.meetings import deferred_topics_for

from .common import office_required, paginated, run


def visible_meeting(request, pk) -> Meeting:
    return get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)


@login_required
def meeting_list(request):
    meetings = paginated(request, selectors.meetings_visible_to(request.user))
    return render(
        request,
        "coordination/meeting_list.html",
        {"meetings": meetings},
    )


def _save_meeting(request, form, service, success: str, **arguments):
    """Run the schedule or reschedule service on a valid form; a same-day meeting asks for confirmation."""
    try:
        meeting = service(actor=request.user, **arguments, **form.cleaned_data)
    except DuplicateMeeting as error:
        form.add_error("confirm_duplicate", error.message)
    except DomainError as error:
        form.add_error(None, error.message)
    else:
        messages.success(request, success % {"title": meeting.title})
        return redirect("workbench:meeting", pk=meeting.pk)
    return None


@office_required
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _save_meeting(request, form, services.meeting_schedule, _("已安排%(title)s。"))
        if done:
            return done
    return render(request, "coordination/meeting_form.html", {"form": form})


@office_required
def meeting_edit(request, pk):
    """Reschedule: time, place, chair; the number stays and notified units are told."""
    meeting = get_object_or_404(Meeting, pk=pk)
    initial = {name: getattr(meeting, name) for name in ("starts_at", "ends_at", "place", "chair", "topic_deadline")}
    form = MeetingTimeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save_meeting(request, form, services.meeting_reschedule, _("%(title)s已修改。"), meeting=meeting)
        if done:
            return done
    return render(request, "coordination/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_detail(request, pk):
    meeting = visible_meeting(request, pk)
    unit = selectors.liaison_unit(request.user)
    attendances = list(meeting.attendances.select_related("unit"))
    own_attendance = next((a for a in attendances if unit and a.unit_id == unit.pk), None)
    # The meeting is joined: each topic's buttons ask `topic.decide`, which reads the topic's meeting.
    topics = selectors.topics_visible_to(request.user, meeting).select_related("meeting")
    topics = list(topics.prefetch_related("attachments"))
    context = {
        "meeting": meeting,
        "is_office": permissions.is_office(request.user),
        "unit": unit,
        "attendances": attendances,
        "own_attendance": own_attendance,
        "agenda": [t for t in topics if t.status == AgendaTopic.Status.ACCEPTED],
        "proposals": [t for t in topics if t.status != AgendaTopic.Status.ACCEPTED],
        "minutes": selectors.minutes_visible_to(request.user).filter(meeting=meeting).first(),
        "deferred": list(deferred_topics_for(meeting)) if permissions.is_office(request.user) else [],
        "reason_form": ReasonForm(),
        "attendee_form": AttendeeForm(initial={"attendee": own_attendance.planned_attendee if own_attendance else ""}),
    }
    return render(request, "coordination/meeting_detail.html", context)


@require_POST
@office_required
def meeting_notify(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return run(
        request,
        services.meeting_notify,
        meeting=meeting,
        success=_("会议通知已发送给各参会单位联络员。"),
        redirect_to=meeting,
    )


@require_POST
@office_required
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return run(
        request,
        services.meeting_cancel,
        meeting=meeting,
        reason=request.POST.get("reason", ""),
        success=_("会议已取消。"),
        redirect_to=meeting,
    )


@require_POST
@login_required
def meeting_register_attendee(request, pk):
    meeting = visible_meeting(request, pk)
    unit = selectors.liaison_unit(request.user)
    if unit is None:
        raise Http404
    return run(
        request,
        services.meeting_register_attendee,
        meeting=meeting,
        unit=unit,
        attendee=request.POST.get("attendee", ""),
        success=_("已登记本单位参会人员。"),
        redirect_to=meeting,
    )


@office_required
def meeting_hold(request, pk):
    """The sign-in sheet (签到): filled in at the meeting as units arrive, then the meeting is recorded held."""
    meeting = get_object_or_404(Meeting, pk=pk)
    rows = list(meeting.attendances.select_related("unit"))
    initial = [
        {
            "unit_id": a.unit_id,
            "status": a.status,
            "attendee": a.attendee or (a.planned_attendee if a.status == Attendance.Status.UNKNOWN else ""),
        }
        for a in rows
    ]
    formset = AttendanceFormSet(request.POST or None, initial=initial)
    observers = ObserversForm(request.POST or None, initial={"observers": meeting.observers})
    if request.method == "POST" and formset.is_valid() and observers.is_valid():
        sheet = {f.cleaned_data["unit_id"]: (f.cleaned_data["status"], f.cleaned_data["attendee"]) for f in formset}
        hold = "hold" in request.POST
        service = services.meeting_hold if hold else services.meeting_record_attendance
        try:
            listed = observers.cleaned_data["observers"]
            service(actor=request.user, meeting=meeting, attendance=sheet, observers=listed)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已登记会议召开及出席情况。") if hold else _("签到情况已保存。"))
            return redirect("workbench:meeting" if hold else "workbench:meeting-hold", pk=pk)
    return render(
        request,
        "coordination/meeting_hold.html",
        {"meeting": meeting, "formset": formset, "observers": observers, "rows": zip(rows, formset, strict=True)},
    )


@login_required
def topic_create(request, pk):
    """A liaison proposes a topic for their unit; the office adds its own (no unit)."""
    meeting = visible_meeting(request, pk)
    unit = None if permissions.is_office(request.user) else selectors.liaison_unit(request.user)
    if unit is None and not permissions.is_office(request.user):
        raise Http404
    form = TopicForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        files = request.FILES.getlist("attachments")
        try:
            services.topic_propose(
                actor=request.user,
                meeting=meeting,
                unit=unit,
                title=data["title"],
                background=data["background"],
                decision_requested=data["decision_requested"],
                files=files,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("议题已提交，请等待联席会议办公室审定。") if unit else _("办公室议题已添加。"))
            return redirect("workbench:meeting", pk=pk)
    return render(request, "coordination/topic_form.html", {"form": form, "meeting": meeting, "unit": unit})


@require_POST
@office_required
def topic_decide(request, pk, decision):
    topic = get_object_or_404(AgendaTopic, pk=pk)
    reason = request.POST.get("reason", "")
    decisions = {
        "accept": (services.topic_accept, {}, _("议题已列入议程。")),
        "defer": (services.topic_defer, {"reason": reason}, _("议题已暂缓。")),
        "decline": (services.topic_decline, {"reason": reason}, _("议题不予列入，已告知提出单位。")),
    }
    if decision not in decisions:
        raise Http404
    service, arguments, success = decisions[decision]
    return run(request, service, topic=topic, **arguments, success=success, redirect_to=topic.meeting)


@require_POST
@office_required
def agenda_move(request, pk, topic_pk, direction):
    """Move one agenda topic up or down; the service checks the whole order."""
    meeting = get_object_or_404(Meeting, pk=pk)
    order = list(
        meeting.topics.filter(status=AgendaTopic.Status.ACCEPTED).order_by("agenda_order").values_list("pk", flat=True)
    )
    if topic_pk in order:
        i = order.index(topic_pk)
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
    return run(
        request,
        services.agenda_reorder,
        meeting=meeting,
        topic_ids=order,
        success=_("议程顺序已调整。"),
        redirect_to=meeting,
    )


@login_required
def meeting_ics(request, pk):
    meeting = visible_meeting(request, pk)
    response = HttpResponse(calendar.meetings_ics([meeting], name=meeting.title), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.year}-{meeting.number}.ics"'
    return response


@require_POST
@office_required
def topic_carry_over(request, pk, topic_pk):
    """Carry a topic deferred at an earlier meeting onto this meeting's agenda."""
    meeting = get_object_or_404(Meeting, pk=pk)
    topic = get_object_or_404(AgendaTopic, pk=topic_pk)
    return run(
        request,
        services.topic_carry_over,
        topic=topic,
        meeting=meeting,
        success=_("暂缓议题已转入本次会议议程。"),
        redirect_to=meeting,
    )
