"""The workbench home answers "what do I do next" for each role the user holds, every line a link."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination import services
from coordination.models import AgendaTopic
from coordination.selectors.dashboard import HOME_ROWS

from .home_world import (
    consent_round,
    days,
    drafted_reply,
    held_meeting,
    leader_of,
    make_item,
    planned_meeting,
    sections,
)


@pytest.fixture
def mz(units):
    return units[5]  # 区民政局


@pytest.fixture
def home(client):
    def get(user) -> str:
        client.force_login(user)
        response = client.get("/workbench/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_a_liaison_sees_each_owed_item_as_a_link_most_urgent_first(home, office_user, units, mz, make_liaison):
    liaison = make_liaison(mz)
    green = make_item(office_user, mz, "绿灯事项", days(60))
    red = make_item(office_user, mz, "红灯事项", days(-2))
    standing = make_item(office_user, mz, "常态化措施甲", None)
    yellow = make_item(office_user, units[7], "黄灯事项", days(6), co_units=[mz])
    make_item(office_user, units[7], "别的单位的事项", days(-5))

    found = sections(home(liaison))

    count, rows = found["owed"]
    assert count == 3
    assert [reverse("workbench:item", args=[i.pk]) for i in (red, yellow, green)] == [
        re.search(r'href="([^"]+)"', row).group(1) for row in rows
    ]
    assert "light--red" in rows[0] and "light--yellow" in rows[1] and "light--green" in rows[2]
    assert found["standing"][0] == 1 and reverse("workbench:item", args=[standing.pk]) in found["standing"][1][0]


def test_a_liaison_sees_consent_urges_and_what_was_returned_with_the_reason(
    home, office_user, convenor_user, units, mz, make_liaison
):
    liaison = make_liaison(mz)
    minutes = consent_round(office_user, convenor_user, [mz, units[3]])
    item = make_item(office_user, mz, "台账", days(20))
    services.action_item_urge(actor=office_user, item=item, unit=mz, text="请尽快报告进展")
    services.action_item_report_progress(actor=liaison, item=item, unit=mz, text="已完成", completion=True)
    services.action_item_return(actor=office_user, item=item, reason="缺少台账附件")
    meeting = planned_meeting(office_user, convenor_user, [mz])
    topic = services.topic_propose(
        actor=liaison, meeting=meeting, unit=mz, title="提请研究的议题", background="b", decision_requested="d"
    )
    services.topic_defer(actor=office_user, topic=topic, reason="材料不全，下次会议再议")

    body = home(liaison)
    found = sections(body)

    assert found["consent"][0] == 1
    assert f'href="{reverse("workbench:minutes", args=[minutes.pk])}#consent"' in found["consent"][1][0]
    assert found["urges"][0] == 1 and "请尽快报告进展" in found["urges"][1][0]
    assert found["returned"][0] == 2
    assert "缺少台账附件" in found["returned"][1][0]
    assert "材料不全，下次会议再议" in found["returned"][1][1]


def test_an_acknowledged_urge_and_an_answered_consent_leave_the_home(
    home, office_user, convenor_user, units, mz, make_liaison
):
    liaison = make_liaison(mz)
    minutes = consent_round(office_user, convenor_user, [mz])
    services.consent_answer(actor=liaison, minutes=minutes, unit=mz, agree=True)
    item = make_item(office_user, mz, "台账", days(20))
    urge = services.action_item_urge(actor=office_user, item=item, unit=mz, text="请尽快报告进展")
    services.urge_acknowledge(actor=liaison, urge=urge)

    found = sections(home(liaison))

    assert found["consent"] == (0, []) and found["urges"] == (0, [])


def test_a_leader_sees_the_replies_waiting_for_sign_off(home, office_user, units, mz, make_liaison):
    reply = drafted_reply(office_user, make_liaison(mz), mz)
    other = drafted_reply(office_user, make_liaison(units[3]), units[3], number="8")

    found = sections(home(leader_of(mz)))

    count, rows = found["sign-off"]
    assert count == 1
    assert reverse("workbench:proposal", args=[reply.proposal_id]) in rows[0]
    assert reverse("workbench:proposal", args=[other.proposal_id]) not in rows[0]
    assert "owed" not in found and "rounds" not in found


def test_the_office_sees_rounds_with_who_has_not_answered_and_objections(
    home, office_user, convenor_user, units, mz, make_liaison
):
    make_liaison(mz)
    jt = make_liaison(units[3])
    minutes = consent_round(office_user, convenor_user, [mz, units[3], units[7]])
    services.consent_answer(actor=jt, minutes=minutes, unit=units[3], agree=False, comment="第2项时限请调整")

    count, rows = sections(home(office_user))["rounds"]

    assert count == 1
    assert reverse("workbench:minutes", args=[minutes.pk]) in rows[0]
    assert "区民政局、区财政局" in rows[0]
    assert "区教体局提出修改意见" in rows[0] and "第2项时限请调整" in rows[0]


def test_the_office_sees_red_items_extensions_topics_completions_and_late_minutes(
    home, office_user, convenor_user, units, mz, make_liaison
):
    liaison = make_liaison(mz)
    red = make_item(office_user, mz, "逾期事项", days(-1))
    later = make_item(office_user, mz, "可延期事项", days(40))
    services.extension_request(actor=liaison, item=later, reason="需要更多时间", new_deadline=days(80))
    done = make_item(office_user, mz, "已报办结事项", days(40))
    services.action_item_report_progress(actor=liaison, item=done, unit=mz, text="完成", completion=True)
    meeting = planned_meeting(office_user, convenor_user, [mz])
    services.topic_propose(
        actor=liaison, meeting=meeting, unit=mz, title="待审议题", background="b", decision_requested="d"
    )
    late = held_meeting(office_user, convenor_user, [mz], days_ago=10)
    held_meeting(office_user, convenor_user, [mz], days_ago=3)

    found = sections(home(office_user))

    assert found["red"][0] == 1 and reverse("workbench:item", args=[red.pk]) in found["red"][1][0]
    assert found["extensions"][0] == 1 and reverse("workbench:item", args=[later.pk]) in found["extensions"][1][0]
    assert found["completions"][0] == 1 and reverse("workbench:item", args=[done.pk]) in found["completions"][1][0]
    assert found["topics"][0] == 1 and reverse("workbench:meeting", args=[meeting.pk]) in found["topics"][1][0]
    assert found["late-minutes"][0] == 1
    assert reverse("workbench:minutes-create", args=[late.pk]) in found["late-minutes"][1][0]


def test_minutes_late_after_the_days_in_settings(home, office_user, convenor_user, mz, settings):
    settings.PORTAL_MINUTES_DUE_DAYS = 2
    held_meeting(office_user, convenor_user, [mz], days_ago=3)

    assert sections(home(office_user))["late-minutes"][0] == 1


def test_a_decided_topic_leaves_the_offices_list(home, office_user, convenor_user, mz, make_liaison):
    liaison = make_liaison(mz)
    meeting = planned_meeting(office_user, convenor_user, [mz])
    topic = services.topic_propose(
        actor=liaison, meeting=meeting, unit=mz, title="待审议题", background="b", decision_requested="d"
    )
    services.topic_accept(actor=office_user, topic=topic)

    assert AgendaTopic.objects.get().status == AgendaTopic.Status.ACCEPTED
    assert sections(home(office_user))["topics"] == (0, [])


def test_the_convenor_sees_the_red_list_and_not_the_offices_work(home, office_user, convenor_user, mz):
    red = make_item(office_user, mz, "逾期事项", days(-1))
    make_item(office_user, mz, "绿灯事项", days(60))

    found = sections(home(convenor_user))

    assert found["red"][0] == 1 and reverse("workbench:item", args=[red.pk]) in found["red"][1][0]
    assert "rounds" not in found and "owed" not in found


def test_a_user_with_several_roles_sees_each_section(home, office_user, mz, make_liaison):
    liaison = make_liaison(mz)
    from coordination import permissions

    permissions.grant_sign_off(liaison, mz)
    drafted_reply(office_user, liaison, mz)

    found = sections(home(liaison))

    assert {"owed", "standing", "consent", "urges", "returned", "sign-off"} <= set(found)
    assert found["sign-off"][0] == 1


def _busy_world(office_user, convenor_user, units, liaisons, n):
    """n items of every kind a home lists, spread over the units."""
    for i in range(n):
        unit = units[i % 3]
        item = make_item(office_user, unit, f"事项{i}", days(i - n // 2), co_units=[units[3]])
        services.action_item_urge(actor=office_user, item=item, unit=unit, text="催办")
        if i % 2:
            services.extension_request(actor=liaisons[unit.pk], item=item, reason="延期", new_deadline=days(i + 90))
        make_item(office_user, unit, f"常态化{i}", None)
    consent_round(office_user, convenor_user, list(units[:4]))


@pytest.fixture
def busy(office_user, convenor_user, units, make_liaison):
    liaisons = {unit.pk: make_liaison(unit) for unit in units[:4]}

    def build(n):
        _busy_world(office_user, convenor_user, units, liaisons, n)
        return liaisons

    return build


@pytest.mark.parametrize("n", [6, 36])
def test_every_count_shown_covers_its_list_which_stops_at_the_shortlist(
    home, busy, office_user, convenor_user, units, n
):
    liaisons = busy(n)
    overflowing = set()
    for user in (office_user, convenor_user, liaisons[units[0].pk], liaisons[units[3].pk]):
        found = sections(home(user))
        assert found
        for name, (count, rows) in found.items():
            if name == "returned":  # items and topics: each kind has its own shortlist
                continue
            assert len(rows) == min(count, HOME_ROWS), (user, name)
            if count > HOME_ROWS:
                overflowing.add(name)
    assert bool(overflowing) == (n > HOME_ROWS) and overflowing <= {"owed", "standing", "urges", "extensions", "red"}


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/workbench/").status_code == 200
    return len(queries)


def test_the_home_costs_the_same_queries_with_many_items(
    client, busy, office_user, units, django_assert_max_num_queries
):
    liaisons = busy(2)
    liaison = liaisons[units[0].pk]
    few = {user: _queries(client, user) for user in (office_user, liaison)}
    busy(25)
    for user, count in few.items():
        client.force_login(user)
        with django_assert_max_num_queries(count):
            assert client.get("/workbench/").status_code == 200
    assert max(few.values()) < 40


def test_the_item_list_is_offered_exactly_to_those_it_opens_for(client, office_user, convenor_user, mz, make_liaison):
    from coordination import rules

    users = {"office": office_user, "convenor": convenor_user, "liaison": make_liaison(mz), "leader": leader_of(mz)}
    for who, user in users.items():
        client.force_login(user)
        offered = 'href="/workbench/items/"' in client.get("/workbench/").content.decode()
        opens = client.get("/workbench/items/").status_code == 200
        assert offered == opens == rules.can("item.list", user) == (who != "leader"), who
