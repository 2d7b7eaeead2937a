from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into this installation: a new empty database "
        "(not migrated) and empty media folders. Every file is checked against the manifest before "
        "anything is written, and every table's row count and file's checksum after."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database and files that are already there")

    def handle(self, file, force=False, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        try:
            report = backup.restore(file, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {file}: {report['tables']} tables, {report['rows']} rows and {report['files']} files, "
            "all matching the manifest"
        )
