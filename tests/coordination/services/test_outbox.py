"""Side effects survive a broker outage and an e-mail goes out at most once."""

import datetime

import pytest
from celery import Task
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from coordination import services
from coordination.models import Notification, OutgoingTask
from tests.factories import UserFactory


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails as it does when the broker does not answer; `back()` brings it back."""

    def refused(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refused)
    return monkeypatch.undo


@pytest.fixture
def item(units, office_user, make_liaison, django_capture_on_commit_callbacks):
    make_liaison(units[5], "minzheng").__class__.objects.filter(username="minzheng").update(email="mz@example.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        return services.action_item_create(
            actor=office_user,
            title="入户核查",
            lead_unit=units[5],
            deadline=timezone.localdate() + datetime.timedelta(9),
        )


@pytest.fixture
def report_while_broker_down(client, item, office_user, broker_down, django_capture_on_commit_callbacks):
    office_user.email = "office@example.gov.cn"
    office_user.save()
    OutgoingTask.objects.all().delete()
    mail.outbox.clear()
    client.login(username="minzheng", password="pw-for-tests")
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/workbench/items/{item.pk}/", {"text": "已完成摸底", "percent": 40})


def test_a_report_succeeds_while_the_broker_is_down_and_its_mail_waits(report_while_broker_down):
    assert report_while_broker_down.status_code == 302
    waiting = OutgoingTask.objects.get(queued_at__isnull=True)
    assert waiting.task == "coordination.tasks.deliver_notification_email"
    assert waiting.attempts == 1
    assert "Connection refused" in waiting.last_error
    assert mail.outbox == []


def test_waiting_mail_is_sent_once_when_the_broker_is_back(report_while_broker_down, broker_down):
    broker_down()  # the broker is back (tasks run inline here)
    later = timezone.now() + datetime.timedelta(minutes=1)
    OutgoingTask.objects.update(created_at=later - datetime.timedelta(minutes=2))
    assert services.outbox_flush() == 1
    assert services.outbox_flush() == 0
    assert [m.to for m in mail.outbox] == [["office@example.gov.cn"]]


def test_a_delivery_killed_after_the_claim_is_reported_not_repeated(db, settings):
    user = UserFactory(email="someone@example.gov.cn")
    notification = Notification.objects.create(recipient=user, title="催办通知")
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )  # the worker died after claiming it: the mail server may or may not have the message
    mail.outbox.clear()
    assert services.notification_email_deliver(notification_id=notification.pk) is False
    assert mail.outbox == []
    assert list(services.notifications_unconfirmed()) == [notification]


def test_a_failed_send_releases_the_claim_so_the_retry_sends(db, monkeypatch):
    user = UserFactory(email="someone@example.gov.cn")
    notification = Notification.objects.create(recipient=user, title="会议通知")

    def refused(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("coordination.services.notifications.send_mail", refused)
    with pytest.raises(OSError):
        services.notification_email_deliver(notification_id=notification.pk)
    monkeypatch.undo()
    mail.outbox.clear()
    assert services.notification_email_deliver(notification_id=notification.pk) is True
    assert services.notification_email_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_circular_is_issued_while_the_broker_is_down_and_its_pdf_and_mail_wait(
    client, item, office_user, broker_down, django_capture_on_commit_callbacks
):
    OutgoingTask.objects.all().delete()
    client.force_login(office_user)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/workbench/circulars/preview/",
            {"period_start": (today - datetime.timedelta(days=30)).isoformat(), "period_end": today.isoformat()},
        )
    assert response.status_code == 302
    waiting = set(OutgoingTask.objects.filter(queued_at__isnull=True).values_list("task", flat=True))
    assert waiting == {"coordination.tasks.render_circular_pdf", "coordination.tasks.deliver_notification_email"}
