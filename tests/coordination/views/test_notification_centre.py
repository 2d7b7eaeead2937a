"""The notification centre: full text, read and unread, opening marks read, never an open redirect."""

import pytest
from django.urls import reverse

from coordination import services
from coordination.errors import NotPermitted
from coordination.models import Notification
from tests.factories import UserFactory


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


def send(user, title="催办通知：台账", body="请于本周五前报告进展。", url="/workbench/items/"):
    return services.notification_send(recipients=[user], title=title, body=body, url=url)[0]


def test_the_centre_shows_the_full_text_and_what_is_unread(client, reader):
    unread = send(reader, body="第一段。\n第二段说明具体要求。")
    read = send(reader, title="已读的通知")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)

    client.force_login(reader)
    body = client.get("/workbench/notifications/").content.decode()

    assert "第一段。<br>第二段说明具体要求。" in body
    assert f'<li id="n{unread.pk}" class="notification--unread">' in body
    assert f'<li id="n{read.pk}">' in body
    assert "1 条未读" in body


def test_the_menu_counts_the_unread_notifications(client, reader):
    send(reader)
    send(reader)
    client.force_login(reader)
    body = client.get("/workbench/").content.decode()
    assert f'href="{reverse("workbench:notifications")}">通知 <span class="count"' in body
    assert ">2</span></a>" in body


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, reader):
    notification = send(reader, url="/workbench/items/?status=open#list")
    client.force_login(reader)

    response = client.get(reverse("workbench:notification-open", args=[notification.pk]))

    assert response.status_code == 302 and response["Location"] == "/workbench/items/?status=open#list"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url", ["https://evil.example/x", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", "items/"]
)
def test_a_notification_never_sends_its_reader_off_the_site(client, reader, url):
    notification = send(reader, url=url)
    client.force_login(reader)

    response = client.get(reverse("workbench:notification-open", args=[notification.pk]))

    assert response["Location"] == f"{reverse('workbench:notifications')}#n{notification.pk}"


def test_another_users_notification_cannot_be_opened(client, reader):
    notification = send(UserFactory(username="someone-else"))
    client.force_login(reader)

    assert client.get(reverse("workbench:notification-open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_service_refuses_to_mark_another_users_notification(reader):
    notification = send(UserFactory(username="someone-else"))
    with pytest.raises(NotPermitted):
        services.notification_mark_read(actor=reader, notification=notification)


def test_reading_twice_keeps_the_first_reading_time(reader):
    notification = send(reader)
    first = services.notification_mark_read(actor=reader, notification=notification).read_at
    again = services.notification_mark_read(actor=reader, notification=Notification.objects.get(pk=notification.pk))
    assert again.read_at == first


def test_mark_all_read_touches_only_the_users_own(client, reader):
    send(reader)
    send(reader)
    theirs = send(UserFactory(username="someone-else"))
    client.force_login(reader)

    response = client.post(reverse("workbench:notifications-read-all"), follow=True)

    assert "已将 2 条通知标为已读" in response.content.decode()
    assert not reader.notifications.filter(read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_is_a_post(client, reader):
    send(reader)
    client.force_login(reader)
    assert client.get(reverse("workbench:notifications-read-all")).status_code == 405
    assert reader.notifications.filter(read_at__isnull=True).count() == 1
