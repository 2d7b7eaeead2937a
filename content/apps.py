from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("门户内容")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .cache import bump

        page_published.connect(bump, dispatch_uid="content_cache_publish")
        page_unpublished.connect(bump, dispatch_uid="content_cache_unpublish")
