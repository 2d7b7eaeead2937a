"""The calendar files: valid iCalendar that a client parses back to what the portal holds."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from coordination import services
from coordination.models import ActionItem, Meeting


@pytest.fixture(autouse=True)
def december_2026():
    """The feed carries recent and coming dates only: the fixtures' deadline (2026-12-31) is ahead."""
    with time_machine.travel(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=timezone.get_current_timezone()), tick=True):
        yield


@pytest.fixture
def feed_path(client, item, liaisons):
    """The lead unit's personal feed, fetched without logging in (the URL is the secret)."""
    token = services.calendar_token_renew(user=liaisons["lead"])
    return f"/calendar/{token.token}.ics"


def test_the_feed_parses_back_to_the_items_deadline_and_title(client, feed_path, item):
    calendar = Calendar.from_ical(client.get(feed_path).content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2026, 12, 31)
    assert str(event["summary"]) == "【时限】建立低保边缘家庭帮扶台账"
    assert str(calendar["x-wr-calname"]) == "联席会议"


def test_commas_and_semicolons_in_a_title_survive_the_round_trip(client, feed_path, item):
    item.title = "核查低保对象, 更新台账; 按月报送\\汇总"
    item.save(update_fields=["title"])
    body = client.get(feed_path).content.decode()
    assert "核查低保对象\\, 更新台账\\; 按月报送\\\\汇总" in body.replace("\r\n ", "")
    [event] = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["summary"]) == "【时限】核查低保对象, 更新台账; 按月报送\\汇总"


@pytest.mark.parametrize("token", ["..%2F..%2Fetc", "%E4%BC%9A%E8%AE%AE", "x" * 300, "a b"])
def test_a_malformed_token_is_not_found(client, db, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


@pytest.mark.parametrize("token", ["%00", "abc%00def"])
def test_a_token_with_a_nul_character_is_a_bad_request(client, db, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 400


def test_the_feed_leaves_out_long_overdue_deadlines_and_old_meetings(client, feed_path, item, units, office_user):
    old = services.action_item_create(
        actor=office_user,
        title="去年的专项检查",
        lead_unit=units[5],
        co_units=[],
        deadline=datetime.date(2026, 6, 30),
        description="",
    )
    recent = ActionItem.objects.filter(pk=item.pk)
    recent.update(deadline=datetime.date(2026, 11, 20))  # overdue by two weeks: still shown
    summaries = [str(e["summary"]) for e in Calendar.from_ical(client.get(feed_path).content).walk("VEVENT")]
    assert summaries == ["【时限】建立低保边缘家庭帮扶台账"]
    assert old.title not in "".join(summaries)


def test_a_second_fetch_is_answered_from_the_cache_after_the_token_lookup(
    client, feed_path, item, django_assert_max_num_queries
):
    first = client.get(feed_path).content
    with django_assert_max_num_queries(2):
        again = client.get(feed_path).content
    assert again == first


def test_a_cancelled_item_leaves_the_next_fetch(client, feed_path, item, office_user):
    assert "建立低保边缘家庭帮扶台账" in client.get(feed_path).content.decode().replace("\r\n ", "")
    services.action_item_cancel(actor=office_user, item=item, reason="重复立项")
    assert "建立低保边缘家庭帮扶台账" not in client.get(feed_path).content.decode().replace("\r\n ", "")


def test_a_rescheduled_meeting_shows_on_the_next_fetch(client, db, units, office_user, convenor_user):
    token = services.calendar_token_renew(user=office_user)
    path = f"/calendar/{token.token}.ics"
    starts = timezone.make_aware(datetime.datetime(2026, 12, 20, 15, 0))
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.AD_HOC,
        starts_at=starts,
        place="区民政局二楼会议室",
        chair=convenor_user,
        topic_deadline=starts - datetime.timedelta(days=3),
        invited_units=units[:3],
    )
    assert "区民政局二楼会议室" in client.get(path).content.decode()
    services.meeting_reschedule(
        actor=office_user,
        meeting=meeting,
        starts_at=starts + datetime.timedelta(days=1),
        place="区政府三楼会议室",
        chair=convenor_user,
        topic_deadline=starts - datetime.timedelta(days=2),
    )
    body = client.get(path).content.decode()
    assert "区政府三楼会议室" in body and "区民政局二楼会议室" not in body


def test_a_renewed_token_ends_the_cached_old_feed(client, feed_path, item, liaisons):
    assert client.get(feed_path).status_code == 200
    renewed = services.calendar_token_renew(user=liaisons["lead"])
    assert client.get(feed_path).status_code == 404
    assert client.get(f"/calendar/{renewed.token}.ics").status_code == 200
