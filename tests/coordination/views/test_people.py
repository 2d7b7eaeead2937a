"""The office's people screens: accounts by role and unit, and each action; liaisons are refused."""

import pytest
from django.contrib.auth import get_user_model

from coordination import permissions
from coordination.models import Liaison
from tests.conftest import confirmed_device
from tests.factories import UserFactory

User = get_user_model()


@pytest.fixture
def liaison(units, make_liaison):
    return make_liaison(units[5], "liaison-mz")


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def test_the_office_sees_accounts_by_role_and_unit(office, units, liaison, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        body = office.get("/workbench/people/").content.decode()
    assert "人行陈仓支行" in body and "liaison-mz" not in body.split("成员单位联络员")[0]
    assert f'href="/workbench/people/{liaison.pk}/"' in body
    assert "未任命" in body  # the other 26 units have no liaison in this test


def test_the_workbench_shows_the_people_screen_to_the_office_only(office, client, liaison):
    assert 'href="/workbench/people/"' in office.get("/workbench/").content.decode()
    client.force_login(liaison)
    assert 'href="/workbench/people/"' not in client.get("/workbench/").content.decode()


def test_the_office_creates_a_liaison_account_and_sees_the_password_once(office, units, liaison):
    response = office.post(
        "/workbench/people/new/",
        {
            "role": "liaison",
            "unit": units[5].pk,
            "username": "wang-mz",
            "name": "王芳",
            "email": "wangfang@example.gov.cn",
            "phone": "0917-6212345",
            "position": "科员",
            "start_date": "2026-03-01",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="wang-mz")
    password = response.context["password"]
    assert password in response.content.decode() and user.check_password(password)
    assert Liaison.objects.active().get(unit=units[5]).user == user


def test_a_liaison_account_needs_a_unit(office):
    response = office.post("/workbench/people/new/", {"role": "liaison", "username": "x", "name": "某人"})
    assert response.status_code == 200 and not User.objects.filter(username="x").exists()
    assert "须选择单位" in response.content.decode()


def test_the_office_sets_a_liaisons_email(office, liaison):
    response = office.post(
        f"/workbench/people/{liaison.pk}/edit/", {"name": "刘洋", "email": "liuyang@example.gov.cn", "phone": ""}
    )
    assert response.status_code == 302
    liaison.refresh_from_db()
    assert liaison.email == "liuyang@example.gov.cn"


def test_the_office_grants_and_revokes_sign_off(office, units):
    leader = UserFactory(username="leader")
    office.post(f"/workbench/people/{leader.pk}/sign-off/", {"unit": units[5].pk})
    assert permissions.can_sign_off(User.objects.get(pk=leader.pk), units[5])
    page = office.get(f"/workbench/people/{leader.pk}/").content.decode()
    assert "收回区民政局的签发权限" in page
    office.post(f"/workbench/people/{leader.pk}/sign-off/{units[5].pk}/revoke/")
    assert not permissions.can_sign_off(User.objects.get(pk=leader.pk), units[5])


def test_the_office_resets_a_password(office, liaison):
    response = office.post(f"/workbench/people/{liaison.pk}/password/")
    liaison.refresh_from_db()
    assert liaison.check_password(response.context["password"])


def test_the_office_deactivates_an_account(office):
    editor = UserFactory(username="editor")
    office.post(f"/workbench/people/{editor.pk}/deactivate/")
    editor.refresh_from_db()
    assert not editor.is_active


def test_the_office_resets_two_factor(office, liaison):
    confirmed_device(liaison)
    office.post(f"/workbench/people/{liaison.pk}/two-factor/reset/")
    assert not liaison.totpdevice_set.exists()


def test_deactivating_a_current_liaison_is_refused_with_a_message(office, liaison):
    response = office.post(f"/workbench/people/{liaison.pk}/deactivate/", follow=True)
    assert "请先为该单位任命新的联络员" in response.content.decode()
    liaison.refresh_from_db()
    assert liaison.is_active


@pytest.mark.parametrize(
    "path",
    [
        "/workbench/people/",
        "/workbench/people/new/",
        "/workbench/people/{pk}/",
    ],
)
def test_a_liaison_cannot_open_the_people_screens(client, liaison, office_user, path):
    client.force_login(liaison)
    assert client.get(path.format(pk=office_user.pk)).status_code == 403


@pytest.mark.parametrize(
    "path, data",
    [
        ("/workbench/people/new/", {"role": "office", "username": "intruder", "name": "某人"}),
        ("/workbench/people/{pk}/edit/", {"name": "某人", "email": "x@example.invalid"}),
        ("/workbench/people/{pk}/deactivate/", {}),
        ("/workbench/people/{pk}/password/", {}),
        ("/workbench/people/{pk}/two-factor/reset/", {}),
        ("/workbench/people/{pk}/sign-off/", {"unit": "{unit}"}),
        ("/workbench/people/{pk}/sign-off/{unit}/revoke/", {}),
    ],
)
def test_a_liaison_is_refused_every_people_action(client, liaison, units, path, data):
    target = UserFactory(username="target")
    permissions.grant_sign_off(target, units[5])
    client.force_login(liaison)
    data = {key: value.format(unit=units[5].pk) for key, value in data.items()}
    response = client.post(path.format(pk=target.pk, unit=units[5].pk), data)
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.is_active and target.check_password("pw-for-tests") and target.first_name == ""
    assert permissions.can_sign_off(target, units[5])
    assert not User.objects.filter(username="intruder").exists()
