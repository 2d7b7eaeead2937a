"""The workbench screens: who sees what, and that refusals come back as messages, not errors."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coordination import services
from coordination.models import AgendaTopic, Meeting


@pytest.fixture
def meeting(units, office_user, convenor_user, make_liaison):
    make_liaison(units[5], "minzheng")
    make_liaison(units[3], "jiaoti")
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=now + datetime.timedelta(days=5),
        place="会议室",
        chair=convenor_user,
        topic_deadline=now + datetime.timedelta(days=2),
        invited_units=[units[5], units[3]],
    )
    return services.meeting_notify(actor=office_user, meeting=meeting)


def test_the_workbench_asks_for_a_login(client):
    response = client.get("/workbench/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_liaison_proposes_a_topic_through_the_form(client, meeting):
    client.login(username="minzheng", password="pw-for-tests")
    response = client.post(
        f"/workbench/meetings/{meeting.pk}/topics/new/",
        {"title": "议题甲", "background": "背景", "decision_requested": "请研究"},
        follow=True,
    )
    assert "议题已提交" in response.content.decode()
    assert AgendaTopic.objects.get().unit.short_name == "区民政局"


def test_a_topic_form_with_missing_fields_keeps_what_was_typed(client, meeting):
    client.login(username="minzheng", password="pw-for-tests")
    response = client.post(f"/workbench/meetings/{meeting.pk}/topics/new/", {"title": "只填了标题"})
    assert response.status_code == 200
    assert "只填了标题" in response.content.decode()
    assert not AgendaTopic.objects.exists()


def test_a_liaison_does_not_see_another_units_proposals(client, meeting, units):
    services.topic_propose(
        actor=meeting.created_by, meeting=meeting, unit=None, title="办公室议题", background="b", decision_requested="d"
    )
    client.login(username="jiaoti", password="pw-for-tests")
    client.post(
        f"/workbench/meetings/{meeting.pk}/topics/new/",
        {"title": "教体局的私有议题", "background": "b", "decision_requested": "d"},
    )
    client.logout()
    client.login(username="minzheng", password="pw-for-tests")
    body = client.get(f"/workbench/meetings/{meeting.pk}/").content.decode()
    assert "教体局的私有议题" not in body


def test_a_liaison_cannot_open_a_meeting_their_unit_is_not_invited_to(client, meeting, units, make_liaison):
    make_liaison(units[0], "xuanchuan")
    client.login(username="xuanchuan", password="pw-for-tests")
    assert client.get(f"/workbench/meetings/{meeting.pk}/").status_code == 404


def test_office_screens_are_forbidden_to_liaisons(client, meeting):
    client.login(username="minzheng", password="pw-for-tests")
    assert client.get("/workbench/meetings/new/").status_code == 403
    assert client.post(f"/workbench/meetings/{meeting.pk}/notify/").status_code == 403


def test_a_refused_transition_comes_back_as_a_message(client, meeting, office_user):
    client.force_login(office_user)
    response = client.post(f"/workbench/meetings/{meeting.pk}/notify/", follow=True)
    assert response.status_code == 200
    assert "只有筹备中的会议可以发出通知" in response.content.decode()


def test_cancel_without_a_reason_is_refused_with_a_message(client, meeting, office_user):
    client.force_login(office_user)
    response = client.post(f"/workbench/meetings/{meeting.pk}/cancel/", {"reason": ""}, follow=True)
    assert "请填写取消原因" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTIFIED


def test_the_meeting_calendar_file_is_valid_icalendar(client, meeting, office_user):
    client.force_login(office_user)
    response = client.get(f"/workbench/meetings/{meeting.pk}/meeting.ics")
    text = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"UID:meeting-{meeting.pk}@" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_personal_feed_lists_the_units_meetings_and_needs_its_secret(client, meeting):
    client.login(username="minzheng", password="pw-for-tests")
    client.post("/workbench/calendar/renew/")
    feed_url = client.get("/workbench/calendar/").context["feed_url"]
    client.logout()
    path = feed_url.split("testserver", 1)[1]
    assert client.get(path).content.decode().count("BEGIN:VEVENT") == 1
    assert client.get("/calendar/not-the-secret.ics").status_code == 404


def test_the_office_extends_a_proposal_from_its_page(client, units, office_user):
    from coordination.models import Proposal

    proposal = services.proposal_register(
        actor=office_user,
        kind="npc",
        session="区第十九届人大第四次会议",
        number="8",
        title="测试建议",
        content="",
        received_on=datetime.date(2026, 10, 1),
        proposers=[{"name": "某"}],
        lead_unit=units[5],
    )
    client.force_login(office_user)
    bad = client.post(f"/workbench/proposals/{proposal.pk}/extend/", {"new_deadline": "not a date"}, follow=True)
    assert "请填写有效的新时限" in bad.content.decode()
    new = proposal.assigned_on + relativedelta(months=5)
    response = client.post(
        f"/workbench/proposals/{proposal.pk}/extend/",
        {"new_deadline": new.isoformat(), "reason": "等待数据"},
        follow=True,
    )
    assert "已批准延期" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).deadline == new


def test_the_office_assigns_an_item_and_the_lead_unit_is_told(client, units, office_user, make_liaison):
    from coordination.models import ActionItem, Notification

    lead = make_liaison(units[5], "lead-mz")
    client.force_login(office_user)
    response = client.post(
        "/workbench/items/new/",
        {
            "title": "核查低保边缘家庭名单",
            "lead_unit": units[5].pk,
            "co_units": [units[7].pk],
            "deadline": "2027-01-31",
        },
        follow=True,
    )
    assert "事项已交办" in response.content.decode()
    item = ActionItem.objects.get(title="核查低保边缘家庭名单")
    assert item.source == ActionItem.Source.OFFICE and item.lead_unit == units[5]
    assert Notification.objects.filter(recipient=lead, title__contains="核查低保边缘家庭名单").exists()


def test_a_liaison_cannot_assign_items(client, units, make_liaison):
    client.force_login(make_liaison(units[5], "lead-mz"))
    assert client.get("/workbench/items/new/").status_code == 403
