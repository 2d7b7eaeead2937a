from django.core.management.base import BaseCommand
from wagtail.models import Page

from content.fulltext.indexing import index_object
from content.fulltext.models import SearchEntry
from content.fulltext.registry import sources


class Command(BaseCommand):
    help = "Rebuild the Chinese full-text index from every live public page and every registered source."

    def handle(self, *args, **options):
        pages = [p for p in Page.objects.live().public().specific() if hasattr(p, "search_document")]
        others = [obj for source in sources() for obj in source()]
        everything = pages + others
        SearchEntry.objects.all().delete()
        for number, obj in enumerate(everything, start=1):
            index_object(obj)
            if number % 10 == 0 or number == len(everything):
                self.stdout.write(f"  [{number}/{len(everything)}] {str(obj)[:40]}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {SearchEntry.objects.count()} entries."))
