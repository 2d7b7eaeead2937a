import datetime

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from coordination import permissions, services
from coordination.errors import InvalidState, NotPermitted
from coordination.models import Liaison, Notification
from tests.factories import UserFactory


@pytest.fixture
def minzheng(units):
    return units[5]


def test_first_appointment_grants_the_unit_and_the_liaison_role(office_user, minzheng):
    user = UserFactory()
    services.liaison_appoint(actor=office_user, unit=minzheng, user=user, start_date=datetime.date(2026, 1, 5))
    assert minzheng.current_liaison.user == user
    assert permissions.can_act_for_unit(user, minzheng)
    assert user.groups.filter(name="联络员").exists()


def test_replacing_a_liaison_ends_the_old_term_and_keeps_it(office_user, minzheng, make_liaison):
    old = make_liaison(minzheng, "old")
    new = UserFactory(username="new")
    services.liaison_appoint(actor=office_user, unit=minzheng, user=new, start_date=datetime.date(2026, 6, 1))

    terms = list(Liaison.objects.filter(unit=minzheng).order_by("start_date"))
    assert [(t.user.username, t.start_date, t.end_date) for t in terms] == [
        ("old", datetime.date(2026, 1, 5), datetime.date(2026, 5, 31)),
        ("new", datetime.date(2026, 6, 1), None),
    ]
    old.refresh_from_db()
    assert not permissions.can_act_for_unit(old, minzheng)
    assert permissions.can_act_for_unit(new, minzheng)
    assert not old.groups.filter(name="联络员").exists()


def test_a_liaison_cannot_appoint_and_nothing_is_saved(minzheng, make_liaison):
    liaison = make_liaison(minzheng)
    with pytest.raises(NotPermitted):
        services.liaison_appoint(actor=liaison, unit=minzheng, user=UserFactory(), start_date=datetime.date(2026, 3, 1))
    assert Liaison.objects.filter(unit=minzheng).count() == 1


def test_one_person_cannot_be_liaison_of_two_units(office_user, units, make_liaison):
    user = make_liaison(units[0], "shared")
    with pytest.raises(InvalidState):
        services.liaison_appoint(actor=office_user, unit=units[1], user=user, start_date=datetime.date(2026, 3, 1))
    assert not Liaison.objects.filter(unit=units[1]).exists()


def test_successor_must_start_after_the_current_term(office_user, minzheng, make_liaison):
    make_liaison(minzheng, start_date=datetime.date(2026, 3, 1))
    with pytest.raises(InvalidState):
        services.liaison_appoint(
            actor=office_user, unit=minzheng, user=UserFactory(), start_date=datetime.date(2026, 3, 1)
        )
    assert Liaison.objects.active().get(unit=minzheng).start_date == datetime.date(2026, 3, 1)


def test_inactive_unit_gets_no_liaison(office_user, minzheng):
    minzheng.is_active = False
    minzheng.save()
    with pytest.raises(InvalidState):
        services.liaison_appoint(
            actor=office_user, unit=minzheng, user=UserFactory(), start_date=datetime.date(2026, 3, 1)
        )


def test_appointment_and_end_of_term_are_audited(office_user, minzheng, make_liaison):
    make_liaison(minzheng, "old")
    services.liaison_appoint(actor=office_user, unit=minzheng, user=UserFactory(), start_date=datetime.date(2026, 6, 1))
    entries = ModelLogEntry.objects.filter(action__startswith="coordination.liaison").order_by("timestamp", "pk")
    assert [e.action for e in entries] == [
        "coordination.liaison.appoint",
        "coordination.liaison.end",
        "coordination.liaison.appoint",
    ]
    assert all(e.user == office_user for e in entries)
    assert entries[1].data["changes"] == {"end_date": "2026-05-31"}


def test_the_new_liaison_is_notified_in_app_and_by_mail_after_commit(
    office_user, minzheng, django_capture_on_commit_callbacks
):
    user = UserFactory(email="new@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        services.liaison_appoint(actor=office_user, unit=minzheng, user=user, start_date=datetime.date(2026, 1, 5))
    notification = Notification.objects.get(recipient=user)
    assert "区民政局" in notification.title
    assert notification.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["new@example.invalid"]]


def test_the_unit_a_user_is_liaison_of_is_asked_once_and_follows_the_term(
    office_user, minzheng, make_liaison, django_assert_num_queries
):
    old = make_liaison(minzheng, "old")
    new = UserFactory(username="new")
    assert permissions.liaison_unit(old) == minzheng and permissions.liaison_unit(new) is None
    with django_assert_num_queries(0):  # kept on the user objects
        assert permissions.liaison_unit(old) == minzheng and permissions.liaison_unit(new) is None
    services.liaison_appoint(actor=office_user, unit=minzheng, user=new, start_date=datetime.date(2026, 6, 1))
    assert permissions.liaison_unit(new) == minzheng
    assert permissions.liaison_unit(Liaison.objects.get(unit=minzheng, end_date__isnull=False).user) is None
