"""Notifications in the workbench (and by e-mail) and the personal calendar feed."""

import secrets
from collections.abc import Iterable

from django.db import transaction

from coordination import audit, tasks
from coordination.models import CalendarToken, Notification


def notification_send(*, recipients: Iterable, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Notify users in the workbench and, after commit, by e-mail (one Celery task each)."""
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, url=url) for user in {u.pk: u for u in recipients}.values()
    )
    for notification in notifications:
        transaction.on_commit(lambda pk=notification.pk: tasks.deliver_notification_email.delay(pk))
    return notifications


def calendar_token_renew(*, user) -> CalendarToken:
    """Give the user a new secret calendar-feed URL; the old one stops working."""
    token, _created = CalendarToken.objects.update_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    audit.record(token, "coordination.calendar.renew", actor=user)
    return token
