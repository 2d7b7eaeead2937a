from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, using="default", **kwargs):
    # This app is listed first, so its receiver runs before auth's own: create the permissions
    # the role groups need here rather than depend on receiver order. Imported here because
    # apps.py is loaded before any model can be.
    from django.contrib.auth.management import create_permissions

    from .permissions import ensure_role_groups

    for label in ("coordination", "wagtailadmin"):
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ensure_role_groups()


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("联席会议协调")

    def ready(self):
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="coordination_role_groups")
        from . import invalidation  # imports models: only possible once the registry is ready

        invalidation.connect()
        from portal.translation import flatten_fallbacks

        if settings.USE_I18N:
            flatten_fallbacks()
