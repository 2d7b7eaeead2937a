import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from coordination import permissions, selectors, services
from coordination.errors import DomainError
from coordination.importers.files import extract_text
from coordination.importers.letters import parse_reply


class Command(BaseCommand):
    help = "Read reply letters (.txt or .docx) into their fields; save them unless --dry-run."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--dry-run", action="store_true", help="print what was found per field, save nothing")
        parser.add_argument("--json", action="store_true", help="with --dry-run: one JSON object per file")
        parser.add_argument("--user", help="the office account the import is recorded under")

    def handle(self, files, dry_run=False, json=False, user=None, **options):
        actor = None if dry_run else self._actor(user)
        saved = failed = 0
        for number, name in enumerate(files, start=1):
            path = Path(name)
            try:
                parsed = parse_reply(extract_text(path.read_bytes(), path.name))
            except OSError as error:
                failed += 1
                self.stderr.write(f"[{number}/{len(files)}] {name}: cannot be read ({error.strerror or error})")
                continue
            except DomainError as error:
                failed += 1
                self.stderr.write(f"[{number}/{len(files)}] {name}: {error.message}")
                continue
            if dry_run:
                self._print(path, parsed, as_json=json)
                continue
            unit = selectors.unit_by_name(parsed.issuing_body)
            if unit is None:
                failed += 1
                self.stderr.write(
                    f"[{number}/{len(files)}] {name}: issuing body {parsed.issuing_body!r} is not a "
                    "member unit; import it through the workbench form and choose the unit."
                )
                continue
            try:
                reply = services.reply_import(actor=actor, unit=unit, fields=parsed.as_dict() | {"date": parsed.date})
            except DomainError as error:
                failed += 1
                self.stderr.write(f"[{number}/{len(files)}] {name}: {error.message}")
                continue
            saved += 1
            waits = " (public once the office confirms it)" if reply.awaits_disclosure_confirmation else ""
            self.stdout.write(f"[{number}/{len(files)}] {name}: saved {parsed.doc_number or ''}{waits}")
        if not dry_run:
            self.stdout.write(f"saved {saved}, not saved {failed}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files were not imported; see the messages above.")

    def _print(self, path, parsed, *, as_json):
        data = parsed.as_dict() | ({"invalid": parsed.invalid} if parsed.invalid else {})
        if as_json:
            self.stdout.write(json.dumps({"file": path.name, **data}, ensure_ascii=False))
            return
        self.stdout.write(f"== {path.name}")
        for key, value in data.items():
            shown = (
                "— not found"
                if value in (None, [])
                else (value[:60] + "…" if isinstance(value, str) and len(value) > 60 else value)
            )
            self.stdout.write(f"  {key:20} {shown}")

    def _actor(self, username):
        users = get_user_model().objects.filter(is_active=True)
        actor = users.filter(username=username).first() if username else permissions.office_users().first()
        if actor is None or not permissions.is_office(actor):
            raise CommandError("Give --user with an active office (联席会议办公室) account, or use --dry-run.")
        return actor
