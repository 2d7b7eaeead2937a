from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Send the office's weekly digest of overdue and coming items (once per week); for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="send_office_digest")
        except Exception as error:
            raise CommandError(f"send_office_digest failed: {error}") from error
        self.stdout.write(f"send_office_digest: {result}")
