"""Admin screens of the public site that are not page editing: importing a founding notice."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from coordination import permissions

from .admin_views import notice_import_view


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_office(request.user)


@hooks.register("register_admin_urls")
def register_notice_import_url():
    # The address predates the move from coordination; bookmarks and the office's notes use it.
    return [path("coordination/import-notice/", notice_import_view, name="content_import_notice")]


@hooks.register("register_admin_menu_item")
def register_notice_import_menu_item():
    return OfficeMenuItem(gettext_lazy("导入通知"), reverse("content_import_notice"), icon_name="upload", order=900)
