"""The public site's subscriptions: what it does when pages, settings, units or disclosed replies change."""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from coordination.models import Reply
from coordination.public import (
    disclosed_replies,
    public_data_changed,
    register_index_formatter,
    reply_public_changed,
)

from .cache import bump
from .fulltext import registry
from .fulltext.tasks import queue_index
from .index_numbers import portal_index_number, take_on_first_publish
from .models.replies import reply_search_document
from .models.settings import PortalSettings
from .public_address import sync_default_site


def reply_changed(sender, reply, **kwargs) -> None:
    """A reply became public or stopped being public: refresh cached pages and its search entry."""
    bump()
    queue_index(reply)


def settings_saved(sender, created, **kwargs) -> None:
    """An edit shows on every page's footer; the row Wagtail creates on first use holds what was shown already."""
    if not created:
        bump()


def connect() -> None:
    page_published.connect(take_on_first_publish, dispatch_uid="content_index_number")
    page_published.connect(bump, dispatch_uid="content_cache_publish")
    page_unpublished.connect(bump, dispatch_uid="content_cache_unpublish")
    post_page_move.connect(bump, dispatch_uid="content_cache_move")
    post_delete.connect(bump, sender=Page, dispatch_uid="content_cache_delete")
    # A restricted page drops out of every list of public pages (and their cached fragments).
    post_save.connect(bump, sender=PageViewRestriction, dispatch_uid="content_cache_restriction_saved")
    post_delete.connect(bump, sender=PageViewRestriction, dispatch_uid="content_cache_restriction_deleted")
    # The footer on every page, and the units and standing measures on theirs.
    post_save.connect(settings_saved, sender=PortalSettings, dispatch_uid="content_cache_settings")
    public_data_changed.connect(bump, dispatch_uid="content_cache_public_data")
    reply_public_changed.connect(reply_changed, dispatch_uid="content_reply_public_changed")
    register_index_formatter(portal_index_number)
    content = apps.get_app_config("content")
    post_migrate.connect(sync_default_site, sender=content, dispatch_uid="content_public_address")
    registry.register(Reply, disclosed_replies, reply_search_document)
