"""The steps every service shares: check the rule, lock, validate, number, find whom to tell.

A transition reads as the rule it enforces:

    item = lock(item)
    rules.check("item.close", actor, item)
    ...change...
    audit.record(item, "coordination.item.close", actor=actor, changes=...)
    notification_send(recipients=liaison_users([item.lead_unit]), ...)
"""

from django.core.exceptions import ValidationError

from coordination import audit, rules
from coordination.errors import DomainError
from coordination.models import Liaison
from coordination.numbering import serial_take as take_number

__all__ = ["audit", "check", "liaison_users", "lock", "required_text", "take_number", "validated"]

check = rules.check


def lock(obj):
    """Re-read `obj` under a row lock (call inside the transaction that changes it)."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def validated(instance):
    """`full_clean()` with Django's errors turned into one domain error with their messages."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise DomainError("；".join(error.messages)) from error
    return instance


def required_text(value: str, message: str) -> str:
    """The stripped text, or a refusal with `message` when it is blank."""
    text = (value or "").strip()
    if not text:
        raise DomainError(message)
    return text


def liaison_users(units) -> list:
    """The current liaisons of `units`, who receive what concerns their unit."""
    return [term.user for term in Liaison.objects.active().filter(unit__in=units).select_related("user")]
