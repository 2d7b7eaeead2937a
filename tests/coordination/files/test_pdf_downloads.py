"""A PDF download serves the stored file; it never renders during the GET."""

import pytest
from celery import Task
from kombu.exceptions import OperationalError

from coordination.models import OutgoingTask


@pytest.fixture
def broker_down(monkeypatch):
    def refused(self, *args, **kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refused)


def test_a_missing_minutes_pdf_is_asked_for_and_the_page_says_it_is_being_prepared(
    client, office_user, issued_minutes, broker_down, django_capture_on_commit_callbacks
):
    type(issued_minutes).objects.filter(pk=issued_minutes.pk).update(pdf="")
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/workbench/minutes/{issued_minutes.pk}/pdf/")
    assert response.status_code == 202
    assert response["Retry-After"] == "10"
    assert "正在生成" in response.content.decode()
    assert OutgoingTask.objects.filter(task="coordination.tasks.render_minutes_pdf", queued_at__isnull=True).exists()


def test_once_the_task_has_rendered_it_the_download_serves_the_pdf(
    client, office_user, issued_minutes, django_capture_on_commit_callbacks
):
    type(issued_minutes).objects.filter(pk=issued_minutes.pk).update(pdf="")
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):  # the request's commit runs the task inline
        client.get(f"/workbench/minutes/{issued_minutes.pk}/pdf/")
    response = client.get(f"/workbench/minutes/{issued_minutes.pk}/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
