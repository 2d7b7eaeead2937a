"""Meeting screens and feeds: who sees a meeting when, the calendar states, rescheduling, sign-in,
carrying deferred topics, and that every notification of the cycle opens for its recipient."""

import datetime

import pytest
from icalendar import Calendar

from coordination import services
from coordination.models import AgendaTopic, Attendance, Meeting, Notification
from tests.conftest import VerifiedClient
from tests.coordination.services.conftest import *  # noqa: F403
from tests.coordination.services.conftest import at


def login(client, user):
    client.force_login(user)
    return client


def feed(client, user) -> Calendar:
    token = services.calendar_token_renew(user=user)
    return Calendar.from_ical(client.get(f"/calendar/{token.token}.ics").content)


def events(calendar) -> dict:
    return {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


def opens_for_each_recipient(title_start: str) -> int:
    """Every notification whose title starts so answers 200 for its recipient; returns how many."""
    notices = list(Notification.objects.filter(title__startswith=title_start).select_related("recipient"))
    for notice in notices:
        client = VerifiedClient()
        client.force_login(notice.recipient)
        assert client.get(notice.url).status_code == 200, (notice.recipient, notice.url)
    return len(notices)


# --- only notified meetings reach liaisons ---------------------------------------------------


def test_a_meeting_in_preparation_is_hidden_from_liaisons(client, scheduled_meeting, liaison):
    login(client, liaison["区民政局"])

    assert client.get(f"/workbench/meetings/{scheduled_meeting.pk}/").status_code == 404
    assert scheduled_meeting.title not in client.get("/workbench/meetings/").content.decode()
    assert scheduled_meeting.title not in client.get("/workbench/").content.decode()
    assert f"meeting-{scheduled_meeting.pk}" not in events(feed(client, liaison["区民政局"]))


def test_a_notified_meeting_reaches_the_invited_liaisons_as_confirmed(client, notified_meeting, liaison):
    login(client, liaison["区民政局"])

    assert client.get(f"/workbench/meetings/{notified_meeting.pk}/").status_code == 200
    event = events(feed(client, liaison["区民政局"]))[f"meeting-{notified_meeting.pk}"]
    assert str(event["status"]) == "CONFIRMED"


def test_the_office_feed_shows_a_meeting_in_preparation_as_tentative(client, scheduled_meeting, office_user):
    event = events(feed(client, office_user))[f"meeting-{scheduled_meeting.pk}"]

    assert (str(event["status"]), event["sequence"]) == ("TENTATIVE", 0)


def test_a_cancelled_meeting_is_cancelled_in_the_feed_with_a_higher_sequence(
    client, notified_meeting, office_user, liaison
):
    before = events(feed(client, liaison["区民政局"]))[f"meeting-{notified_meeting.pk}"]["sequence"]
    services.meeting_cancel(actor=office_user, meeting=notified_meeting, reason="改期")

    event = events(feed(client, liaison["区民政局"]))[f"meeting-{notified_meeting.pk}"]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] > before


def test_rescheduling_raises_the_sequence_and_moves_the_event(client, notified_meeting, office_user, chair, liaison):
    before = events(feed(client, liaison["区民政局"]))[f"meeting-{notified_meeting.pk}"]["sequence"]
    services.meeting_reschedule(
        actor=office_user,
        meeting=notified_meeting,
        starts_at=at(2026, 3, 27, 9, 30),
        ends_at=at(2026, 3, 27, 11, 30),
        place=notified_meeting.place,
        chair=chair,
        topic_deadline=notified_meeting.topic_deadline,
    )

    event = events(feed(client, liaison["区民政局"]))[f"meeting-{notified_meeting.pk}"]
    assert event["sequence"] == before + 1
    assert event.decoded("dtstart") == at(2026, 3, 27, 9, 30)


# --- edit and reschedule through the form -------------------------------------------------------


@pytest.fixture
def form_data(chair):
    return {
        "starts_at": "2026-03-27T09:30",
        "ends_at": "2026-03-27T11:30",
        "place": "区民政局二楼会议室",
        "chair": chair.pk,
        "topic_deadline": "2026-03-24T17:00",
    }


def test_the_office_reschedules_through_the_form_and_the_units_notice_opens(
    client, notified_meeting, office_user, form_data
):
    login(client, office_user)
    response = client.post(f"/workbench/meetings/{notified_meeting.pk}/edit/", form_data, follow=True)

    assert "2026年第1次例会已修改" in response.content.decode()
    assert Meeting.objects.get(pk=notified_meeting.pk).place == "区民政局二楼会议室"
    assert opens_for_each_recipient("会议变更") == 4


