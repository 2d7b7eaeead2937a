from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from coordination import services

from .indexing import index_document, index_object, object_key


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def index_object_task(content_type_id: int, object_id: str) -> bool:
    """Bring one object's entry up to date: indexed if it is public now, removed otherwise."""
    content_type = ContentType.objects.get_for_id(content_type_id)
    model = content_type.model_class()
    obj = model._default_manager.filter(pk=object_id).first() if model else None
    if obj is not None and isinstance(obj, Page):
        obj = obj.specific if Page.objects.live().public().filter(pk=obj.pk).exists() else None
    if obj is None:
        index_document(content_type, object_id, None)
        return False
    return index_object(obj) is not None


def queue_index(obj) -> None:
    """Index (or, when it is gone or no longer public, remove) `obj` in a task after the commit.

    Through the outbox: publishing never fails because the broker is down; the index catches up.
    """
    content_type, object_id = object_key(obj)
    services.outbox_enqueue(index_object_task, content_type.pk, object_id)
