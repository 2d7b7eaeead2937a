from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Write one archive (tar.gz) with the database, MEDIA_ROOT, the private files (PORTAL_PRIVATE_ROOT) "
        "and a manifest of row counts and SHA-256 checksums. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive to write, e.g. /srv/backups/lianxi-2026-01-31.tar.gz")

    def handle(self, file, **options):
        try:
            manifest = backup.backup(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        tables = manifest["database"]["tables"]
        self.stdout.write(
            f"{file}: {manifest['vendor']} database, {len(tables)} tables, {sum(tables.values())} rows, "
            f"{len(manifest['files'])} files"
        )
        if settings.PORTAL_S3_BUCKET:
            self.stderr.write(
                f"The files are in bucket {settings.PORTAL_S3_BUCKET}, not in this archive: back the bucket up "
                "with the object store's own versioning or replication (README, Several machines)."
            )
