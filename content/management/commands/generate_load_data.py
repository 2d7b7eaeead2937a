import io
import time
from functools import partial

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from content.loaddata import NotReady, Sizes, generate
from content.loaddata.bulk import Progress


class Command(BaseCommand):
    help = (
        "Add load data on top of the demo (about ten times a district's volume by default), "
        "bulk-inserted and reproducible from --seed, then rebuild the search index."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--policies", type=int, default=defaults.policies, help="policy pages")
        parser.add_argument("--proposals", type=int, default=defaults.proposals, help="suggestions and proposals")
        parser.add_argument("--items", type=int, default=defaults.items, help="action items")
        parser.add_argument("--reports", type=int, default=defaults.reports, help="progress reports")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same rows")
        parser.add_argument("--no-index", action="store_true", help="leave the search index as it is")
        parser.add_argument("--quiet-progress", action="store_true", help="no progress bars on stderr")

    def handle(self, *args, policies, proposals, items, reports, seed, no_index, quiet_progress, **options):
        if min(policies, proposals, items, reports) < 0:
            raise CommandError("sizes cannot be negative")
        sizes = Sizes(policies=policies, proposals=proposals, items=items, reports=reports)
        started = time.perf_counter()
        try:
            generate(
                sizes, seed, Progress(partial(self.stderr.write, ending=""), self.stderr.flush, quiet=quiet_progress)
            )
        except NotReady as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":  # the planner's statistics, stale after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Generated {sizes} in {time.perf_counter() - started:.1f} s (seed {seed}).")
        if not no_index:
            started = time.perf_counter()
            call_command("rebuild_search_index", stdout=io.StringIO() if quiet_progress else self.stdout)
            self.stdout.write(f"Search index rebuilt in {time.perf_counter() - started:.1f} s.")
