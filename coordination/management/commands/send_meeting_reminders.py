from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Remind the office of minutes not issued in time and units of a consent deadline (each once); for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="send_meeting_reminders")
        except Exception as error:
            raise CommandError(f"send_meeting_reminders failed: {error}") from error
        self.stdout.write(f"send_meeting_reminders: {result}")
