"""Rules of accounts: the office manages people; everyone manages their own second factor."""

from axes.models import AccessAttempt
from django.utils.translation import gettext as _
from django_otp import user_has_device

from coordination.errors import InvalidState, NotPermitted
from coordination.models import (
    Liaison,
)

from .base import _office, _state, rule

# --- accounts (the office manages people; everyone manages their own second factor) --------


@rule("account.manage")
def _account_manage(user, obj):
    _office(user, _("只有联席会议办公室可以管理账户。"))


def _other_active_account(user, person, message: str) -> None:
    _office(user, message)
    _state(person.is_active, _("该账户已停用。"))
    if person.pk == user.pk:
        raise NotPermitted(_("不能对自己的账户进行此操作。"))


@rule("account.update")
def _account_update(user, person):
    _office(user, _("只有联席会议办公室可以修改账户信息。"))


@rule("account.deactivate")
def _account_deactivate(user, person):
    _other_active_account(user, person, _("只有联席会议办公室可以停用账户。"))
    term = Liaison.objects.active().filter(user=person).select_related("unit").first()
    if term:
        raise InvalidState(
            _("%(name)s 现为 %(unit)s 的联络员，请先为该单位任命新的联络员。")
            % {"name": person.get_full_name() or person.get_username(), "unit": term.unit}
        )


@rule("account.reset_password")
def _account_reset_password(user, person):
    _other_active_account(user, person, _("只有联席会议办公室可以重置密码。"))


@rule("account.unlock")
def _account_unlock(user, person):
    _office(user, _("只有联席会议办公室可以解除登录锁定。"))
    _state(AccessAttempt.objects.filter(username=person.get_username()).exists(), _("该账户没有登录失败记录。"))


@rule("account.two_factor_reset")
def _account_two_factor_reset(user, person):
    _other_active_account(user, person, _("只有联席会议办公室可以重置两步验证。"))
    _state(user_has_device(person, confirmed=None), _("该账户尚未设置两步验证。"))


@rule("sign_off.grant")
def _sign_off_grant(user, person, unit=None):
    _other_active_account(user, person, _("只有联席会议办公室可以授予签发权限。"))
    if unit is not None:
        _state(unit.is_active, _("%(unit)s 已不是成员单位。") % {"unit": unit})
        _state(not person.has_perm("sign_off_reply", unit), _("该账户已有%(unit)s的签发权限。") % {"unit": unit})


@rule("sign_off.revoke")
def _sign_off_revoke(user, person, unit=None):
    _office(user, _("只有联席会议办公室可以收回签发权限。"))
    if unit is not None:
        _state(person.has_perm("sign_off_reply", unit), _("该账户没有%(unit)s的签发权限。") % {"unit": unit})


@rule("two_factor.enrol")
def _two_factor_enrol(user, obj):
    if not user.is_authenticated or not user.is_active:
        raise NotPermitted(_("请先登录。"))
    # Replacing an authenticator takes the current one: a stolen password alone must not do it.
    verified = getattr(user, "is_verified", lambda: False)()
    if not verified and user_has_device(user, confirmed=True):
        raise NotPermitted(_("请先用现有的验证器完成验证；验证器丢失请联系联席会议办公室重置。"))
