from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content import demo
from coordination.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo: units, accounts, the site, a year of meetings, items and proposals. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-progress", action="store_true", help="only print the summary")

    def handle(self, *args, quiet_progress=False, **options):
        if not settings.DEBUG and not getattr(settings, "PORTAL_ALLOW_DEMO", False):
            raise CommandError(
                "load_demo creates accounts with a published password; it runs only with DEBUG on "
                "(portal.settings.dev). Set PORTAL_ALLOW_DEMO=1 to load it elsewhere on purpose."
            )

        def progress(line: str) -> None:
            if not quiet_progress:
                self.stdout.write(f"  {line}")

        self.stdout.write("Loading demo data…")
        accounts = demo.load(progress)
        self.stdout.write(self.style.SUCCESS("Demo ready: http://127.0.0.1:8000/  (admin: /admin/)"))
        if settings.DEBUG:
            self.stdout.write(f"  office user:   {accounts['office'].username} / {DEMO_PASSWORD}")
            self.stdout.write(f"  convenor:      {accounts['convenor'].username} / {DEMO_PASSWORD}")
            self.stdout.write(f"  site editor:   {accounts['editor'].username} / {DEMO_PASSWORD}")
            self.stdout.write(f"  unit leader:   {accounts['leader'].username} / {DEMO_PASSWORD} (signs off 区民政局)")
            self.stdout.write(f"  liaisons:      liaison01 … liaison27 / {DEMO_PASSWORD} (notice order)")
