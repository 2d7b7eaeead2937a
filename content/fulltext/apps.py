from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FulltextConfig(AppConfig):
    """The portal's own Chinese full-text index (stock Wagtail search does not segment Chinese)."""

    name = "content.fulltext"
    label = "content_fulltext"
    verbose_name = _("全文检索")

    def ready(self):
        from . import signals  # imports models: only possible once the registry is ready

        signals.connect()
