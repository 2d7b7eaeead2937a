from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Escalate red items to the convenors and the office (once per item and deadline); idempotent, for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="escalate_red_items")
        except Exception as error:
            raise CommandError(f"escalate_red_items failed: {error}") from error
        self.stdout.write(f"escalate_red_items: {result}")
