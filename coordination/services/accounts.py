"""Accounts: the office manages people; each user manages their own second factor.

The office creates accounts for liaisons, leaders who sign off and its own staff, keeps their
names and e-mail addresses (liaisons receive reminders by e-mail), deactivates them, resets a
forgotten password or a lost authenticator, and lifts a login lockout. Passwords set by the
office are random, shown once to the office and never stored or logged in clear.
"""

import datetime
import secrets

from axes.utils import reset
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination import audit, permissions
from coordination.errors import DomainError, InvalidState
from coordination.models import Liaison, MemberUnit

from .common import check, lock, required_text, validated
from .liaisons import liaison_appoint

User = get_user_model()

# No 0/O, 1/l/I: the office reads the password out or writes it down for the person.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class AccountRole:
    LIAISON = "liaison"
    LEADER = "leader"
    OFFICE = "office"


def one_time_password() -> str:
    """Fourteen random characters in groups, easy to copy from the screen."""
    raw = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _display(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def account_create(
    *,
    actor,
    role: str,
    username: str,
    name: str,
    email: str,
    unit: MemberUnit | None = None,
    phone: str = "",
    position: str = "",
    start_date: datetime.date | None = None,
) -> tuple:
    """A new account for a liaison (appointed to `unit`), a unit leader (签发) or the office.

    Returns the user and the one-time password to hand over. A liaison is appointed through
    `liaison_appoint`, which ends the unit's current liaison's term.
    """
    check("account.manage", actor)
    if role not in (AccountRole.LIAISON, AccountRole.LEADER, AccountRole.OFFICE):
        raise DomainError(_("未知的账户类型。"))
    if role != AccountRole.OFFICE and unit is None:
        raise DomainError(_("请选择单位。"))
    username = required_text(username, _("请填写用户名。"))
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidState(_("用户名 %(username)s 已被使用。") % {"username": username})
    password = one_time_password()
    user = User(username=username, first_name=required_text(name, _("请填写姓名。")), email=(email or "").strip())
    user.set_password(password)
    validated(user).save()
    if role == AccountRole.LIAISON:
        liaison_appoint(
            actor=actor,
            unit=unit,
            user=user,
            start_date=start_date or timezone.localdate(),
            position=position,
            phone=phone,
        )
    elif role == AccountRole.LEADER:
        permissions.grant_sign_off(user, unit)
    else:
        user.groups.add(permissions.role_group(permissions.Role.OFFICE))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit.record(
        user,
        "coordination.account.create",
        actor=actor,
        changes={"username": username, "name": user.first_name, "role": role, "unit": unit.short_name if unit else ""},
    )
    return user, password


@transaction.atomic
def account_update(*, actor, user, name: str, email: str, phone: str | None = None):
    """Name and e-mail of an account; `phone` updates the current liaison term's telephone."""
    user = lock(user)
    check("account.update", actor, user)
    before = {"name": user.first_name, "email": user.email}
    user.first_name = required_text(name, _("请填写姓名。"))
    user.email = (email or "").strip()
    validated(user).save(update_fields=["first_name", "email"])
    changes = {key: [before[key], value] for key, value in (("name", user.first_name), ("email", user.email))}
    term = Liaison.objects.active().filter(user=user).first()
    if term and phone is not None and phone != term.phone:
        changes["phone"] = [term.phone, phone]
        term.phone = phone
        validated(term).save(update_fields=["phone"])
    changes = {key: pair for key, pair in changes.items() if pair[0] != pair[1]}
    if changes:
        audit.record(user, "coordination.account.update", actor=actor, changes=changes)
    return user


@transaction.atomic
def account_deactivate(*, actor, user):
    """The person can no longer log in; their history stays. A current liaison is replaced first."""
    user = lock(user)
    check("account.deactivate", actor, user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(user, "coordination.account.deactivate", actor=actor)
    return user


@transaction.atomic
def account_password_reset(*, actor, user) -> str:
    """Set a random one-time password and return it, to be shown once to the office."""
    user = lock(user)
    check("account.reset_password", actor, user)
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(user, "coordination.account.reset_password", actor=actor)
    return password


@transaction.atomic
def account_unlock(*, actor, user):
    """Lift a login lockout (django-axes) before its cool-off ends."""
    check("account.unlock", actor, user)
    removed = reset(username=user.get_username())
    audit.record(user, "coordination.account.unlock", actor=actor, changes={"attempts": removed})
    return user


@transaction.atomic
def sign_off_grant(*, actor, user, unit: MemberUnit):
    """Make `user` a leader who signs off (签发) `unit`'s replies."""
    locked = lock(user)
    check("sign_off.grant", actor, locked, unit=unit)
    permissions.grant_sign_off(locked, unit)
    permissions.forget(user)  # the caller's object asks again too
    audit.record(locked, "coordination.account.sign_off_grant", actor=actor, changes={"unit": unit.short_name})
    return locked


@transaction.atomic
def sign_off_revoke(*, actor, user, unit: MemberUnit):
    locked = lock(user)
    check("sign_off.revoke", actor, locked, unit=unit)
    permissions.revoke_sign_off(locked, unit)
    permissions.forget(user)  # the caller's object asks again too
    audit.record(locked, "coordination.account.sign_off_revoke", actor=actor, changes={"unit": unit.short_name})
    return locked


@transaction.atomic
def two_factor_reset(*, actor, user):
    """Remove a person's authenticator (a lost phone); they enrol again at their next login."""
    user = lock(user)
    check("account.two_factor_reset", actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(user, "coordination.account.two_factor_reset", actor=actor)
    return user


@transaction.atomic
def two_factor_enrol(*, actor) -> TOTPDevice:
    """The actor's authenticator waiting for its first code: the existing one, or a new secret."""
    check("two_factor.enrol", actor)
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=_("身份验证器"), confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, actor, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm enrolment with a code from the authenticator; earlier authenticators are removed."""
    check("two_factor.enrol", actor)
    device = lock(device)
    if device.user_id != actor.pk or device.confirmed:
        raise InvalidState(_("这个验证器已失效，请重新设置。"))
    if not device.verify_token((token or "").strip()):
        raise DomainError(_("验证码不正确，请查看验证器上当前的六位数字后重试。"))
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor, "coordination.account.two_factor_enrol", actor=actor)
    return device
