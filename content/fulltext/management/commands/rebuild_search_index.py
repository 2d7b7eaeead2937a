from django.core.management.base import BaseCommand

from content.fulltext.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the Chinese full-text index from every live public page and every registered source, "
        "beside the live index, which searches keep reading until the new one replaces it."
    )

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  [{done}/{total}]")

        count = rebuild(progress)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} entries."))
