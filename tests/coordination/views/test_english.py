"""The workbench in English: roles are found by fixed keys, so every action works in either language."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from coordination import permissions, services
from coordination.models import ActionItem, Meeting, ProgressReport


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_office_schedules_and_notifies_a_meeting_in_english(english, units, office_user, convenor_user):
    english.force_login(office_user)
    form = english.get("/workbench/meetings/new/").content.decode()
    assert "Schedule" in form or "meeting" in form.lower()
    assert f'value="{convenor_user.pk}"' in form  # the chair list is not empty in English
    now = timezone.localtime()
    response = english.post(
        "/workbench/meetings/new/",
        {
            "kind": Meeting.Kind.REGULAR,
            "starts_at": (now + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Room 3",
            "chair": convenor_user.pk,
            "topic_deadline": (now + datetime.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            "invited_units": [units[5].pk, units[3].pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    english.post(f"/workbench/meetings/{meeting.pk}/notify/")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTIFIED
    assert permissions.is_convenor(convenor_user)


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_a_liaison_reports_progress_in_english(english, units, office_user, make_liaison):
    liaison = make_liaison(units[5])
    item = services.action_item_create(
        actor=office_user, title="Survey", lead_unit=units[5], deadline=timezone.localdate() + datetime.timedelta(9)
    )
    english.force_login(liaison)
    page = english.get(f"/workbench/items/{item.pk}/").content.decode()
    assert "Report progress" in page or "progress" in page.lower()
    response = english.post(f"/workbench/items/{item.pk}/", {"text": "Half done", "percent": 50}, follow=True)
    assert response.status_code == 200
    assert ProgressReport.objects.get().text == "Half done"
    assert ActionItem.objects.get().status == ActionItem.Status.IN_PROGRESS


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_english_requests_create_no_new_role_groups(english, units, office_user, convenor_user):
    before = set(Group.objects.values_list("name", flat=True))
    english.force_login(office_user)
    english.get("/workbench/meetings/new/")
    english.get("/workbench/items/")
    assert set(Group.objects.values_list("name", flat=True)) == before
    assert list(permissions.office_users()) == [office_user]
