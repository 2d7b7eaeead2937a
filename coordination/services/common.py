"""The steps every service shares: check the rule, lock, validate, number, find whom to tell.

A transition reads as the rule it enforces:

    item = lock(item)
    rules.check("item.close", actor, item)
    ...change...
    audit.record(item, "coordination.item.close", actor=actor, changes=...)
    notification_send(recipients=liaison_users([item.lead_unit]), ...)
"""

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from coordination import audit, rules
from coordination.errors import DomainError
from coordination.models import Liaison
from coordination.numbering import serial_take as take_number

__all__ = [
    "audit",
    "check",
    "clean_text",
    "insert_select",
    "liaison_users",
    "lock",
    "required_text",
    "take_number",
    "validated",
]

# What a user may type, the same through the workbench, the API and scripts.
REASON_LENGTH = 300  # a reason or a note kept in a one-line field
NOTE_LENGTH = 2_000  # an opinion, a comment, an urging
TEXT_LENGTH = 10_000  # a progress report, a topic's background
DOCUMENT_LENGTH = 50_000  # minutes, a reply letter

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


def clean_text(value: str, *, max_length: int = REASON_LENGTH) -> str:
    """The stripped text, or a refusal when it is longer than `max_length`."""
    text = (value or "").strip()
    if len(text) > max_length:
        raise DomainError(_("填写的内容过长，最多 %(n)s 字。") % {"n": max_length})
    return text


def required_text(value: str, message: str, *, max_length: int = REASON_LENGTH) -> str:
    """The stripped text, or a refusal with `message` when it is blank (or when it is too long)."""
    text = clean_text(value, max_length=max_length)
    if not text:
        raise DomainError(message)
    return text


def liaison_users(units) -> list:
    """The current liaisons of `units`, who receive what concerns their unit."""
    return [term.user for term in Liaison.objects.active().filter(unit__in=units).select_related("user")]


def insert_select(model, columns: list[str], rows) -> None:
    """INSERT INTO `model` (`columns`) SELECT `rows`: one query however many rows.

    `rows` is a `values_list()` queryset naming what goes into each column, in order: the model's
    own fields first, then annotations in the order they were made, which is the order Django
    puts them in the SELECT. Its unique keys hold: a row already there fails the whole insert.
    """
    select, params = rows.order_by().query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {select}", params)
