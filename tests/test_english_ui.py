"""The interface in English: no Chinese left on the main pages but what users typed or named.

Every text a person stored (unit names, page titles and bodies, meeting places, minutes, names) is
taken from the database and removed from the page; whatever Han character is left is interface
text the English catalogue misses.
"""

import datetime
import html
import json
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone

from coordination import services
from coordination.models import Meeting

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "value")
OWN_NAMES = {"简体中文"}  # the language switch names each language in that language
FIXED_NAMES = (Group, Permission)  # the roles' group names are the code's words, not the users'


class VisibleText(HTMLParser):
    """The text a reader sees or hears: element text and the attributes read out, without scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in ("hidden", "checkbox", "radio"):
            return
        self.pieces += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.pieces.append(data)


def pieces_of(value) -> set[str]:
    """A stored value as the runs of text a page can show: rich text and stream fields split at their tags."""
    if hasattr(value, "get_prep_value"):  # a stream field
        value = value.get_prep_value()
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, str) or not HAN.search(value):
        return set()
    runs = {value.strip()}
    for run in re.split(r'<[^>]+>|\n|\\n|\\"|"', value):
        run = html.unescape(run).strip()
        if HAN.search(run):
            runs.add(run)
    return runs


def stored_texts() -> list[str]:
    """Every text in the portal's tables (and the defaults of its settings), longest first."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in ("coordination", "content", "wagtailcore", "auth") or model in FIXED_NAMES:
            continue
        fields = model._meta.concrete_fields
        for field in fields:
            texts |= pieces_of(field.default)
        for row in model.objects.values_list(*[f.attname for f in fields]):
            for value in row:
                texts |= pieces_of(value)
    return sorted(texts, key=len, reverse=True)


def untranslated(html: str, user_data: list[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    left = []
    for piece in parser.pieces:
        for text in user_data:
            piece = piece.replace(text, " ")
        left += [run for run in HAN.findall(piece) if run not in OWN_NAMES]
    return left


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def workbench(units, office_user, convenor_user, make_liaison):
    """A held meeting with draft minutes, an action item with progress, and the lead unit's liaison."""
    liaison = make_liaison(units[5])
    now = timezone.now()
    meeting = services.meeting_schedule(
        actor=office_user,
        kind=Meeting.Kind.AD_HOC,
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
        attendance={units[5].pk: ("present", "张伟"), units[7].pk: ("leave", "")},
    )
    minutes = services.minutes_draft(
        actor=office_user,
        meeting=meeting,
        title="临时会议纪要",
        body="会议研究了低保边缘家庭监测。",
        agreed_items=[
            {
                "title": "建立监测台账",
                "lead_unit": units[5],
                "co_units": [units[7]],
                "deadline": datetime.date(2027, 6, 30),
            }
        ],
    )
    item = services.action_item_create(
        actor=office_user,
        title="开展入户核查",
        lead_unit=units[5],
        deadline=timezone.localdate() + datetime.timedelta(3),
    )
    services.action_item_report_progress(
        actor=liaison, item=item, unit=units[5], text="已完成一半", percent=50, completion=False, files=[]
    )
    return {"meeting": meeting, "minutes": minutes, "item": item, "liaison": liaison}


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_generated_meeting_title_is_translated_whole(english, workbench, office_user):
    english.force_login(office_user)
    page = english.get("/workbench/meetings/").content.decode()
    year = workbench["meeting"].year
    assert f"Meeting 1 of {year} (Ad-hoc meeting)" in page
    assert "年第" not in page


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_office_workbench_in_english_has_no_untranslated_text(english, workbench, office_user):
    english.force_login(office_user)
    minutes, meeting, item = workbench["minutes"], workbench["meeting"], workbench["item"]
    user_data = stored_texts()
    for url in [
        "/workbench/",
        "/workbench/meetings/",
        f"/workbench/meetings/{meeting.pk}/",
        f"/workbench/minutes/{minutes.pk}/",
        f"/workbench/minutes/{minutes.pk}/edit/",
        f"/workbench/items/{item.pk}/",
    ]:
        response = english.get(url)
        assert response.status_code == 200, url
        left = untranslated(response.content.decode(), user_data)
        assert not left, (url, left)


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_a_liaisons_workbench_in_english_has_no_untranslated_text(english, workbench):
    english.force_login(workbench["liaison"])
    user_data = stored_texts()
    for url in [
        "/workbench/",
        f"/workbench/items/{workbench['item'].pk}/",
        f"/workbench/meetings/{workbench['meeting'].pk}/",
    ]:
        response = english.get(url)
        assert response.status_code == 200, url
        left = untranslated(response.content.decode(), user_data)
        assert not left, (url, left)


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_public_pages_in_english_have_no_untranslated_text(english, site_pages):
    user_data = stored_texts()
    home = english.get("/")
    html = home.content.decode()
    sections = re.findall(r'<nav class="site-nav".*?</nav>', html, re.S)[0]
    assert "Policy documents" in sections and "Member units" in sections  # the top menu follows the language
    urls = ["/", *(u for u in re.findall(r'<li><a href="(/[^"]+/)"', sections) if not u.startswith("/workbench/"))]
    assert len(urls) >= 4
    for url in urls:
        response = english.get(url)
        assert response.status_code == 200, url
        left = untranslated(response.content.decode(), user_data)
        assert not left, (url, left)


def test_the_check_finds_interface_text_left_in_chinese():
    html = '<p>会议研究了</p><button title="保存">Save</button><select><option>简体中文</option></select>'
    assert untranslated(html, ["会议研究了"]) == ["保存"]
