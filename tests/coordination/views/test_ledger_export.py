"""The supervision ledger (督办台账) is prepared by a task into a private file: the request only
records what was asked for. Where tasks run inline (here) it is ready when the request returns."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from coordination import services
from coordination.models import LedgerExport, Notification
from coordination.services import ledger_exports


def ledger_sheet(client, capture, query: str = ""):
    """Ask for the ledger as the list's button does, follow to the export and read the workbook."""
    with capture(execute=True):
        response = client.post("/workbench/supervision/ledger/", {"query": query})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "下载台账" in page.content.decode()
    download = client.get(f"{response['Location']}download/")
    assert download["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(b"".join(download.streaming_content))).active


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def test_the_office_gets_the_ledger_of_its_filter_and_is_told_it_is_ready(
    office, office_user, item, units, django_capture_on_commit_callbacks
):
    services.action_item_create(actor=office_user, title="另一单位的事项", lead_unit=units[3], deadline=None)
    sheet = ledger_sheet(office, django_capture_on_commit_callbacks, query=f"unit={units[5].pk}")
    assert [row[3].value for row in sheet.iter_rows(min_row=3)] == [item.title]
    export = LedgerExport.objects.get()
    assert (export.status, export.rows, export.query) == ("ready", 1, f"unit={units[5].pk}")
    note = Notification.objects.get(recipient=office_user, url=export.get_absolute_url())
    assert "共1项" in note.title and office.get(note.url).status_code == 200


def test_a_ledger_being_prepared_says_so_and_is_not_downloaded_yet(office, office_user):
    export = LedgerExport.objects.create(requested_by=office_user)
    page = office.get(export.get_absolute_url())
    assert page.status_code == 202 and page["Retry-After"] == "10"
    assert "正在生成" in page.content.decode()
    assert office.get(f"{export.get_absolute_url()}download/")["Location"] == export.get_absolute_url()


def test_only_the_one_who_asked_reaches_the_export(client, office_user, convenor_user, liaisons, item):
    export = LedgerExport.objects.create(requested_by=office_user)
    services.ledger_export_render(export_id=export.pk)
    for user in (convenor_user, liaisons["lead"]):
        client.force_login(user)
        assert client.get(export.get_absolute_url()).status_code == 404
        assert client.get(f"{export.get_absolute_url()}download/").status_code == 404


def test_a_liaison_cannot_ask_for_the_ledger(client, liaisons):
    client.force_login(liaisons["lead"])
    assert client.post("/workbench/supervision/ledger/", {"query": ""}).status_code == 403
    assert client.get("/workbench/supervision/ledger/").status_code == 405
    assert not LedgerExport.objects.exists()


def test_who_lost_the_role_before_the_task_ran_gets_no_file(office_user, item):
    export = LedgerExport.objects.create(requested_by=office_user)
    office_user.groups.clear()
    assert services.ledger_export_render(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.status == "failed" and not export.file


def test_a_failed_export_is_recorded_and_the_requester_told(office, office_user, item, monkeypatch):
    def broken(items, out):
        raise ValueError("disk full")

    monkeypatch.setattr(ledger_exports.ledger, "write_ledger", broken)
    export = LedgerExport.objects.create(requested_by=office_user)
    assert services.ledger_export_render(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.status == "failed" and export.finished_at
    assert Notification.objects.filter(recipient=office_user, title__contains="生成失败").exists()
    assert "生成失败" in office.get(export.get_absolute_url()).content.decode()
    assert services.ledger_export_render(export_id=export.pk) is False  # once finished, never again


def test_old_exports_go_with_their_files(office, office_user, item, django_capture_on_commit_callbacks):
    old = LedgerExport.objects.create(requested_by=office_user)
    services.ledger_export_render(export_id=old.pk)
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    LedgerExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    ledger_sheet(office, django_capture_on_commit_callbacks)
    assert list(LedgerExport.objects.values_list("pk", flat=True)) != [old.pk]
    assert not LedgerExport.objects.filter(pk=old.pk).exists() and not storage.exists(name)


def test_the_ledger_is_written_in_a_constant_number_of_queries(office_user, units):
    from tests.coordination.views.test_list_pages import make_items

    def render() -> int:
        export = LedgerExport.objects.create(requested_by=office_user)
        with CaptureQueriesContext(connection) as captured:
            assert services.ledger_export_render(export_id=export.pk)
        return len(captured)

    make_items(units, 60)
    small = render()
    make_items(units, 240)
    assert render() == small
    export = LedgerExport.objects.first()
    assert export.rows == 300
    assert load_workbook(export.file.open("rb")).active.max_row == 2 + 300  # the title, the header, every item
