"""Logging in: lockout after repeated failures, the second factor, the demo password, idle time-out."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from coordination import services
from coordination.demo import DEMO_PASSWORD
from coordination.errors import NotPermitted
from tests.conftest import confirmed_device, totp_code
from tests.factories import UserFactory


@pytest.fixture
def liaison(units, make_liaison):
    return make_liaison(units[5], "liaison-mz")


def fail(client, path="/login/", username="liaison-mz", times=1):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong-password"})
    return response


def test_the_lockout_is_configured_for_a_cool_off_by_username_and_address():
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert ["username", "ip_address"] in settings.AXES_LOCKOUT_PARAMETERS
    assert "ip_address" in settings.AXES_LOCKOUT_PARAMETERS


def test_the_portal_login_locks_after_the_configured_failures_even_for_the_right_password(liaison):
    client = Client()
    assert fail(client, times=settings.AXES_FAILURE_LIMIT - 1).status_code == 200
    locked = fail(client)
    assert locked.status_code == 429
    assert "登录已被暂时锁定" in locked.content.decode()
    assert "30 分钟" in locked.content.decode()
    response = client.post("/login/", {"username": "liaison-mz", "password": "pw-for-tests"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_locks_too(office_user):
    client = Client()
    response = fail(client, "/admin/login/", username=office_user.username, times=settings.AXES_FAILURE_LIMIT)
    assert response.status_code == 429
    response = client.post("/admin/login/", {"username": office_user.username, "password": "pw-for-tests"})
    assert response.status_code == 429


def test_one_address_is_locked_whatever_usernames_it_tries(liaison):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = fail(client, username=f"guess{n}")
    assert response.status_code == 429
    assert client.post("/login/", {"username": "liaison-mz", "password": "pw-for-tests"}).status_code == 429


def test_the_office_unlocks_an_account(office_user, liaison, client):
    anonymous = Client()
    fail(anonymous, times=settings.AXES_FAILURE_LIMIT)
    client.force_login(office_user)
    page = client.get(f"/workbench/people/{liaison.pk}/").content.decode()
    assert "解除登录锁定" in page
    response = client.post(f"/workbench/people/{liaison.pk}/unlock/", follow=True)
    assert "已解除登录锁定" in response.content.decode()
    response = anonymous.post("/login/", {"username": "liaison-mz", "password": "pw-for-tests"})
    assert response.status_code == 302


def test_a_liaison_cannot_unlock_an_account(office_user, liaison, client):
    fail(Client(), username=office_user.username, times=settings.AXES_FAILURE_LIMIT)
    client.force_login(liaison)
    assert client.post(f"/workbench/people/{office_user.pk}/unlock/").status_code == 403
    with pytest.raises(NotPermitted):
        services.account_unlock(actor=liaison, user=office_user)


# --- the second factor --------------------------------------------------------------------------


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": "pw-for-tests"})
    assert response.status_code == 302
    return client


def test_the_office_with_only_a_password_reaches_neither_the_workbench_nor_the_admin(office_user):
    confirmed_device(office_user)
    client = password_login(office_user.username)
    for path in ("/workbench/", "/workbench/people/", "/admin/", "/admin/snippets/coordination/memberunit/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/two-factor/?next="), path
    assert client.get("/api/items/").status_code == 403


def test_the_office_passes_with_the_code_from_its_authenticator(office_user):
    device = confirmed_device(office_user)
    client = password_login(office_user.username)
    response = client.post("/account/two-factor/", {"token": totp_code(device), "next": "/workbench/"})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    assert client.get("/workbench/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(office_user):
    device = confirmed_device(office_user)
    client = password_login(office_user.username)
    right = totp_code(device)
    response = client.post("/account/two-factor/", {"token": "000000" if right != "000000" else "111111"})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    assert client.get("/workbench/").status_code == 302


def test_the_office_without_an_authenticator_is_sent_to_enrolment_first(office_user):
    client = password_login(office_user.username)
    response = client.get("/workbench/")
    assert response["Location"].startswith("/account/two-factor/enrol/")
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "<svg" in body and "密钥" in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org", "")
    device = office_user.totpdevice_set.get(confirmed=False)
    response = client.post("/account/two-factor/enrol/", {"token": totp_code(device), "next": "/workbench/"})
    assert response["Location"] == "/workbench/"
    assert client.get("/workbench/").status_code == 200


def test_a_stolen_password_cannot_replace_an_enrolled_authenticator(office_user):
    confirmed_device(office_user)
    client = password_login(office_user.username)
    response = client.get("/account/two-factor/enrol/")
    assert response["Location"].startswith("/account/two-factor/")
    assert office_user.totpdevice_set.count() == 1


def test_a_leader_who_signs_off_must_use_two_factor(units):
    leader = UserFactory(username="leader")
    from coordination import permissions

    permissions.grant_sign_off(leader, units[5])
    client = password_login("leader")
    assert client.get("/workbench/")["Location"].startswith("/account/two-factor/enrol/")


def test_a_liaison_may_work_without_two_factor(liaison):
    client = password_login("liaison-mz")
    assert client.get("/workbench/").status_code == 200


def test_a_liaison_who_enrolled_is_asked_for_the_code(liaison):
    confirmed_device(liaison)
    client = password_login("liaison-mz")
    assert client.get("/workbench/")["Location"].startswith("/account/two-factor/")


# --- demo accounts, idle sessions, password change ----------------------------------------------


def test_the_demo_password_does_not_log_in_outside_development(settings, db):
    settings.DEBUG = False
    settings.PORTAL_ALLOW_DEMO = False
    UserFactory(username="liaison06", password=DEMO_PASSWORD)
    response = Client().post("/login/", {"username": "liaison06", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_the_demo_password_logs_in_when_the_demo_is_allowed(settings, db):
    settings.PORTAL_ALLOW_DEMO = True
    UserFactory(username="liaison06", password=DEMO_PASSWORD)
    response = Client().post("/login/", {"username": "liaison06", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_session_ends_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_a_liaison_changes_their_password(liaison, client):
    client.force_login(liaison)
    page = client.get("/account/password/")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    response = client.post(
        "/account/password/",
        {
            "old_password": "pw-for-tests",
            "new_password1": "Baoji-chencang-2026",
            "new_password2": "Baoji-chencang-2026",
        },
    )
    assert response["Location"] == "/account/password/done/"
    liaison.refresh_from_db()
    assert liaison.check_password("Baoji-chencang-2026")
    assert client.get("/workbench/").status_code == 200  # still logged in


def test_the_workbench_links_to_the_users_own_account(liaison, client):
    client.force_login(liaison)
    assert 'href="/account/"' in client.get("/workbench/").content.decode()


# --- no third-party requests --------------------------------------------------------------------


def test_admin_pages_load_no_avatar_from_gravatar(admin_client, office_user):
    for path in ("/admin/", "/admin/account/", f"/admin/users/{office_user.pk}/"):
        body = admin_client.get(path).content.decode()
        assert "gravatar" not in body.lower(), path


@override_settings(LANGUAGE_COOKIE_NAME="django_language")
def test_the_second_step_and_the_lockout_speak_english(office_user, liaison):
    confirmed_device(office_user)
    client = password_login(office_user.username)
    client.cookies["django_language"] = "en"
    assert "Enter the code your authenticator shows" in client.get("/account/two-factor/").content.decode()
    anonymous = Client()
    anonymous.cookies["django_language"] = "en"
    locked = fail(anonymous, times=settings.AXES_FAILURE_LIMIT)
    assert "Login temporarily locked" in locked.content.decode()
