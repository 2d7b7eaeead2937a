from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("门户内容")

    def ready(self):
        from . import receivers  # imports models: only possible once the registry is ready

        receivers.connect()
