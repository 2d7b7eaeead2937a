from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Send today's deadline reminders (N days before, daily when overdue); idempotent, for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="send_reminders")
        except Exception as error:
            raise CommandError(f"send_reminders failed: {error}") from error
        self.stdout.write(f"send_reminders: {result}")
