from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Remind lead units whose first contact with a proposer (办前面商) is late (once per assignment); for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="send_contact_reminders")
        except Exception as error:
            raise CommandError(f"send_contact_reminders failed: {error}") from error
        self.stdout.write(f"send_contact_reminders: {result}")
