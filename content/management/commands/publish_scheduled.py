from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from coordination import services


class Command(WagtailCommand):
    """Wagtail's `publish_scheduled`, recording its run for /healthz like the portal's other jobs.

    This app comes before `wagtail` in INSTALLED_APPS, so `manage.py publish_scheduled` (cron, the
    Celery task) is this command; the job itself calls Wagtail's class.
    """

    def handle(self, *args, **options):
        if options.get("dryrun"):
            return super().handle(*args, **options)
        self.stdout.write(services.scheduled_job_run(name="publish_scheduled") or "")
