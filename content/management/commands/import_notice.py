from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content.notice_import import import_notice
from coordination import permissions
from coordination.errors import DomainError
from coordination.importers.files import decode_text
from coordination.importers.founding_notice import parse_notice


class Command(BaseCommand):
    help = (
        "Import a joint-meeting notice (text file): its policy page with the disclosure metadata, "
        "the member units, their duties (attachment 1) and the standing measures (attachment 2)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="the office account the import is recorded under (default: the first)")

    def handle(self, file, user=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file. Give the path of the notice saved as UTF-8 text.")
        try:
            text = decode_text(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror or error}).") from error
        except DomainError as error:
            raise CommandError(f"{file}: {error.message}") from error
        actor = self._actor(user)
        notice = parse_notice(text)
        self.stdout.write(
            f"Importing {notice.metadata.doc_number or path.name}: {len(notice.members)} units, "
            f"{len(notice.duties)} duty sections, {len(notice.measures)} measures"
        )
        try:
            report = import_notice(notice, actor=actor, progress=lambda line: self.stdout.write(f"  {line}"))
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        for what, n in sorted(report.counts.items()):
            self.stdout.write(f"{what}: {n}")
        for line in report.aliased:
            self.stdout.write(f"resolved by alias: {line}")
        for line in report.external:
            self.stdout.write(f"recorded as external: {line}")
        for line in report.unmatched:
            self.stdout.write(self.style.WARNING(f"not matched (recorded as external): {line}"))
        for line in report.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {line}"))
        self.stdout.write(self.style.SUCCESS("Done."))

    def _actor(self, username):
        users = get_user_model().objects.filter(is_active=True)
        actor = users.filter(username=username).first() if username else permissions.office_users().first()
        if actor is None or not permissions.is_office(actor):
            raise CommandError(
                "Give --user with an active office (联席会议办公室) account; the import is recorded under it."
            )
        return actor
