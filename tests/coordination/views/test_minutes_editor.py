"""The minutes editor: several agreed items at once, their order, co-units by checkbox, stale saves."""

import datetime
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from coordination import services
from coordination.models import Meeting, Minutes

DEADLINE = datetime.date(2027, 6, 30)


@pytest.fixture
def minutes(units, office_user, convenor_user):
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.REGULAR,
        starts_at=now - datetime.timedelta(hours=1),  # held: it has begun
        place="区政府三楼会议室",
        chair=convenor_user,
        topic_deadline=now - datetime.timedelta(days=2),
        invited_units=[units[5], units[7]],
        past_reason="补录已召开的会议",
    )
    services.meeting_notify(actor=office_user, meeting=meeting)
    services.meeting_hold(
        actor=office_user,
        meeting=meeting,
        attendance={units[5].pk: ("present", "张伟"), units[7].pk: ("present", "李强")},
    )
    return services.minutes_draft(
        actor=office_user,
        meeting=meeting,
        title="第1次会议纪要",
        body="会议研究了低保边缘家庭监测。",
        agreed_items=[{"title": "建立监测台账", "lead_unit": units[5], "co_units": [units[7]], "deadline": DEADLINE}],
    )


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def post_data(base_version, items, body="会议研究了低保边缘家庭监测。", initial=1, note=""):
    """The editor's POST: the minutes' fields and one row per item (dicts of the row's fields)."""
    data = {
        "title": "第1次会议纪要",
        "body": body,
        "note": note,
        "base_version": base_version,
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": initial,
        "items-MIN_NUM_FORMS": 1,
        "items-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(items):
        for name, value in row.items():
            data[f"items-{i}-{name}"] = value
    return data


def row(title, lead, *, co=(), order="", deadline="2027-06-30", delete=False):
    data = {"title": title, "lead_unit": lead.pk, "co_units": [u.pk for u in co], "deadline": deadline, "ORDER": order}
    if delete:
        data["DELETE"] = "on"
    return data


def blank(order=""):
    return {"title": "", "lead_unit": "", "deadline": "", "expected_result": "", "ORDER": order}


def hidden_base_version(page: str) -> str:
    return re.search(r'name="base_version" value="(\d+)"', page).group(1)


def test_co_units_are_checkboxes_under_a_filter_box_and_the_lead_unit_a_select(office, minutes, units):
    page = office.get(f"/workbench/minutes/{minutes.pk}/edit/").content.decode()
    assert f'type="checkbox" name="items-0-co_units" value="{units[7].pk}"' in page
    assert re.search(rf'type="checkbox" name="items-0-co_units" value="{units[7].pk}"[^>]*checked', page)
    assert "<select multiple" not in page and 'name="items-0-co_units" multiple' not in page
    assert '<select name="items-0-lead_unit"' in page
    assert "data-unit-filter" in page  # the filter box, which the script shows
    assert page.count('name="items-') > 0 and 'name="items-3-title"' in page  # one item and three blank rows


def test_several_agreed_items_are_saved_at_once_in_the_order_given(office, minutes, units):
    response = office.post(
        f"/workbench/minutes/{minutes.pk}/edit/",
        post_data(
            1,
            [
                row("建立监测台账", units[5], co=[units[7]], order=3),
                row("保障救助资金", units[7], co=[units[5], units[19]], order=1),
                row("落实教育资助", units[3], order=2),
                blank(order=4),  # renumbered by the script, still blank: not an item
            ],
        ),
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.version == 2
    items = list(minutes.agreed_items.order_by("order"))
    assert [i.title for i in items] == ["保障救助资金", "落实教育资助", "建立监测台账"]
    assert [i.order for i in items] == [1, 2, 3]
    assert set(items[0].co_units.all()) == {units[5], units[19]}  # ticked checkboxes
    assert minutes.revisions.get(version=2).agreed_items[0]["title"] == "保障救助资金"


def test_an_item_ticked_for_removal_is_removed(office, minutes, units):
    office.post(
        f"/workbench/minutes/{minutes.pk}/edit/",
        post_data(1, [row("建立监测台账", units[5], delete=True), row("保障救助资金", units[7])]),
    )
    assert list(Minutes.objects.get().agreed_items.values_list("title", flat=True)) == ["保障救助资金"]


def test_removing_every_item_is_refused_with_a_message(office, minutes, units):
    response = office.post(
        f"/workbench/minutes/{minutes.pk}/edit/", post_data(1, [row("建立监测台账", units[5], delete=True)])
    )
    assert response.status_code == 200
    assert "会议纪要至少要有一项议定事项。" in response.content.decode()
    assert Minutes.objects.get().version == 1


def test_bad_input_is_refused_whole_with_translated_errors_and_the_text_kept(office, minutes, units):
    items = [row("保障救助资金", units[7]), row("落实教育资助", units[3], deadline="2027-13-45")]
    response = office.post(
        f"/workbench/minutes/{minutes.pk}/edit/", post_data(1, items, body="修改后的正文，不应丢失。")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "输入一个有效的日期。" in page  # Django's own message, in the user's language
    assert "修改后的正文，不应丢失。" in page and 'value="落实教育资助"' in page
    minutes.refresh_from_db()
    assert minutes.version == 1 and minutes.revisions.count() == 1
    assert list(minutes.agreed_items.values_list("title", flat=True)) == ["建立监测台账"]


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_bad_input_is_refused_in_english_for_an_english_user(office, minutes, units):
    office.cookies["django_language"] = "en"
    response = office.post(f"/workbench/minutes/{minutes.pk}/edit/", post_data(1, [row("", units[5])]))
    assert "This field is required." in response.content.decode()
    assert Minutes.objects.get().version == 1


def test_a_stale_save_keeps_the_users_text_beside_the_saved_version_and_saves_again(
    office, minutes, units, office_user
):
    url = f"/workbench/minutes/{minutes.pk}/edit/"
    assert hidden_base_version(office.get(url).content.decode()) == "1"
    # A colleague saves version 2 while this user is still typing.
    services.minutes_revise(
        actor=office_user,
        minutes=minutes,
        base_version=1,
        title="第1次会议纪要",
        body="同事补充的正文。",
        agreed_items=[{"title": "同事改写的事项", "lead_unit": units[5], "co_units": [], "deadline": DEADLINE}],
    )
    mine = post_data(1, [row("我写的事项", units[7], co=[units[5]], order=1)], body="我改写的正文。", note="我的说明")

    refused = office.post(url, mine)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "其他人已保存了新的版本" in page
    assert "同事补充的正文。" in page and "同事改写的事项" in page  # theirs, shown
    assert page.count("我改写的正文。") >= 2  # in the form and beside theirs
    assert 'value="我写的事项"' in page and 'value="我的说明"' in page
    assert hidden_base_version(page) == "2"  # rebased on the version that was saved
    assert Minutes.objects.get().version == 2

    mine["base_version"] = hidden_base_version(page)
    saved = office.post(url, mine)
    assert saved.status_code == 302
    minutes.refresh_from_db()
    assert (minutes.version, minutes.body) == (3, "我改写的正文。")
    assert list(minutes.agreed_items.values_list("title", flat=True)) == ["我写的事项"]


def test_the_new_minutes_form_saves_several_items_without_script(office, minutes, units):
    Minutes.objects.all().delete()
    page = office.get(f"/workbench/meetings/{minutes.meeting_id}/minutes/new/").content.decode()
    assert 'name="items-3-title"' in page  # four rows to fill without the script
    data = post_data("", [row("一", units[5]), row("二", units[7]), blank(), blank()], initial=0)
    data.pop("base_version")
    response = office.post(f"/workbench/meetings/{minutes.meeting_id}/minutes/new/", data)
    assert response.status_code == 302
    assert list(Minutes.objects.get().agreed_items.values_list("title", flat=True)) == ["一", "二"]
