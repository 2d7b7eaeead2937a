"""Admin screens of the public site that are not page editing: importing a founding notice, and
reading a work summary's figures into a report's chart."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from coordination import permissions

from .admin_views import notice_import_view
from .models import ReportPage
from .report_figures_admin import report_figures_view


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_office(request.user)


@hooks.register("register_admin_urls")
def register_notice_import_url():
    # The address predates the move from coordination; bookmarks and the office's notes use it.
    return [
        path("coordination/import-notice/", notice_import_view, name="content_import_notice"),
        path("reports/<int:page_id>/figures/", report_figures_view, name="content_report_figures"),
    ]


@hooks.register("register_admin_menu_item")
def register_notice_import_menu_item():
    return OfficeMenuItem(gettext_lazy("导入通知"), reverse("content_import_notice"), icon_name="upload", order=900)


def _report_figures_button(page, user, priority):
    if page.specific_class is ReportPage and permissions.can_edit_page_draft(user, page):
        yield Button(
            gettext_lazy("从总结提取数据"),
            reverse("content_report_figures", args=[page.pk]),
            icon_name="table",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def report_figures_header_button(page, user, view_name, next_url=None):
    yield from _report_figures_button(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def report_figures_listing_button(page, user, next_url=None):
    yield from _report_figures_button(page, user, priority=3)
