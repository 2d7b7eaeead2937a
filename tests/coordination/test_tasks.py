from django.core import mail

from coordination.models import Notification
from coordination.tasks import deliver_notification_email
from tests.factories import UserFactory


def test_a_notification_is_emailed_once_even_when_the_task_runs_twice(db):
    notification = Notification.objects.create(recipient=UserFactory(email="a@example.invalid"), title="催办")
    assert deliver_notification_email(notification.pk) is True
    assert deliver_notification_email(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_user_without_an_address_gets_no_mail(db):
    notification = Notification.objects.create(recipient=UserFactory(email=""), title="催办")
    assert deliver_notification_email(notification.pk) is False
    assert mail.outbox == []