def test_a_same_day_meeting_is_created_only_once_the_office_confirms(
    client, scheduled_meeting, office_user, unit, form_data
):
    login(client, office_user)
    data = form_data | {
        "kind": Meeting.Kind.REGULAR,
        "starts_at": "2026-03-20T15:00",
        "ends_at": "",
        "topic_deadline": "2026-03-18T17:00",
        "invited_units": [unit["区民政局"].pk],
    }

    warned = client.post("/workbench/meetings/new/", data)
    assert warned.status_code == 200
    assert "已安排了2026年第1次例会" in warned.content.decode()
    assert Meeting.objects.count() == 1

    client.post("/workbench/meetings/new/", data | {"confirm_duplicate": "on"})
    assert Meeting.objects.count() == 2


# --- sign-in at the meeting, deferred topics -------------------------------------------------------


def test_the_office_saves_the_sign_in_on_the_day_and_then_records_the_meeting_held(
    client, notified_meeting, office_user, clock, unit
):
    clock.set(2026, 3, 20, 9, 5)
    login(client, office_user)
    rows = list(notified_meeting.attendances.select_related("unit"))
    sheet = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        present = row.unit.short_name != "区医保局"
        sheet |= {
            f"form-{i}-unit_id": row.unit_id,
            f"form-{i}-status": "present" if present else "leave",
            f"form-{i}-attendee": "到会同志" if present else "",
        }

    client.post(f"/workbench/meetings/{notified_meeting.pk}/hold/", sheet | {"save": "1"})
    assert notified_meeting.attendances.get(unit=unit["区医保局"]).status == Attendance.Status.LEAVE
    assert Meeting.objects.get(pk=notified_meeting.pk).status == Meeting.Status.NOTIFIED

    clock.set(2026, 3, 20, 11, 30)
    login(client, office_user)  # the session timed out while the meeting went on
    with_observers = sheet | {"hold": "1", "observers": "虢镇街道 周建国"}
    client.post(f"/workbench/meetings/{notified_meeting.pk}/hold/", with_observers)
    held = Meeting.objects.get(pk=notified_meeting.pk)
    assert held.status == Meeting.Status.HELD
    assert held.observer_lines == ["虢镇街道 周建国"]  # 列席, for the minutes


def test_the_next_meeting_offers_a_deferred_topic_and_carries_it_in_one_click(
    client, notified_meeting, make_meeting, office_user, clock, sheet
):
    topic = services.topic_propose(
        actor=office_user,
        meeting=notified_meeting,
        unit=None,
        title="暂缓的议题",
        background="b",
        decision_requested="d",
    )
    services.topic_defer(actor=office_user, topic=topic, reason="再调研")
    clock.set(2026, 3, 20, 12, 0)
    services.meeting_hold(actor=office_user, meeting=notified_meeting, attendance=sheet)
    later = make_meeting(starts_at=at(2026, 4, 24, 9, 30))
    login(client, office_user)

    page = client.get(f"/workbench/meetings/{later.pk}/").content.decode()
    assert "以往会议暂缓的议题" in page and "暂缓的议题" in page

    client.post(f"/workbench/meetings/{later.pk}/carry-over/{topic.pk}/")
    assert later.topics.get().carried_from == topic
    assert AgendaTopic.objects.filter(carried_from=topic).count() == 1


# --- every notification of the cycle opens for its recipient ------------------------------------


def test_the_minutes_reminder_opens_for_the_office(held_meeting, office_user):
    services.minutes_due_reminders_send(today=datetime.date(2026, 3, 30))

    assert opens_for_each_recipient("2026年第1次例会已召开") == 1


def test_the_consent_request_and_reminder_open_for_every_unit_asked(open_round, clock):
    services.consent_reminders_send(now=at(2026, 3, 26, 8, 10))

    assert opens_for_each_recipient("请确认会议纪要") == 4
    assert opens_for_each_recipient("纪要意见即将截止") == 4


def test_a_unit_not_invited_that_leads_an_agreed_item_is_asked_and_can_open_the_minutes(
    held_meeting, office_user, unit, liaison, clock
):
    item = {"title": "宣传政策", "lead_unit": unit["区委宣传部"], "deadline": datetime.date(2026, 6, 30)}
    minutes = services.minutes_draft(
        actor=office_user, meeting=held_meeting, title="纪要", body="正文", agreed_items=[item]
    )

    services.consent_round_open(actor=office_user, minutes=minutes, deadline=at(2026, 3, 27, 17, 0))

    assert minutes.consent_rounds.get().answers.filter(unit=unit["区委宣传部"]).exists()
    assert opens_for_each_recipient("请确认会议纪要") == 4  # three present and 区委宣传部
    services.consent_answer(actor=liaison["区委宣传部"], minutes=minutes, unit=unit["区委宣传部"], agree=True)
