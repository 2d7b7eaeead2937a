"""The office manages people; anyone else is refused, and every change is audited."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from coordination import permissions, services
from coordination.errors import InvalidState, NotPermitted
from coordination.models import Liaison
from tests.conftest import confirmed_device, totp_code
from tests.factories import UserFactory

User = get_user_model()


def actions_on(user) -> list[str]:
    return list(ModelLogEntry.objects.for_instance(user).values_list("action", flat=True))


@pytest.fixture
def liaison(units, make_liaison):
    return make_liaison(units[5], "liaison-mz")


def test_the_office_creates_a_liaison_account_and_appoints_it_in_place_of_the_current_one(units, office_user, liaison):
    user, password = services.account_create(
        actor=office_user,
        role="liaison",
        unit=units[5],
        username="wang-mz",
        name="王芳",
        email="wangfang@example.gov.cn",
        phone="0917-6212345",
        position="科员",
    )
    term = Liaison.objects.active().get(unit=units[5])
    assert term.user == user and term.phone == "0917-6212345"
    assert user.email == "wangfang@example.gov.cn" and user.check_password(password)
    assert not permissions.can_act_for_unit(liaison, units[5])
    assert "coordination.account.create" in actions_on(user)


def test_a_liaison_cannot_create_accounts(units, liaison):
    with pytest.raises(NotPermitted):
        services.account_create(actor=liaison, role="office", username="intruder", name="某人", email="")
    assert not User.objects.filter(username="intruder").exists()


def test_a_taken_username_is_refused(units, office_user, liaison):
    with pytest.raises(InvalidState):
        services.account_create(actor=office_user, role="office", username="LIAISON-MZ", name="某人", email="")


def test_the_office_adds_another_office_user(office_user):
    user, _password = services.account_create(
        actor=office_user, role="office", username="office-2", name="赵敏", email=""
    )
    assert permissions.is_office(user) and user.is_staff
    assert permissions.two_factor_required(user)


def test_the_office_creates_a_leader_who_signs_off_and_must_use_two_factor(units, office_user):
    user, _password = services.account_create(
        actor=office_user, role="leader", unit=units[5], username="zhang", name="张志强", email=""
    )
    assert permissions.can_sign_off(user, units[5])
    assert permissions.two_factor_required(user)


def test_the_office_sets_a_liaisons_email_and_phone(office_user, liaison):
    services.account_update(
        actor=office_user, user=liaison, name="刘洋", email="liuyang@example.gov.cn", phone="13800000000"
    )
    liaison.refresh_from_db()
    assert liaison.email == "liuyang@example.gov.cn" and liaison.first_name == "刘洋"
    assert Liaison.objects.active().get(user=liaison).phone == "13800000000"
    assert "coordination.account.update" in actions_on(liaison)


def test_a_liaison_cannot_change_another_account(office_user, liaison):
    with pytest.raises(NotPermitted):
        services.account_update(actor=liaison, user=office_user, name="x", email="x@example.invalid")


def test_the_office_grants_and_revokes_sign_off(units, office_user):
    leader = UserFactory(username="leader")
    assert list(permissions.units_signed_off_by(leader)) == []
    services.sign_off_grant(actor=office_user, user=leader, unit=units[5])
    assert permissions.can_sign_off(leader, units[5])
    assert list(permissions.units_signed_off_by(leader)) == [units[5]]  # the same object asked again
    assert permissions.two_factor_required(leader)
    services.sign_off_revoke(actor=office_user, user=leader, unit=units[5])
    assert list(permissions.units_signed_off_by(leader)) == []
    assert not permissions.can_sign_off(User.objects.get(pk=leader.pk), units[5])
    assert {"coordination.account.sign_off_grant", "coordination.account.sign_off_revoke"} <= set(actions_on(leader))


def test_a_liaison_cannot_grant_sign_off(units, liaison):
    with pytest.raises(NotPermitted):
        services.sign_off_grant(actor=liaison, user=liaison, unit=units[5])


def test_a_liaison_cannot_revoke_sign_off(units, office_user, liaison):
    leader = UserFactory(username="leader")
    services.sign_off_grant(actor=office_user, user=leader, unit=units[5])
    with pytest.raises(NotPermitted):
        services.sign_off_revoke(actor=liaison, user=leader, unit=units[5])


def test_the_office_deactivates_an_account(office_user):
    editor = UserFactory(username="editor")
    services.account_deactivate(actor=office_user, user=editor)
    editor.refresh_from_db()
    assert not editor.is_active
    assert "coordination.account.deactivate" in actions_on(editor)


def test_a_current_liaison_is_replaced_before_deactivation(office_user, liaison):
    with pytest.raises(InvalidState):
        services.account_deactivate(actor=office_user, user=liaison)


def test_a_liaison_cannot_deactivate_an_account(liaison):
    with pytest.raises(NotPermitted):
        services.account_deactivate(actor=liaison, user=UserFactory(username="editor"))


def test_the_office_cannot_deactivate_itself(office_user):
    with pytest.raises(NotPermitted):
        services.account_deactivate(actor=office_user, user=office_user)


def test_the_office_resets_a_password_to_a_one_time_password(office_user, liaison):
    password = services.account_password_reset(actor=office_user, user=liaison)
    liaison.refresh_from_db()
    assert liaison.check_password(password) and not liaison.check_password("pw-for-tests")
    entry = ModelLogEntry.objects.for_instance(liaison).get(action="coordination.account.reset_password")
    assert password not in str(entry.data)


def test_a_liaison_cannot_reset_a_password(office_user, liaison):
    with pytest.raises(NotPermitted):
        services.account_password_reset(actor=liaison, user=office_user)


def test_the_office_resets_a_lost_authenticator(office_user, liaison):
    confirmed_device(liaison)
    services.two_factor_reset(actor=office_user, user=liaison)
    assert not TOTPDevice.objects.filter(user=liaison).exists()
    assert "coordination.account.two_factor_reset" in actions_on(liaison)


def test_a_liaison_cannot_reset_an_authenticator(office_user, liaison):
    confirmed_device(office_user)
    with pytest.raises(NotPermitted):
        services.two_factor_reset(actor=liaison, user=office_user)


def test_enrolment_is_confirmed_by_a_code_from_the_authenticator(liaison):
    device = services.two_factor_enrol(actor=liaison)
    assert not device.confirmed
    services.two_factor_confirm(actor=liaison, device=device, token=totp_code(device))
    device.refresh_from_db()
    assert device.confirmed
    assert "coordination.account.two_factor_enrol" in actions_on(liaison)


def test_a_wrong_code_does_not_confirm_enrolment(liaison):
    device = services.two_factor_enrol(actor=liaison)
    with pytest.raises(Exception, match="验证码不正确"):
        services.two_factor_confirm(
            actor=liaison, device=device, token="000000" if totp_code(device) != "000000" else "111111"
        )
    device.refresh_from_db()
    assert not device.confirmed
