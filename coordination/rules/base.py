"""The registry of rules and the steps they share."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import DomainError, InvalidState, NotPermitted
from coordination.models import MemberUnit

CHECKS: dict[str, Callable] = {}


def rule(name: str):
    def register(check: Callable) -> Callable:
        CHECKS[name] = check
        return check

    return register


def check(name: str, user, obj=None, **context) -> None:
    """Raise the domain error that refuses `name` for `user` on `obj` now; return if allowed."""
    CHECKS[name](user, obj, **context)


def can(name: str, user, obj=None, **context) -> bool:
    try:
        check(name, user, obj, **context)
    except DomainError:
        return False
    return True


def _office(user, message: str) -> None:
    if not permissions.is_office(user):
        raise NotPermitted(message)


def _for_unit(user, unit: MemberUnit | None) -> None:
    if unit is None or not permissions.can_act_for_unit(user, unit):
        raise NotPermitted(_("您只能代表本单位办理：%(unit)s 不是您的单位。") % {"unit": unit or "—"})


def _state(allowed: bool, message: str) -> None:
    if not allowed:
        raise InvalidState(message)
