from django.core.management.base import BaseCommand, CommandError

from coordination import services


class Command(BaseCommand):
    help = "Remind the office of information requests (依申请公开) near or past their deadline, once a stage; for cron."

    def handle(self, **options):
        try:
            result = services.scheduled_job_run(name="send_disclosure_reminders")
        except Exception as error:
            raise CommandError(f"send_disclosure_reminders failed: {error}") from error
        self.stdout.write(f"send_disclosure_reminders: {result}")
