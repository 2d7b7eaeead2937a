"""Backup then restore into a new empty database and media folder brings every row and file back.

Runs on the suite's database: SQLite on the embedded default, PostgreSQL in the CI's second pass
(the restore then goes into a scratch PostgreSQL database created here).
"""

import hashlib
import io
import tarfile
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents.models import Document

from portal import backup

pytestmark = pytest.mark.django_db(transaction=True)


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def checksums(root) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_PRIVATE_ROOT = tmp_path / "private"
    (tmp_path / "private" / "reports").mkdir(parents=True)
    (tmp_path / "private" / "reports" / "进展材料.txt").write_text("入户核查 42 户", encoding="utf-8")
    return tmp_path


@pytest.fixture
def installation(folders, committed_site_pages, units, office_user):
    Document.objects.create(title="实施方案", file=ContentFile("第一条 ……".encode(), name="方案.txt"))
    return folders


@pytest.fixture
def empty_database(tmp_path):
    """A new empty database of the suite's kind; the connection points at it while the test runs."""
    saved = dict(connection.settings_dict)
    scratch = None
    if connection.vendor == "postgresql":
        scratch = f"ops_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')

    def switch():
        connection.close()
        connection.settings_dict["NAME"] = str(tmp_path / "restored.sqlite3") if scratch is None else scratch

    yield switch
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)
    if scratch:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def test_backup_then_restore_into_an_empty_installation_brings_every_row_and_file_back(
    installation, empty_database, settings, tmp_path
):
    archive = tmp_path / "lianxi.tar.gz"
    counts, media, private = row_counts(), checksums(settings.MEDIA_ROOT), checksums(settings.PORTAL_PRIVATE_ROOT)
    assert counts["wagtailcore_page"] > 30 and counts["coordination_memberunit"] == 27 and len(media) >= 1

    call_command("backup", str(archive))
    manifest = backup.read_manifest(archive)
    assert manifest["database"]["tables"] == counts

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.PORTAL_PRIVATE_ROOT = tmp_path / "restored-private"
    call_command("restore", str(archive))

    assert row_counts() == counts
    assert checksums(settings.MEDIA_ROOT) == media
    assert checksums(settings.PORTAL_PRIVATE_ROOT) == private
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM wagtaildocs_document")
        assert "实施方案" in [row[0] for row in cursor.fetchall()]


def test_restore_refuses_a_database_that_is_not_empty(installation, tmp_path):
    archive = tmp_path / "lianxi.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_a_damaged_archive_before_writing_anything(folders, empty_database, settings, tmp_path):
    archive, damaged = tmp_path / "lianxi.tar.gz", tmp_path / "damaged.tar.gz"
    call_command("backup", str(archive))
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("private/"):
                data += b"!"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.PORTAL_PRIVATE_ROOT = tmp_path / "restored-private"
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(damaged))
    assert backup.database_tables() == []
    assert not (tmp_path / "restored-private").exists()


def test_a_backup_says_the_files_in_a_bucket_are_not_in_it(installation, settings, tmp_path):
    settings.PORTAL_S3_BUCKET = "lianxi-files"
    err = io.StringIO()
    call_command("backup", str(tmp_path / "lianxi.tar.gz"), stderr=err)
    assert "lianxi-files" in err.getvalue() and "not in this archive" in err.getvalue()
