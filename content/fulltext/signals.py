"""Keep the index current: a page is (re)indexed when published and removed when unpublished or deleted."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .models import SearchEntry
from .tasks import queue_index


def _page_changed(sender, instance, **kwargs):
    if hasattr(instance.specific_class or Page, "search_document"):
        queue_index(instance)


def _page_deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(content_type_id=instance.content_type_id, object_id=str(instance.pk)).delete()


def connect():
    page_published.connect(_page_changed, dispatch_uid="fulltext_page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="fulltext_page_unpublished")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="fulltext_page_deleted")
