from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from portal.benchmark import report, timings
from portal.benchmark.load import budgeted, drive, fetch
from portal.benchmark.server import gunicorn
from portal.benchmark.targets import prepare


class Command(BaseCommand):
    help = (
        "Start gunicorn on the database DATABASE_URL points at (PostgreSQL, with load data), drive the "
        "portal's pages from client threads, print p50/p95/rps/queries and ratios to a floor view and a "
        "plain Wagtail page, and time the slow jobs (PDFs, reminder scan, ledger, index rebuild)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="requests per target (default 30)")
        parser.add_argument("--duration", type=float, help="seconds of load instead of a number of requests")
        parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
        parser.add_argument(
            "--budget",
            type=float,
            default=20,
            help="seconds a target may take: fewer requests (at least 3) for a slow one; one whose warm-up "
            "request took longer is reported from that request alone (default 20)",
        )
        parser.add_argument("--only", nargs="*", help="drive only these targets (floor and plain always)")
        parser.add_argument("--skip-timings", action="store_true", help="only the pages, no single-run timings")
        parser.add_argument("--skip-rebuild", action="store_true", help="time everything but the index rebuild")
        parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("the benchmark measures PostgreSQL: point DATABASE_URL at a database with load data")
        if min(options["requests"], options["concurrency"], options["workers"]) < 1:
            raise CommandError("--requests, --concurrency and --workers must be at least 1")
        prepared = prepare()
        targets = prepared.targets
        if options["only"]:
            unknown = set(options["only"]) - {t.name for t in targets}
            if unknown:
                names = ", ".join(t.name for t in targets)
                raise CommandError(f"no target named {', '.join(sorted(unknown))}; the targets: {names}")
            targets = [t for t in targets if t.name in {"floor", "plain", *options["only"]}]
        found = {}
        with override_settings(DEBUG=False), gunicorn(workers=options["workers"]) as port:
            self.stderr.write(f"gunicorn on 127.0.0.1:{port}; warming up {len(targets)} targets")
            warm = {}
            for target in targets:
                warm[target.name] = fetch(port, target)
                self.stderr.write(f"  {target.name}: {warm[target.name].latency_ms:,.0f} ms")
            driven, over = budgeted(targets, warm, options["requests"], options["budget"])
            samples, seconds = drive(
                port, driven, options["requests"], options["concurrency"], duration=options["duration"]
            )
            samples += [warm[t.name] for t in over]
            self.stderr.write(f"{len(samples)} requests in {seconds:.1f} s")
            if not options["skip_timings"]:
                found["cached_pdf_download"] = timings.cached_pdf_download(
                    port, prepared.minutes_pdf, prepared.office_cookie
                )
        if not options["skip_timings"]:
            found |= self.slow_jobs(skip_rebuild=options["skip_rebuild"])
        figures = report.figures(samples, [t.name for t in targets], options["concurrency"])
        settings = {
            "concurrency": options["concurrency"],
            "requests_per_target": options["requests"],
            "duration_s": options["duration"],
            "gunicorn_workers": options["workers"],
            "budget_s": options["budget"],
            "warm_up_only": [t.name for t in over],
            "wall_s": round(seconds, 1),
            "total_rps": round(len(samples) / seconds, 1),
        }
        self.stdout.write(report.table(figures))
        if found:
            self.stdout.write("\n" + report.timings_lines(found))
        if options["json"]:
            report.write_json(options["json"], report.document(figures, found, settings))
            self.stdout.write(f"\nwritten to {options['json']}")

    def slow_jobs(self, *, skip_rebuild: bool) -> dict:
        jobs = {
            "minutes_pdf_3_pages": timings.minutes_pdf,
            "circular_27_units_90_days": timings.circular_pdf,
            "reminder_scan": timings.reminder_scan,
            "ledger_all_items": timings.ledger_export,
        }
        if not skip_rebuild:
            jobs["search_index_rebuild"] = timings.index_rebuild
        found = {}
        with override_settings(DEBUG=False, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for name, job in jobs.items():
                self.stderr.write(f"timing {name}")
                found[name] = job()
        return found
