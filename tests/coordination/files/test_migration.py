"""Migration 0012 moves files that were public under MEDIA_ROOT into private storage, renamed."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coordination.models import Circular, ProgressAttachment, ProgressReport

from .samples import PDF

BEFORE = ("coordination", "0012_outbox_and_email_claim")
AFTER = ("coordination", "0013_private_files")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def migrate_to_latest():
    """Back to the newest migration, so the tests after these find the schema they expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def put_in_media_root(name: str) -> Path:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF)
    return path


@pytest.fixture
def files_before_0012(item, liaisons, office_user):
    """A progress attachment and a circular PDF as main stored them: public, predictable names."""
    migrate(BEFORE)
    report = ProgressReport.objects.create(action_item=item, unit=item.lead_unit, author=liaisons["lead"], text="x")
    attachment = ProgressAttachment.objects.create(
        report=report, file="progress/2026/05/方案.pdf", name="方案.pdf", kind="pdf", size=len(PDF)
    )
    circular = Circular.objects.create(
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        doc_number="陈社救联通〔2026〕1号",
        title="通报",
        issued_by=office_user,
        pdf="circulars/2026/circular-1.pdf",
    )
    old_paths = [put_in_media_root(attachment.file.name), put_in_media_root(circular.pdf.name)]
    yield attachment, circular, old_paths
    migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_existing_files_move_out_of_media_root_under_random_names(files_before_0012):
    attachment, circular, old_paths = files_before_0012
    migrate(AFTER)
    attachment.refresh_from_db()
    circular.refresh_from_db()
    assert re.fullmatch(r"progress/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert re.fullmatch(r"circulars/[0-9a-f]{32}\.pdf", circular.pdf.name)
    for stored in (attachment.file, circular.pdf):
        with stored.open("rb") as moved:
            assert moved.read() == PDF
    assert not any(path.exists() for path in old_paths)


@pytest.mark.django_db(transaction=True)
def test_unmigrating_puts_the_files_back_under_media_root(files_before_0012):
    attachment, _circular, _old_paths = files_before_0012
    migrate(AFTER)
    attachment.refresh_from_db()
    private_name = attachment.file.name
    migrate(BEFORE)
    assert (Path(settings.MEDIA_ROOT) / private_name).read_bytes() == PDF
    assert not (Path(settings.PORTAL_PRIVATE_ROOT) / private_name).exists()
