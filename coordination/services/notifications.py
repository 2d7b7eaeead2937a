"""Notifications in the workbench (and by e-mail) and the personal calendar feed."""

import datetime
import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from coordination import audit, rules, tasks
from coordination.models import CalendarToken, Notification

from .outbox import outbox_enqueue_many

logger = logging.getLogger(__name__)


def notification_send(
    *, recipients: Iterable, title: str, body: str = "", url: str = "", links: Iterable[dict] = ()
) -> list[Notification]:
    """Notify users in the workbench and, after commit, by e-mail (one task each, through the outbox).
    `links` lists further things, each {"title": …, "url": a path on this site}."""
    return notifications_deliver(
        Notification(recipient=user, title=title, body=body, url=url, links=list(links))
        for user in {u.pk: u for u in recipients}.values()
    )


def notifications_deliver(notifications: Iterable[Notification]) -> list[Notification]:
    """Save unsaved notifications with one insert and queue one e-mail each: a constant number of queries."""
    notifications = Notification.objects.bulk_create(notifications)
    outbox_enqueue_many(tasks.deliver_notification_email, [(notification.pk,) for notification in notifications])
    return notifications


def email_text(notification: Notification) -> str:
    """The e-mail's text: the body, then each listed thing with its full address."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    links = [f"· {link['title']}\n  {base}{link['url']}" for link in notification.links]
    return "\n\n".join(part for part in (notification.body, "\n".join(links)) if part)


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """The recipient has opened the notification. Reading is not a change of the domain: no audit
    entry; a second opening keeps the first reading time."""
    rules.check("notification.read", actor, notification)
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of `actor` read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def calendar_token_renew(*, user) -> CalendarToken:
    """Give the user a new secret calendar-feed URL; the old one stops working."""
    token, _created = CalendarToken.objects.update_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    audit.record(token, "coordination.calendar.renew", actor=user)
    return token


def notification_email_deliver(*, notification_id: int) -> bool:
    """E-mail one notification at most once, whatever is killed or retried.

    The claim commits before the message leaves and the delivery is recorded after the mail server
    took it. A retry finds the claim and stops; a failed send releases the claim so the retry can
    send; a process killed between the two leaves an unconfirmed claim, which
    `notifications_unconfirmed()` reports instead of sending the message a second time.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.email_claimed_at or notification.emailed_at:
            return False
        if not notification.recipient.email:
            return False
        notification.email_claimed_at = timezone.now()
        notification.save(update_fields=["email_claimed_at"])
    try:
        send_mail(notification.title, email_text(notification), None, [notification.recipient.email])
    except Exception:
        Notification.objects.filter(pk=notification_id).update(email_claimed_at=None)
        raise
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    logger.info("notification %s e-mailed to %s", notification_id, notification.recipient.email)
    return True


def notifications_unconfirmed(*, older_than: datetime.timedelta = datetime.timedelta(minutes=10)):
    """E-mails whose delivery was claimed but never confirmed: a worker died mid-send; check by hand."""
    return Notification.objects.filter(
        email_claimed_at__lt=timezone.now() - older_than, emailed_at__isnull=True
    ).select_related("recipient")
